import { existsSync } from 'node:fs'
import { dirname, join, resolve } from 'node:path'

// Kept apart from the config loader, with no imports beyond node builtins: @hush/dotenv
// checks for a config on every start and must stay as light as dotenv when there is none.

/** Config file names, in the order they are looked for. */
export const CONFIG_FILES = [
  'hush.config.ts',
  'hush.config.mts',
  'hush.config.cts',
  'hush.config.mjs',
  'hush.config.js',
  'hush.config.cjs',
  'hush.config.json',
  'hush.config.yaml',
  'hush.config.yml',
] as const

/**
 * Finds the config file for `cwd`: the first `hush.config.*` in `cwd` or a parent, stopping
 * at the directory that holds `package.json` or `.git` (the project root).
 */
export function findConfigFile(cwd: string = process.cwd()): string | undefined {
  let dir = resolve(cwd)
  for (;;) {
    for (const name of CONFIG_FILES) {
      const file = join(dir, name)
      if (existsSync(file)) return file
    }
    if (existsSync(join(dir, 'package.json')) || existsSync(join(dir, '.git'))) return undefined
    const parent = dirname(dir)
    if (parent === dir) return undefined
    dir = parent
  }
}
