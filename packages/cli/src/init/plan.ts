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

/** The environment a `.env` file sets: `.env` and `.env.local` are development's, `.env.<env>` and `.env.<env>.local` are `<env>`'s. */
export function environmentOf(file: string): string {
  const env = file.replace(/^\.env\.?/, '').replace(/(?:^|\.)local$/, '')
  return env || 'development'
}

/**
 * Where an environment's values go in the store: `--prefix` names development's; another
 * environment's take its name in place of a leading `dev/` (`dev/app/` → `production/app/`), or
 * go under the prefix in a folder of their own (`team/` → `team/production/`).
 */
export function prefixFor(prefix: string, environment: string): string {
  if (environment === 'development') return prefix
  return /^dev\//.test(prefix) ? `${environment}/${prefix.slice(4)}` : `${prefix}${environment}/`
}

/** One secret of one environment to move: its name, the store's name for it and the reference `.env` and the config get. */
export interface Move {
  name: string
  environment: string
  storeName: string
  reference: string
  files: string[]
}

/** What `hush init` will do: names, files and stores only, never a value. */
export interface Plan {
  store: StoreKind
  files: Array<{ file: string; environment: string; keys: Array<{ name: string; kind: KeyKind }> }>
  /** The environments the files set, development first. */
  environments: string[]
  moves: Move[]
  /** Names set to different secret values in two files of one environment: left alone, one store name cannot hold both. */
  conflicts: string[]
  gitignore: string[]
}

/** The plan, and what it needs to run it: the values (kept apart so the plan can be printed whole). */
export interface Planned {
  plan: Plan
  values: Map<Move, string>
  /** The references the files hold already, by environment and name: the config's `from` takes them too. */
  references: Map<string, Map<string, string>>
  texts: Map<string, { text: string; assignments: Assignment[] }>
}

/** With `--store env-local`, where an environment's values go: `.env.local` for development, `.env.<env>.local` for another, as Next.js and Vite read them. */
export const envLocalFile = (environment: string) => (environment === 'development' ? ENV_LOCAL : `.env.${environment}.local`)

export function makePlan(cwd: string, store: StoreKind, prefix: string): Planned {
  const files: Plan['files'] = []
  const texts: Planned['texts'] = new Map()
  const references: Planned['references'] = new Map()
  // By environment, then name: the same name in two environments is two secrets.
  const found = new Map<string, { environment: string; name: string; value: string; files: string[] }>()
  const conflicts = new Set<string>()
  // env-local: the .env.*.local files are where the values go, not where they come from.
  for (const file of envFiles(cwd).filter((f) => store !== 'env-local' || !/^\.env(?:\.[^/]+)?\.local$/.test(f))) {
    const environment = environmentOf(file)
    const text = readFileSync(join(cwd, file), 'utf8')
    const list = assignments(text)
    texts.set(file, { text, assignments: list })
    // dotenv keeps a key's last assignment, so that is the one judged and moved.
    const last = new Map(list.map((a) => [a.key, a.value]))
    const keys = [...last].map(([name, value]) => ({ name, kind: classify(name, value) }))
    files.push({ file, environment, keys })
    for (const { name, kind } of keys) {
      if (kind === 'reference') {
        if (!references.has(environment)) references.set(environment, new Map())
        references.get(environment)!.set(name, last.get(name)!.trim())
      }
      if (kind !== 'secret') continue
      const value = last.get(name)!
      const key = `${environment}\0${name}`
      const seen = found.get(key)
      if (!seen) found.set(key, { environment, name, value, files: [file] })
      else if (seen.value === value) seen.files.push(file)
      else conflicts.add(name)
    }
  }
  const moves: Move[] = []
  const values = new Map<Move, string>()
  for (const { environment, name, value, files: in_ } of found.values()) {
    if (conflicts.has(name)) continue
    // env-local: the value is the variable itself, read from .env.local; the others: one secret per name under the environment's prefix.
    const storeName = store === 'env-local' ? name : `${prefixFor(prefix, environment)}${name}`
    const move = { name, environment, storeName, reference: store === 'env-local' ? `env://${name}` : `aws-sm://${storeName}`, files: in_ }
    moves.push(move)
    values.set(move, value)
  }
  const environments = [...new Set(files.map((f) => f.environment))].sort((a, b) => Number(b === 'development') - Number(a === 'development'))
  const localFiles = store === 'env-local' && moves.some((m) => m.environment !== 'development') ? [ENV_LOCAL, '.env.*.local'] : [ENV_LOCAL]
  const gitignore = store === 'local' ? ['.hush/', ENV_LOCAL] : localFiles
  return { plan: { store, files, environments, moves, conflicts: [...conflicts], gitignore }, values, references, texts }
}
