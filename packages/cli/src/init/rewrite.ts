import { statSync } from 'node:fs'
import { join } from 'node:path'
import type { Assignment } from './env-files.js'
import type { Move } from './plan.js'
import { writeFileAtomic } from './write-file.js'

/**
 * The `.env` text with each moved key's value replaced by its reference, or, when the value
 * moved to `.env.local` (`env://NAME` is the variable itself), its whole line removed; every
 * other byte as it was.
 */
export function rewriteText(text: string, list: readonly Assignment[], moves: readonly Move[]): string {
  const refs = new Map(moves.map((m) => [m.name, m.reference]))
  let out = ''
  let at = 0
  for (const a of list) {
    const ref = refs.get(a.key)
    if (!ref) continue
    if (ref === `env://${a.key}`) {
      const start = text.lastIndexOf('\n', a.start) + 1
      const nl = text.indexOf('\n', a.end)
      out += text.slice(at, start)
      at = nl < 0 ? text.length : nl + 1
    } else {
      out += text.slice(at, a.start) + ref
      at = a.end
    }
  }
  return out + text.slice(at)
}

export function rewriteEnvFile(cwd: string, file: string, text: string, list: readonly Assignment[], moves: readonly Move[]): void {
  const path = join(cwd, file)
  writeFileAtomic(path, rewriteText(text, list, moves), statSync(path).mode & 0o7777)
}
