import type { Finding, Skipped } from './finding.js'

/**
 * `{ findings, skipped }`: each finding as `{ file, line, column, rule, label, preview, fix }`, and
 * each file not scanned as `{ file, reason, code? }`, so a pipeline can tell a clean file from one
 * it never read.
 */
export function reportJson(findings: readonly Finding[], skipped: readonly Skipped[]): string {
  const report = {
    findings: findings.map(({ file, line, column, rule, label, preview, fix }) => ({ file, line, column, rule: `hush/${rule}`, label, preview, fix })),
    skipped: skipped.map(({ file, reason, code }) => (code ? { file, reason, code } : { file, reason })),
  }
  return JSON.stringify(report, null, 2) + '\n'
}
