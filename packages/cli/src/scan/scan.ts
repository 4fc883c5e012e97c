import { isAbsolute } from 'node:path'
import type { Redactor } from '@hush/core'
import type { Finding, Skipped } from './finding.js'
import { IgnoreRules } from './ignore.js'
import { readText, textOf } from './read.js'
import { walk } from './walk.js'

export interface ScanOptions {
  /** The directory paths are relative to, and where the ignore files and hush.config are read. @default process.cwd() */
  cwd?: string
  /** Files and folders to scan (relative to `cwd`). @default the whole of `cwd` */
  paths?: readonly string[]
  /** Scan the staged blobs (the next commit) instead of the working tree. @default false */
  staged?: boolean
  /** Values to find in every encoding, such as the stores' current values (see `knownValues`). */
  known?: Redactor
}

export interface ScanResult {
  findings: Finding[]
  skipped: Skipped[]
  /** How many files were read. */
  scanned: number
}

/** Scans the working tree (or the staged changes) for secrets. */
export async function scan(options: ScanOptions = {}): Promise<ScanResult> {
  const cwd = options.cwd ?? process.cwd()
  const paths = options.paths ?? []
  // git starts first, then detection's patterns compile while it reads the index. The git
  // plumbing (child_process) loads only for --staged.
  const staged = options.staged ? import('./staged.js').then((m) => m.stagedSources(cwd)) : undefined
  staged?.catch(() => {}) // awaited below; this keeps a failure from being reported before then
  const { findingsIn } = await import('./text-findings.js')
  const rules = new IgnoreRules(cwd)
  const findings: Finding[] = []
  const skipped: Skipped[] = []
  let scanned = 0
  const take = (file: string, read: { text: string } | { skip: Skipped['reason'] }) => {
    if ('skip' in read) return skipped.push({ file, reason: read.skip })
    scanned++
    findings.push(...findingsIn(file, read.text, options.known))
  }
  if (staged) {
    const under = paths.map((p) => p.replace(/\/+$/, '').replace(/^\.\/?/, ''))
    for (const source of await staged) {
      if (rules.ignores(source.file)) continue
      if (under.length && !under.some((p) => !p || source.file === p || source.file.startsWith(`${p}/`))) continue
      take(source.file, textOf(source.bytes))
    }
  } else {
    const unreadable = (file: string, code: string) => skipped.push({ file, reason: 'unreadable', code })
    for (const file of walk(cwd, paths, rules, unreadable)) {
      let read: ReturnType<typeof readText>
      try {
        // Joined by hand: path.join on every file showed in the profile of a scan of named files.
        read = readText(isAbsolute(file) ? file : `${cwd}/${file}`)
      } catch (error) {
        unreadable(file, (error as NodeJS.ErrnoException).code ?? 'EIO')
        continue
      }
      take(file, read)
    }
  }
  return { findings, skipped, scanned }
}
