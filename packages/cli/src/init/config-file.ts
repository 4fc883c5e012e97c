import { existsSync, readFileSync, statSync } from 'node:fs'
import { basename, join } from 'node:path'
import { validateConfig, type HushConfig, type SecretConfig } from '@hush/core/config'
import { findConfigFile } from '@hush/core/find-config'
import type { Move } from './plan.js'
import { writeFileAtomic } from './write-file.js'

export const CONFIG_FILE = 'hush.config.json'
const SCHEMA = './node_modules/@hush/dotenv/dist/hush.config.schema.json'

/** Placeholders the team replaces: `hush` reports them until someone answers for the secret. */
const PLACEHOLDER = { owner: 'TODO: the team or person who answers for it', purpose: 'TODO: why the app needs it', rotation: '90d' } as const

/** A config hush init cannot merge into (TypeScript, YAML): the user adds the entries by hand. */
export function otherConfig(cwd: string): string | undefined {
  const found = findConfigFile(cwd)
  return found && basename(found) !== CONFIG_FILE ? found : undefined
}

/** The names the config gains, and those it declares already with a source (left as they are). */
export function configChanges(cwd: string, moves: readonly Move[]): { add: string[]; declared: string[] } {
  const config = readConfig(cwd)
  const declared = moves.filter((m) => config?.secrets?.[m.name]?.from !== undefined).map((m) => m.name)
  return { add: moves.map((m) => m.name).filter((n) => !declared.includes(n)), declared }
}

function readConfig(cwd: string): HushConfig | undefined {
  const file = join(cwd, CONFIG_FILE)
  return existsSync(file) ? (JSON.parse(readFileSync(file, 'utf8')) as HushConfig) : undefined
}

/**
 * The new `hush.config.json`, or the existing one merged: entries and settings already there are kept,
 * each moved secret gets an entry, and `development` may read the store's scheme. An existing config
 * without `environments` gets none, since adding one would forbid every environment it does
 * not name.
 */
export function mergeConfig(cwd: string, moves: readonly Move[]): string {
  const existing = readConfig(cwd)
  const config: HushConfig = existing ? structuredClone(existing) : { $schema: SCHEMA, environments: { development: { allow: [] } }, secrets: {} }
  config.secrets ??= {}
  for (const m of moves) {
    const entry: SecretConfig = config.secrets[m.name] ?? {}
    if (entry.from !== undefined) continue
    config.secrets[m.name] = { from: m.reference, public: false, required: true, ...PLACEHOLDER, ...entry }
  }
  const dev = config.environments?.development
  for (const scheme of new Set(moves.map((m) => m.reference.split(':')[0]!))) {
    if (dev && !dev.allow.some((r) => (typeof r === 'string' ? r.split(':')[0] : r.scheme) === scheme)) dev.allow.push(scheme)
  }
  validateConfig(config, CONFIG_FILE)
  return `${JSON.stringify(config, null, 2)}\n`
}

export function writeConfig(cwd: string, text: string): void {
  const file = join(cwd, CONFIG_FILE)
  writeFileAtomic(file, text, existsSync(file) ? statSync(file).mode & 0o7777 : 0o644)
}
