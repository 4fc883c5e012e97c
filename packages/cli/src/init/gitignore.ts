import { existsSync, readFileSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'

/** The entries `.gitignore` lacks, compared line by line (a pattern written another way counts as missing). */
export function missingIgnores(cwd: string, entries: readonly string[]): string[] {
  const file = join(cwd, '.gitignore')
  const lines = new Set(
    existsSync(file)
      ? readFileSync(file, 'utf8')
          .split(/\r?\n/)
          .map((l) => l.trim())
      : [],
  )
  return entries.filter((e) => !lines.has(e) && !lines.has(`/${e}`))
}

export function addIgnores(cwd: string, entries: readonly string[]): void {
  if (!entries.length) return
  const file = join(cwd, '.gitignore')
  const text = existsSync(file) ? readFileSync(file, 'utf8') : ''
  const sep = text && !text.endsWith('\n') ? '\n' : ''
  writeFileSync(file, `${text}${sep}# hush: where secret values live locally\n${entries.join('\n')}\n`)
}
