import pkg from '../../package.json' with { type: 'json' }
import { EXIT } from '../exit-codes.js'
import { reportJson } from '../scan/report-json.js'
import { reportText } from '../scan/report-text.js'
import type { Skipped } from '../scan/finding.js'
import { scan, type ScanResult } from '../scan/scan.js'
import type { Format, ScanCommandOptions } from './scan-options.js'

const warn = (line: string) => void process.stderr.write(`${line}\n`)

const WHY: Record<Skipped['reason'], string> = { binary: 'binary', 'too-large': 'over 2 MB', unreadable: 'unreadable' }

/** `hush scan [paths...]`: prints the findings in the chosen format; exit 1 when there are any. */
export async function scanCommand(paths: readonly string[], options: ScanCommandOptions): Promise<number> {
  const cwd = process.cwd()
  const format = options.format as Format
  // The resolver, the config loader and the providers load only when values are asked for.
  const known = options.knownValues ? await (await import('../scan/known-values.js')).knownValues(cwd, warn) : undefined
  let result: ScanResult
  try {
    result = await scan({ cwd, paths, staged: options.staged ?? false, ...(known ? { known } : {}) })
  } catch (error) {
    const e = error as NodeJS.ErrnoException & { stderr?: string }
    if (e.code === 'ENOENT' && e.syscall?.startsWith('spawn')) warn(`hush: could not run ${e.path}: is it installed and on the PATH?`)
    else if (e.code === 'ENOENT' && e.path) warn(`hush: ${e.path} does not exist`)
    else if (options.staged && /not a git repository/i.test(e.stderr ?? e.message)) warn('hush: --staged reads the git index: run it inside a git repository')
    else warn(`hush: scan failed: ${e.message}`)
    return EXIT.usage
  }
  const { findings, skipped, scanned } = result
  for (const s of skipped) warn(`hush: skipped ${s.file} (${WHY[s.reason]}${s.code ? `: ${s.code}` : ''})`)
  if (format === 'json') process.stdout.write(reportJson(findings, skipped))
  // SARIF's fingerprints need node:crypto, which no other format loads.
  else if (format === 'sarif') process.stdout.write((await import('../scan/report-sarif.js')).reportSarif(findings, pkg.version))
  else {
    process.stdout.write(reportText(findings))
    const files = new Set(findings.map((f) => f.file)).size
    const what = options.staged ? 'staged ' : ''
    warn(
      findings.length
        ? `hush: ${findings.length} secret${findings.length === 1 ? '' : 's'} in ${files} ${what}file${files === 1 ? '' : 's'}`
        : `hush: no secrets in ${scanned} ${what}file${scanned === 1 ? '' : 's'}`,
    )
  }
  return findings.length ? EXIT.found : EXIT.ok
}
