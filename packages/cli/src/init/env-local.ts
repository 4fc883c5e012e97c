import { existsSync, readFileSync } from 'node:fs'
import { join } from 'node:path'
import { parse } from 'dotenv'
import { assignments } from './env-files.js'
import { envLocalFile, type Move } from './plan.js'
import { StoreError } from './store-error.js'
import { writeFileAtomic } from './write-file.js'

/**
 * A value as dotenv reads it back unchanged: bare when it has nothing dotenv treats specially,
 * else in single quotes (no escapes, newlines kept), else backticks; `undefined` when no
 * quoting holds it exactly.
 */
function quote(value: string): string | undefined {
  if (/^[^\s'"`#\\]*$/.test(value)) return value
  for (const q of ["'", '`', '"']) if (!value.includes(q) && parse(`K=${q}${value}${q}`).K === value) return `${q}${value}${q}`
  return undefined
}

/**
 * Sets the moved keys in `.env.local` (development's) and `.env.<env>.local` (another
 * environment's), mode 0600, keeping what they hold, then reads each back as dotenv would.
 */
export function writeEnvLocal(cwd: string, moves: readonly Move[], values: ReadonlyMap<Move, string>): void {
  const byFile = new Map<string, Move[]>()
  for (const m of moves) byFile.set(envLocalFile(m.environment), [...(byFile.get(envLocalFile(m.environment)) ?? []), m])
  // Every value is checked before any file is written: a value no quoting holds leaves them all as they were.
  for (const m of moves) {
    if (quote(values.get(m)!) === undefined)
      throw new StoreError(
        `the value of ${m.name} cannot be written to ${envLocalFile(m.environment)} so dotenv reads it back unchanged: .env was left as it was; use --store local.`,
      )
  }
  for (const [name, list] of byFile) writeOne(cwd, name, list, values)
}

function writeOne(cwd: string, name: string, moves: readonly Move[], values: ReadonlyMap<Move, string>): void {
  const file = join(cwd, name)
  let text = existsSync(file) ? readFileSync(file, 'utf8') : ''
  const lines = new Map(moves.map((m) => [m.name, quote(values.get(m)!)!]))
  // A key .env.local sets already gets the new value in place; the others are appended.
  const existing = assignments(text).filter((a) => lines.has(a.key))
  for (const a of existing.reverse()) text = text.slice(0, a.start) + lines.get(a.key)! + text.slice(a.end)
  const added = [...lines].filter(([k]) => !existing.some((a) => a.key === k)).map(([k, v]) => `${k}=${v}\n`)
  if (added.length && text && !text.endsWith('\n')) text += '\n'
  writeFileAtomic(file, text + added.join(''), 0o600)
  const back = parse(readFileSync(file, 'utf8'))
  for (const m of moves) {
    if (back[m.name] !== values.get(m))
      throw new StoreError(`${name} did not read back ${m.name} as written: .env was left as it was; check ${name} and run hush init again.`)
  }
}
