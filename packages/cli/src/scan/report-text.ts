import type { Finding } from './finding.js'

/** One finding a line (`file:line:col  rule  what  preview`), the fix below it; meant for people. */
export function reportText(findings: readonly Finding[]): string {
  return findings.map((f) => `${f.file}:${f.line}:${f.column}  hush/${f.rule}  ${f.label}  ${f.preview}\n  fix: ${f.fix}\n`).join('')
}
