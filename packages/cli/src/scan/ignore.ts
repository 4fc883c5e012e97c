import { readFileSync } from 'node:fs'
import { createRequire } from 'node:module'
import { join } from 'node:path'
import type { Ignore } from 'ignore'

// Loaded when a folder has an ignore file, not before: a scan of named files never needs it, and
// `require` takes the CommonJS package as it is, where `import` would first parse it for its exports.
let ignore: typeof import('ignore') | undefined
const newRules = (): Ignore => (ignore ??= createRequire(import.meta.url)('ignore') as typeof import('ignore'))()

/** Never scanned, whatever the ignore files say: git's own data and installed packages. */
export const ALWAYS_SKIPPED = new Set(['.git', 'node_modules'])

/** The files whose patterns hide paths from the scan, read in each folder (same syntax for both). */
const IGNORE_FILES = ['.gitignore', '.hushignore']

/**
 * `.gitignore` and `.hushignore` rules under `root`, each file applying to its own folder and
 * below as git does. Folders' rules are read once, when a path under them is first asked about.
 */
export class IgnoreRules {
  readonly #byDir = new Map<string, Ignore | undefined>()

  constructor(readonly root: string) {}

  /** Whether `path` (relative to the root, forward slashes; a folder with `dir`) is ignored. */
  ignores(path: string, dir = false): boolean {
    const parts = path.split('/')
    if (parts.some((p) => ALWAYS_SKIPPED.has(p))) return true
    for (let i = 0; i < parts.length; i++) {
      const rules = this.#rulesOf(parts.slice(0, i).join('/'))
      if (!rules) continue
      const rest = parts.slice(i).join('/')
      if (rules.ignores(dir ? `${rest}/` : rest)) return true
    }
    return false
  }

  #rulesOf(dir: string): Ignore | undefined {
    if (this.#byDir.has(dir)) return this.#byDir.get(dir)
    let rules: Ignore | undefined
    for (const name of IGNORE_FILES) {
      let text: string
      try {
        text = readFileSync(join(this.root, dir, name), 'utf8')
      } catch {
        continue
      }
      rules = (rules ?? newRules()).add(text)
    }
    this.#byDir.set(dir, rules)
    return rules
  }
}
