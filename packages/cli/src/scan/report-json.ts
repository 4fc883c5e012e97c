import type { Finding } from './finding.js'

/** The findings as a JSON array of `{ file, line, column, rule, label, preview, fix }`. */
export function reportJson(findings: readonly Finding[]): string {
  return (
    JSON.stringify(
      findings.map(({ file, line, column, rule, label, preview, fix }) => ({ file, line, column, rule: `hush/${rule}`, label, preview, fix })),
      null,
      2,
    ) + '\n'
  )
}
