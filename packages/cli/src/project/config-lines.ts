import { existsSync } from 'node:fs'
import { dirname, join, relative } from 'node:path'
import type { LoadedConfig } from '@hush/core'

/** Where a secret is declared in the config file: its path relative to `cwd`, and the line of its name. */
export function declarationOf(loaded: LoadedConfig, cwd: string): (name: string) => { file: string; line?: number } {
  const file = relative(cwd, loaded.file) || loaded.file
  const lines = loaded.source.split('\n')
  return (name) => {
    const key = new RegExp(`(^|[^\\w$])["']?${name.replace(/[$]/g, '\\$')}["']?\\s*[:=]`)
    const i = lines.findIndex((l) => key.test(l))
    return i < 0 ? { file } : { file, line: i + 1 }
  }
}

/** The nearest `name` in `from` or a folder above it, up to the filesystem root. */
export function findUp(from: string, name: string): string | undefined {
  for (let dir = from; ; dir = dirname(dir)) {
    if (existsSync(join(dir, name))) return join(dir, name)
    if (dirname(dir) === dir) return undefined
  }
}
