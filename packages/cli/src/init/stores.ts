import { existsSync, mkdirSync, readFileSync } from 'node:fs'
import { dirname, join } from 'node:path'
import { writeEnvLocal } from './env-local.js'
import { StoreError } from './store-error.js'
import type { Move, StoreKind } from './plan.js'
import { SEED_FILE } from './plan.js'
import { writeFileAtomic } from './write-file.js'

/** Writes every value to the store, then reads each back and compares: only then may `.env` lose it. */
export async function writeStore(cwd: string, store: StoreKind, moves: readonly Move[], values: ReadonlyMap<Move, string>): Promise<void> {
  if (store === 'local') return writeSeed(cwd, moves, values)
  if (store === 'env-local') return writeEnvLocal(cwd, moves, values)
  return writeAwsSm(moves, values)
}

interface Seed {
  secrets?: Array<{ name: string; value?: unknown; [k: string]: unknown }>
  [k: string]: unknown
}

function writeSeed(cwd: string, moves: readonly Move[], values: ReadonlyMap<Move, string>): void {
  const file = join(cwd, SEED_FILE)
  let seed: Seed = {}
  if (existsSync(file)) {
    try {
      seed = JSON.parse(readFileSync(file, 'utf8')) as Seed
    } catch {
      throw new StoreError(`${SEED_FILE} is not valid JSON: fix or move it away, then run hush init again.`)
    }
  }
  const names = new Set(moves.map((m) => m.storeName))
  const kept = (seed.secrets ?? []).filter((s) => !names.has(s.name))
  seed = { ...seed, secrets: [...kept, ...moves.map((m) => ({ name: m.storeName, value: values.get(m)! }))] }
  mkdirSync(dirname(file), { recursive: true, mode: 0o700 })
  writeFileAtomic(file, `${JSON.stringify(seed, null, 2)}\n`, 0o600)
  const back = JSON.parse(readFileSync(file, 'utf8')) as Seed
  for (const m of moves) {
    if (back.secrets?.find((s) => s.name === m.storeName)?.value !== values.get(m)) {
      throw new StoreError(`${SEED_FILE} did not read back ${m.name} as written: .env was left as it was; check the disk and run hush init again.`)
    }
  }
}

async function writeAwsSm(moves: readonly Move[], values: ReadonlyMap<Move, string>): Promise<void> {
  // The SDK is large: loaded only for --store aws-sm.
  const sm = await import('@aws-sdk/client-secrets-manager')
  const client = new sm.SecretsManagerClient({})
  try {
    for (const m of moves) {
      const SecretString = values.get(m)!
      try {
        await client.send(new sm.CreateSecretCommand({ Name: m.storeName, SecretString }))
      } catch (error) {
        if (!(error instanceof sm.ResourceExistsException)) throw error
        await client.send(new sm.PutSecretValueCommand({ SecretId: m.storeName, SecretString }))
      }
      const back = await client.send(new sm.GetSecretValueCommand({ SecretId: m.storeName }))
      if (back.SecretString !== SecretString) {
        throw new StoreError(`Secrets Manager did not read back ${m.storeName} as written: .env was left as it was; check the secret and run hush init again.`)
      }
    }
  } catch (error) {
    if (error instanceof StoreError) throw error
    // SDK messages name the request, never the SecretString sent.
    const e = error as Error
    throw new StoreError(
      `could not write to Secrets Manager (${e.name}: ${e.message}): .env was left as it was. Check AWS_REGION, the credentials and AWS_ENDPOINT_URL_SECRETS_MANAGER, then run hush init again.`,
    )
  } finally {
    client.destroy()
  }
}

export { StoreError }
