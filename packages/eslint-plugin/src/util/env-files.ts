import { existsSync, readFileSync, readdirSync, statSync } from 'node:fs'
import { dirname, join, resolve } from 'node:path'
import { envValueKind } from '@hush/core/detect'

/**
 * What the project's `.env` files say about a name, all files taken together:
 * - `secret`: some file gives it a reference (`aws-sm://...`) or a value with credentials;
 * - `no-credentials`: every file that sets it gives a URL without credentials.
 * Names that are unset, empty or plain text are left out: their name decides.
 * Only these verdicts are kept, never a value.
 */
export type EnvVerdict = 'secret' | 'no-credentials'

const NONE: ReadonlyMap<string, EnvVerdict> = new Map()

/** `NAME=value`, `export NAME="value"`, `NAME: value`, with quoted values over several lines. */
const LINE = /^[ \t]*(?:export[ \t]+)?([\w.-]+)(?:[ \t]*=[ \t]*|:[ \t]+)('(?:\\'|[^'])*'|"(?:\\"|[^"])*"|`(?:\\`|[^`])*`|[^#\r\n]*)/gm

/** Verdicts by name, from the text of one `.env` file, merged into `into`. */
function readEnv(text: string, into: Map<string, EnvVerdict>): void {
  for (const m of text.matchAll(LINE)) {
    const name = m[1]!
    let value = m[2]!.trim()
    if (/^(['"`])[\s\S]*\1$/.test(value)) value = value.slice(1, -1)
    const kind = envValueKind(value)
    if (kind === 'reference' || kind === 'credentials') into.set(name, 'secret')
    else if (kind === 'url') {
      if (!into.has(name)) into.set(name, 'no-credentials')
    } else if (kind === 'plain' && into.get(name) === 'no-credentials') {
      // A URL in one file and something else in another: no longer known to be harmless.
      into.delete(name)
    }
  }
}

interface Entry {
  dirMtimeMs: number
  files: Array<{ file: string; mtimeMs: number }>
  verdicts: ReadonlyMap<string, EnvVerdict>
}
const cache = new Map<string, Entry>()

/** `.env` and `.env.*` in `dir`, sorted; a folder listing is re-read only when the folder changes. */
function envFilesIn(dir: string, hit: Entry | undefined, dirMtimeMs: number): string[] {
  if (hit && hit.dirMtimeMs === dirMtimeMs) return hit.files.map((f) => f.file)
  return readdirSync(dir)
    .filter((f) => f === '.env' || f.startsWith('.env.'))
    .sort()
    .map((f) => join(dir, f))
}

/** The verdicts of the `.env` files in `dir`, re-read when a file or the folder changes. */
function verdictsIn(dir: string): ReadonlyMap<string, EnvVerdict> {
  let dirMtimeMs: number
  try {
    dirMtimeMs = statSync(dir).mtimeMs
  } catch {
    return NONE
  }
  const hit = cache.get(dir)
  const files: Entry['files'] = []
  for (const file of envFilesIn(dir, hit, dirMtimeMs)) {
    const stat = statSync(file, { throwIfNoEntry: false })
    if (stat?.isFile()) files.push({ file, mtimeMs: stat.mtimeMs })
  }
  if (
    hit &&
    hit.dirMtimeMs === dirMtimeMs &&
    hit.files.length === files.length &&
    hit.files.every((f, i) => f.file === files[i]!.file && f.mtimeMs === files[i]!.mtimeMs)
  )
    return hit.verdicts
  const verdicts = new Map<string, EnvVerdict>()
  for (const { file } of files) readEnv(readFileSync(file, 'utf8'), verdicts)
  cache.set(dir, { dirMtimeMs, files, verdicts })
  return verdicts
}

const rootFor = new Map<string, string | undefined>()

/** The project root of a folder: the nearest with `package.json` or `.git`, as hush finds it. */
function projectRoot(start: string): string | undefined {
  if (rootFor.has(start)) return rootFor.get(start)
  let root: string | undefined
  for (let dir = start; ;) {
    if (existsSync(join(dir, 'package.json')) || existsSync(join(dir, '.git'))) {
      root = dir
      break
    }
    const parent = dirname(dir)
    if (parent === dir) break
    dir = parent
  }
  rootFor.set(start, root)
  return root
}

/**
 * What the `.env` files next to hush.config and at the project root say about names, for a
 * linted file. Read synchronously (rules are) and cached by modification time, like the config.
 */
export function envVerdictsFor(filename: string, configFile: string | undefined): ReadonlyMap<string, EnvVerdict> {
  const dirs = new Set<string>()
  if (configFile) dirs.add(dirname(configFile))
  const root = projectRoot(resolve(dirname(filename)))
  if (root) dirs.add(root)
  if (dirs.size === 0) return NONE
  if (dirs.size === 1) return verdictsIn([...dirs][0]!)
  const merged = new Map<string, EnvVerdict>()
  for (const dir of dirs) {
    for (const [name, verdict] of verdictsIn(dir)) if (verdict === 'secret' || !merged.has(name)) merged.set(name, verdict)
  }
  return merged
}
