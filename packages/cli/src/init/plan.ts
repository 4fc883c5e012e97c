import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import { type Assignment, assignments, envFiles } from './env-files.js'
import { classify, type KeyKind } from './classify.js'

import type { StoreKind } from '../commands/init-options.js'

export type { StoreKind }
/** Where `--store local` keeps the values: a @hush/local-store seed, gitignored. */
export const SEED_FILE = '.hush/local-store.seed.json'
/** Where `--store env-local` keeps them: the file Next.js, Vite and `@hush/dotenv`'s `path` list read first. */
export const ENV_LOCAL = '.env.local'

/** One secret to move: its name, the store's name for it and the reference `.env` and the config get. */
export interface Move {
  name: string
  storeName: string
  reference: string
  files: string[]
}

/** What `hush init` will do: names, files and stores only, never a value. */
export interface Plan {
  store: StoreKind
  files: Array<{ file: string; keys: Array<{ name: string; kind: KeyKind }> }>
  moves: Move[]
  /** Names set to different secret values in two files: left alone, one store name cannot hold both. */
  conflicts: string[]
  gitignore: string[]
}

/** The plan, and what it needs to run it: the values (kept apart so the plan can be printed whole). */
export interface Planned {
  plan: Plan
  values: Map<string, string>
  texts: Map<string, { text: string; assignments: Assignment[] }>
}

export function makePlan(cwd: string, store: StoreKind, prefix: string): Planned {
  const files: Plan['files'] = []
  const texts: Planned['texts'] = new Map()
  const found = new Map<string, { value: string; files: string[] }>()
  const conflicts = new Set<string>()
  for (const file of envFiles(cwd, store === 'env-local' ? [ENV_LOCAL] : [])) {
    const text = readFileSync(join(cwd, file), 'utf8')
    const list = assignments(text)
    texts.set(file, { text, assignments: list })
    // dotenv keeps a key's last assignment, so that is the one judged and moved.
    const last = new Map(list.map((a) => [a.key, a.value]))
    const keys = [...last].map(([name, value]) => ({ name, kind: classify(name, value) }))
    files.push({ file, keys })
    for (const { name, kind } of keys) {
      if (kind !== 'secret') continue
      const value = last.get(name)!
      const seen = found.get(name)
      if (!seen) found.set(name, { value, files: [file] })
      else if (seen.value === value) seen.files.push(file)
      else conflicts.add(name)
    }
  }
  const moves: Move[] = []
  const values = new Map<string, string>()
  for (const [name, { value, files: in_ }] of found) {
    if (conflicts.has(name)) continue
    // env-local: the value is the variable itself, read from .env.local; the others: one secret per name under the prefix.
    const storeName = store === 'env-local' ? name : `${prefix}${name}`
    moves.push({ name, storeName, reference: store === 'env-local' ? `env://${name}` : `aws-sm://${storeName}`, files: in_ })
    values.set(name, value)
  }
  const gitignore = store === 'local' ? ['.hush/', ENV_LOCAL] : [ENV_LOCAL]
  return { plan: { store, files, moves, conflicts: [...conflicts], gitignore }, values, texts }
}
