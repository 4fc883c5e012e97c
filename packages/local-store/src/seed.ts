import { existsSync, readFileSync, writeFileSync } from 'node:fs'
import { parse as parseYaml } from 'yaml'
import type { AccessRule } from './access.js'
import type { Faults } from './faults.js'
import type { RotationRule } from './rotation.js'
import type { SecretStore, Tag } from './store.js'

export interface SeedSecret {
  name: string
  /** A string, or an object stored as its JSON text. */
  value?: string | Record<string, unknown>
  /** A binary secret, base64-encoded. */
  binary?: string
  description?: string
  tags?: Record<string, string> | Tag[]
  /** How a local rotation regenerates the value. */
  rotation?: RotationRule
}

export interface Seed {
  region?: string
  accountId?: string
  secrets?: SeedSecret[]
  access?: AccessRule[]
  faults?: Faults
}

/** Reads a seed from a JSON or YAML file. */
export function readSeed(file: string): Seed {
  const text = readFileSync(file, 'utf8')
  try {
    return (file.endsWith('.json') ? JSON.parse(text) : parseYaml(text)) as Seed
  } catch {
    throw new Error(`${file} is not valid ${file.endsWith('.json') ? 'JSON' : 'YAML'}: fix its syntax (see the seed format in the @hush/local-store README).`)
  }
}

export function applySeed(store: SecretStore, seed: Seed): void {
  for (const s of seed.secrets ?? []) {
    if (!s || typeof s.name !== 'string') throw new Error('Each seed secret needs a "name".')
    const tags = Array.isArray(s.tags) ? s.tags : Object.entries(s.tags ?? {}).map(([Key, Value]) => ({ Key, Value }))
    const value = s.value === undefined ? undefined : typeof s.value === 'string' ? s.value : JSON.stringify(s.value)
    store.create(
      {
        Name: s.name,
        ...(value !== undefined ? { SecretString: value } : {}),
        ...(s.binary !== undefined ? { SecretBinary: s.binary } : {}),
        ...(s.description ? { Description: s.description } : {}),
        Tags: tags,
      },
      s.rotation,
    )
  }
}

interface SavedSecret {
  arn: string
  name: string
  description?: string
  tags: Tag[]
  created: number
  lastChanged: number
  lastRotated?: number
  deleted?: number
  rotationEnabled: boolean
  rotationRules?: Record<string, unknown>
  rotation?: RotationRule
  versions: Array<{ id: string; string?: string; binary?: string; created: number; stages: string[] }>
}

/** Writes every secret, values included, to `file`: only when the user asked for a state file. */
export function saveState(store: SecretStore, file: string): void {
  const secrets: SavedSecret[] = [...store.secrets.values()].map((s) => ({
    arn: s.arn,
    name: s.name,
    ...(s.description ? { description: s.description } : {}),
    tags: s.tags,
    created: s.created.getTime(),
    lastChanged: s.lastChanged.getTime(),
    ...(s.lastRotated ? { lastRotated: s.lastRotated.getTime() } : {}),
    ...(s.deleted ? { deleted: s.deleted.getTime() } : {}),
    rotationEnabled: s.rotationEnabled,
    ...(s.rotationRules ? { rotationRules: s.rotationRules } : {}),
    ...(s.rotation ? { rotation: s.rotation } : {}),
    versions: [...s.versions.values()].map((v) => ({ id: v.id, ...(v.string !== undefined ? { string: v.string } : {}), ...(v.binary !== undefined ? { binary: v.binary } : {}), created: v.created.getTime(), stages: [...v.stages] })),
  }))
  writeFileSync(file, JSON.stringify({ region: store.region, accountId: store.accountId, secrets }, null, 2), { mode: 0o600 })
}

/** Loads a state file written by `saveState`; false when there is none yet. */
export function loadState(store: SecretStore, file: string): boolean {
  if (!existsSync(file)) return false
  const data = JSON.parse(readFileSync(file, 'utf8')) as { secrets: SavedSecret[] }
  for (const s of data.secrets) {
    store.add({
      arn: s.arn,
      name: s.name,
      ...(s.description ? { description: s.description } : {}),
      tags: s.tags,
      created: new Date(s.created),
      lastChanged: new Date(s.lastChanged),
      ...(s.lastRotated ? { lastRotated: new Date(s.lastRotated) } : {}),
      ...(s.deleted ? { deleted: new Date(s.deleted) } : {}),
      rotationEnabled: s.rotationEnabled,
      ...(s.rotationRules ? { rotationRules: s.rotationRules } : {}),
      ...(s.rotation ? { rotation: s.rotation } : {}),
      versions: new Map(s.versions.map((v) => [v.id, { id: v.id, ...(v.string !== undefined ? { string: v.string } : {}), ...(v.binary !== undefined ? { binary: v.binary } : {}), created: new Date(v.created), stages: new Set(v.stages) }])),
    })
  }
  return true
}
