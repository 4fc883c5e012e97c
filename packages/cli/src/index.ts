// The `hush` binary's code as a library: `main` runs a command line, `scan` is `hush scan`
// without the printing, for tools that want the findings as data.
export { main } from './cli.js'
export { EXIT } from './exit-codes.js'
export type { ExitCode } from './exit-codes.js'
export { scan } from './scan/scan.js'
export type { ScanOptions, ScanResult } from './scan/scan.js'
export type { Finding, Skipped } from './scan/finding.js'
export { RULES } from './scan/rules.js'
export type { RuleId } from './scan/rules.js'
