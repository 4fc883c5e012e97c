import { readdirSync, statSync } from 'node:fs'
import { join, relative, sep } from 'node:path'
import type { IgnoreRules } from './ignore.js'

const posix = (path: string) => (sep === '/' ? path : path.split(sep).join('/'))

/**
 * The files under `paths` (files or folders, relative to `cwd`), relative to `cwd` with forward
 * slashes, minus what the ignore rules hide. A path named outright is scanned even when ignored,
 * as a user who names a file means it.
 */
export function walk(cwd: string, paths: readonly string[], rules: IgnoreRules): string[] {
  const out: string[] = []
  const visit = (rel: string) => {
    for (const entry of readdirSync(join(cwd, rel), { withFileTypes: true })) {
      const child = rel ? `${rel}/${entry.name}` : entry.name
      if (entry.isDirectory()) {
        if (!rules.ignores(child, true)) visit(child)
      } else if (entry.isFile() && !rules.ignores(child)) out.push(child)
    }
  }
  for (const path of paths.length ? paths : ['.']) {
    const rel = posix(relative(cwd, join(cwd, path)))
    const stat = statSync(join(cwd, rel)) // a missing path throws ENOENT: the command reports it
    if (stat.isDirectory()) visit(rel)
    else out.push(rel)
  }
  return [...new Set(out)]
}
