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
  const names = [...new Set(moves.map((m) => m.name))]
  const declared = names.filter((n) => config?.secrets?.[n]?.from !== undefined)
  return { add: names.filter((n) => !declared.includes(n)), declared }
}

function readConfig(cwd: string): HushConfig | undefined {
  const file = join(cwd, CONFIG_FILE)
  return existsSync(file) ? (JSON.parse(readFileSync(file, 'utf8')) as HushConfig) : undefined
}

/** What the config is merged from: the moves, the environments the files set, and the references they hold already. */
export interface MergeInput {
  moves: readonly Move[]
  environments: readonly string[]
  references: ReadonlyMap<string, ReadonlyMap<string, string>>
}

/**
 * The new `hush.config.json`, or the existing one merged: entries and settings already there are
 * kept, and each moved secret gets an entry. With `.env` alone its `from` is one reference; with
 * files of several environments it is one per environment that sets the name (the moved value's
 * reference, or the one that file holds already), so production never reads development's store.
 * Each environment found is declared and may read the schemes its references use. An existing
 * config without `environments` gets none, since adding one would forbid every environment it
 * does not name.
 */
export function mergeConfig(cwd: string, { moves, environments, references }: MergeInput): string {
  const existing = readConfig(cwd)
  const config: HushConfig = existing ? structuredClone(existing) : { $schema: SCHEMA, environments: {}, secrets: {} }
  config.secrets ??= {}
  const byEnvironment = environments.length > 1 || environments.some((e) => e !== 'development')
  const added: Array<[string, string]> = []
  for (const name of new Set(moves.map((m) => m.name))) {
    const entry: SecretConfig = config.secrets[name] ?? {}
    if (entry.from !== undefined) continue
    const from: Record<string, string> = {}
    for (const env of environments) {
      const ref = moves.find((m) => m.name === name && m.environment === env)?.reference ?? references.get(env)?.get(name)
      if (ref) from[env] = ref
    }
    config.secrets[name] = { from: byEnvironment ? from : from.development!, public: false, required: true, ...PLACEHOLDER, ...entry }
    added.push(...Object.entries(from))
  }
  if (config.environments) {
    for (const env of environments) config.environments[env] ??= { allow: [] }
    for (const [env, ref] of added) {
      const scheme = ref.split(':')[0]!
      const profile = config.environments[env]!
      if (!profile.allow.some((r) => (typeof r === 'string' ? r.split(':')[0] : r.scheme) === scheme)) profile.allow.push(scheme)
    }
  }
  validateConfig(config, CONFIG_FILE)
  return `${JSON.stringify(config, null, 2)}\n`
}

/** The environments a config text declares, for the next steps; none when it has no `environments` section. */
export const declaredEnvironments = (text: string): string[] => Object.keys((JSON.parse(text) as HushConfig).environments ?? {})

export function writeConfig(cwd: string, text: string): void {
  const file = join(cwd, CONFIG_FILE)
  writeFileAtomic(file, text, existsSync(file) ? statSync(file).mode & 0o7777 : 0o644)
}
