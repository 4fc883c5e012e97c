import { sarifLog } from '../sarif/log.js'
import { createHash } from 'node:crypto'
import pc from 'picocolors'
import { CHECKS, type CheckId, type Problem, SEVERITIES } from './problem.js'

export interface DoctorResult {
  environment: string
  secrets: number
  problems: Problem[]
}

const HEADINGS = { error: 'Errors', warning: 'Warnings', info: 'Info' } as const
const MARKS = { error: pc.red('✖'), warning: pc.yellow('!'), info: pc.blue('i') } as const

const counts = (problems: readonly Problem[]) =>
  Object.fromEntries(SEVERITIES.map((s) => [s, problems.filter((p) => p.severity === s).length])) as Record<string, number>

const plural = (n: number, word: string) => `${n} ${word}${n === 1 ? '' : 's'}`

/** Problems grouped by severity, each with its next step; a summary line first. */
export function reportText(r: DoctorResult): string {
  const c = counts(r.problems)
  const head = `hush doctor: ${plural(r.secrets, 'secret')} in ${r.environment}: `
  if (!r.problems.length) return `${head}no problems\n`
  const lines = [`${head}${plural(c.error!, 'error')}, ${plural(c.warning!, 'warning')}, ${c.info} info`]
  for (const severity of SEVERITIES) {
    const group = r.problems.filter((p) => p.severity === severity)
    if (!group.length) continue
    lines.push('', pc.bold(HEADINGS[severity]))
    for (const p of group) {
      const where = p.file ? pc.dim(` (${p.file}${p.line ? `:${p.line}` : ''})`) : ''
      lines.push(`  ${MARKS[severity]} ${p.name ? `${pc.bold(p.name)} ` : ''}${p.message}${where}`)
      lines.push(`    next: ${p.next}`)
    }
  }
  return lines.join('\n') + '\n'
}

export function reportJson(r: DoctorResult): string {
  return JSON.stringify({ environment: r.environment, secrets: r.secrets, counts: counts(r.problems), problems: r.problems }, null, 2) + '\n'
}

const LEVEL = { error: 'error', warning: 'warning', info: 'note' } as const
const INFORMATION_URI = 'https://github.com/hush-dev/hush/tree/main/packages/cli#hush-doctor'

/** SARIF 2.1.0 for GitHub code scanning: one rule per check, each problem at its file and line. */
export function reportSarif(r: DoctorResult, version: string): string {
  const ids = Object.keys(CHECKS) as CheckId[]
  const results = r.problems.map((p) => ({
    ruleId: `hush/doctor/${p.check}`,
    ruleIndex: ids.indexOf(p.check),
    level: LEVEL[p.severity],
    message: { text: `${p.name ? `${p.name} ` : ''}${p.message}. Next: ${p.next}` },
    ...(p.file
      ? { locations: [{ physicalLocation: { artifactLocation: { uri: encodeURI(p.file) }, ...(p.line ? { region: { startLine: p.line } } : {}) } }] }
      : {}),
    partialFingerprints: {
      'hushDoctor/v1': createHash('sha256')
        .update(`${p.check}\0${p.name ?? ''}\0${r.environment}\0${p.message}`)
        .digest('hex')
        .slice(0, 32),
    },
  }))
  return sarifLog(
    version,
    INFORMATION_URI,
    ids.map((id) => ({ id: `hush/doctor/${id}`, shortDescription: { text: CHECKS[id] } })),
    results,
  )
}
