import { readFileSync } from 'node:fs'
import { parse as parseYaml } from 'yaml'
import type { AccessRule } from './access.js'
import type { Faults } from './faults.js'
import type { RotationRule } from './rotation.js'
import type { ParameterStore } from './parameter-store.js'
import { ssmShapes } from './ssm-validate.js'
import type { SecretStore, Tag } from './store.js'
import { validateInput } from './validate.js'

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
  /**
   * Dates as DescribeSecret and ListSecrets report them (ISO 8601), so a seed can hold secrets of
   * different ages. `lastChanged` defaults to `created`, which defaults to the start.
   */
  created?: string | Date
  lastChanged?: string | Date
  lastRotated?: string | Date
}

/** A seed date, or an error that names the secret and the field. */
function seedDate(value: unknown, field: string, index: number, name: string): Date | undefined {
  if (value === undefined || value === null) return undefined
  const date = value instanceof Date ? value : typeof value === 'string' ? new Date(value) : new Date(Number.NaN)
  if (Number.isNaN(date.getTime())) throw new Error(`Seed secret ${index + 1} (${name}): "${field}" must be a date such as 2025-01-31 or 2025-01-31T12:00:00Z.`)
  return date
}

/** A Parameter Store parameter to start with. */
export interface SeedParameter {
  /** The full name, such as `/prod/api/db-password`. */
  name: string
  /** A string, or an object stored as its JSON text. */
  value: string | Record<string, unknown>
  /** @default 'SecureString' */
  type?: 'String' | 'StringList' | 'SecureString'
  /** The KMS key of a SecureString. @default 'alias/aws/ssm' */
  keyId?: string
  description?: string
  /** Labels on the seeded version. */
  labels?: string[]
}

export interface Seed {
  region?: string
  accountId?: string
  secrets?: SeedSecret[]
  /** Parameter Store parameters, read through the AmazonSSM.* actions. */
  parameters?: SeedParameter[]
  access?: AccessRule[]
  faults?: Faults
}

/** Reads a seed from a JSON or YAML file. */
export function readSeed(file: string): Seed {
  let text: string
  try {
    text = readFileSync(file, 'utf8')
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code
    if (code === 'ENOENT') throw new Error(`seed file ${file} does not exist: check the path, or leave out --seed to start with no secrets.`, { cause: error })
    if (code === 'EISDIR') throw new Error(`seed file ${file} is a directory: give the path of a .json or .yaml file.`, { cause: error })
    throw new Error(`cannot read seed file ${file} (${code ?? 'unknown error'}): check its permissions.`, { cause: error })
  }
  let seed: unknown
  try {
    seed = file.endsWith('.json') ? JSON.parse(text) : parseYaml(text)
  } catch {
    throw new Error(`${file} is not valid ${file.endsWith('.json') ? 'JSON' : 'YAML'}: fix its syntax (see the seed format in the @hush/local-store README).`)
  }
  if (seed === null || seed === undefined) return {}
  if (typeof seed !== 'object' || Array.isArray(seed))
    throw new Error(`${file} must hold a map with secrets, access and faults (see the seed format in the @hush/local-store README).`)
  return seed
}

export function applySeed(store: SecretStore, seed: Seed, parameters?: ParameterStore): void {
  if (parameters) seedParameters(parameters, seed.parameters)
  for (const [index, s] of (seed.secrets ?? []).entries()) {
    if (!s || typeof s.name !== 'string') throw new Error(`Seed secret ${index + 1} needs a "name" (a string).`)
    const tags = Array.isArray(s.tags) ? s.tags : Object.entries(s.tags ?? {}).map(([Key, Value]) => ({ Key, Value }))
    const value = s.value === undefined ? undefined : typeof s.value === 'string' ? s.value : JSON.stringify(s.value)
    const input = {
      Name: s.name,
      ...(value !== undefined ? { SecretString: value } : {}),
      ...(s.binary !== undefined ? { SecretBinary: s.binary } : {}),
      ...(s.description ? { Description: s.description } : {}),
      Tags: tags,
    }
    // The same checks as a CreateSecret request: a seed value the API would refuse (binary
    // that is not base64, say) must not reach a client as data it cannot read.
    try {
      validateInput('CreateSecret', input)
    } catch (error) {
      throw new Error(`Seed secret ${index + 1} (${s.name}) is not valid: ${(error as Error).message}`, { cause: error })
    }
    const created = seedDate(s.created, 'created', index, s.name)
    const lastChanged = seedDate(s.lastChanged, 'lastChanged', index, s.name)
    const lastRotated = seedDate(s.lastRotated, 'lastRotated', index, s.name)
    const secret = store.create(input, s.rotation)
    if (created) {
      secret.created = created
      for (const v of secret.versions.values()) v.created = created
    }
    if (lastChanged ?? created) secret.lastChanged = (lastChanged ?? created)!
    if (lastRotated) secret.lastRotated = lastRotated
  }
}

function seedParameters(parameters: ParameterStore, list: unknown): void {
  if (list === undefined || list === null) return
  if (!Array.isArray(list)) throw new Error('Seed "parameters" must be a list such as [{ name: /prod/db/password, value: ..., type: SecureString }].')
  for (const [index, p] of (list as SeedParameter[]).entries()) {
    if (!p || typeof p.name !== 'string') throw new Error(`Seed parameter ${index + 1} needs a "name" (a string such as /prod/db/password).`)
    const value = typeof p.value === 'string' ? p.value : p.value && typeof p.value === 'object' ? JSON.stringify(p.value) : undefined
    const input = {
      Name: p.name,
      Value: value,
      Type: p.type ?? 'SecureString',
      ...(p.keyId !== undefined ? { KeyId: p.keyId } : {}),
      ...(p.description !== undefined ? { Description: p.description } : {}),
    }
    // The same checks as a PutParameter request, so a seed cannot hold what the API would refuse.
    try {
      if (value === undefined) throw new Error('it needs a "value" (a string, or an object stored as JSON).')
      validateInput('PutParameter', input, ssmShapes)
      const version = parameters.put(input)
      if (p.labels?.length) {
        const { invalid } = parameters.label(parameters.find(p.name), version.version, p.labels)
        if (invalid.length)
          throw new Error(`the labels ${invalid.join(', ')} are not valid (letters, digits, "_.-", not starting with a number, "aws" or "ssm").`)
      }
    } catch (error) {
      throw new Error(`Seed parameter ${index + 1} (${p.name}) is not valid: ${(error as Error).message}`, { cause: error })
    }
  }
}
