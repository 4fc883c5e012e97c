import { findSecrets } from '@hush/core/detect'
import type { Redactor } from '@hush/core'
import { envSecrets, isEnvFile } from './env-file.js'
import type { Finding } from './finding.js'
import { Lines } from './lines.js'
import { previewOf } from './preview.js'
import { ALLOW_COMMENT, RULES, type RuleId } from './rules.js'

interface Span {
  index: number
  length: number
  rule: RuleId
  label: string
}

/**
 * The secrets in one file's text: the values the stores hold (`known`), plain values in a
 * `.env` file, and what detection finds anywhere. One finding per place, the strongest
 * evidence first; a line with a `hush-ignore` comment is allowed.
 */
export function findingsIn(file: string, text: string, known?: Redactor): Finding[] {
  const spans: Span[] = []
  const taken = (s: { index: number; length: number }) => spans.some((o) => s.index < o.index + o.length && o.index < s.index + s.length)
  const add = (s: Span) => {
    if (!taken(s)) spans.push(s)
  }
  if (known?.size)
    for (const m of known.findAll(text))
      add({ index: m.start, length: m.end - m.start, rule: 'known-value', label: `the value of ${m.name}${m.encoding === 'raw' ? '' : ` (${m.encoding})`}` })
  const env = isEnvFile(file)
  if (env) for (const s of envSecrets(text)) add({ ...s, rule: 'env-plain-secret', label: s.label })
  if (!spans.length && !mayHoldSecret(text)) return []
  const lines = new Lines(text)
  const envLines = env ? new Set(spans.filter((s) => s.rule === 'env-plain-secret').map((s) => lines.at(s.index).line)) : undefined
  for (const f of findSecrets(text)) {
    if (envLines?.has(lines.at(f.index).line)) continue
    add({ index: f.index, length: f.length, rule: 'hardcoded-secret', label: f.label })
  }
  const out: Finding[] = []
  for (const s of spans.sort((a, b) => a.index - b.index)) {
    const { line, column } = lines.at(s.index)
    if (ALLOW_COMMENT.test(lines.line(line))) continue
    out.push({ file, line, column, rule: s.rule, label: s.label, preview: previewOf(text.slice(s.index, s.index + s.length)), fix: RULES[s.rule].fix })
  }
  return out
}

/** Detection needs at least a few characters in a row: an empty or tiny file cannot hold a secret. */
const mayHoldSecret = (text: string) => text.length >= 8
