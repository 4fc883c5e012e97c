import { sarifLog } from '../sarif/log.js'
import { createHash } from 'node:crypto'
import type { Finding } from './finding.js'
import { RULES, type RuleId } from './rules.js'

const INFORMATION_URI = 'https://github.com/hush-dev/hush/tree/main/packages/cli#readme'

/**
 * A SARIF 2.1.0 log with one run, as GitHub code scanning takes it: every rule described once,
 * each finding an error at its file (relative URI), line and column. Fingerprints are built from
 * the rule, file, what was found and its rank in the file, never from the value, so an alert
 * keeps its identity when lines move and the log gives nothing to test guesses against.
 */
export function reportSarif(findings: readonly Finding[], version: string): string {
  const ids = Object.keys(RULES) as RuleId[]
  const seen = new Map<string, number>()
  const results = findings.map((f) => {
    const key = `${f.rule}\0${f.file}\0${f.label}`
    const nth = (seen.get(key) ?? 0) + 1
    seen.set(key, nth)
    return {
      ruleId: `hush/${f.rule}`,
      ruleIndex: ids.indexOf(f.rule),
      level: 'error',
      message: { text: `${capitalise(f.label)} (${f.preview}). ${f.fix}` },
      locations: [{ physicalLocation: { artifactLocation: { uri: encodeURI(f.file) }, region: { startLine: f.line, startColumn: f.column } } }],
      partialFingerprints: { 'hushFinding/v1': createHash('sha256').update(`${key}\0${nth}`).digest('hex').slice(0, 32) },
    }
  })
  return sarifLog(
    version,
    INFORMATION_URI,
    ids.map((id) => ({
      id: `hush/${id}`,
      shortDescription: { text: RULES[id].description },
      help: { text: RULES[id].fix },
      defaultConfiguration: { level: 'error' },
    })),
    results,
  )
}

const capitalise = (s: string) => s.charAt(0).toUpperCase() + s.slice(1)
