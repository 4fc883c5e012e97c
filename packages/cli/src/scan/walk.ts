import { type Dirent, readdirSync, statSync } from 'node:fs'
import { isAbsolute, join, normalize, relative, sep } from 'node:path'
import type { IgnoreRules } from './ignore.js'

const posix = (path: string) => (sep === '/' ? path : path.split(sep).join('/'))

/**
 * The files under `paths` (files or folders, relative to `cwd`), relative to `cwd` with forward
 * slashes, minus what the ignore rules hide. A path named outright is scanned even when ignored,
 * as a user who names a file means it. A folder that cannot be listed goes to `unreadable` (with
 * a trailing `/`), and the walk goes on.
 */
export function walk(cwd: string, paths: readonly string[], rules: IgnoreRules, unreadable: (folder: string, code: string) => void): string[] {
  const out: string[] = []
  const full = (rel: string) => (rel ? `${cwd}/${rel}` : cwd)
  const visit = (rel: string) => {
    let entries: Dirent[]
    try {
      entries = readdirSync(full(rel), { withFileTypes: true })
    } catch (error) {
      return unreadable(`${rel || '.'}/`, (error as NodeJS.ErrnoException).code ?? 'EIO')
    }
    for (const entry of entries) {
      const child = rel ? `${rel}/${entry.name}` : entry.name
      if (entry.isDirectory()) {
        if (!rules.ignores(child, true)) visit(child)
      } else if (entry.isFile() && !rules.ignores(child)) out.push(child)
    }
  }
  for (const path of paths.length ? paths : ['.']) {
    const rel = relativeTo(cwd, path)
    const stat = statSync(full(rel)) // a missing path throws ENOENT: the command reports it
    if (stat.isDirectory()) visit(rel)
    else out.push(rel)
  }
  return [...new Set(out)]
}

/**
 * `path` relative to `cwd`, as `relative(cwd, join(cwd, path))` gives it. A path inside `cwd`
 * only needs normalising: path.relative resolves both sides against the process' directory on
 * every call, which cost more than reading the file when a hook names hundreds of them.
 */
function relativeTo(cwd: string, path: string): string {
  const rel = posix(normalize(path)).replace(/\/+$/, '')
  if (isAbsolute(path) || rel === '..' || rel.startsWith('../')) return posix(relative(cwd, join(cwd, path)))
  return rel === '.' ? '' : rel
}
