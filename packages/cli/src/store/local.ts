import { existsSync } from 'node:fs'
import { join, resolve } from 'node:path'
import type { LocalStore, LocalStoreOptions } from '@hush/local-store'
import { UsageError } from '../exit-codes.js'

/** Where `hush init --store local` writes the values. */
export const DEFAULT_SEED = join('.hush', 'local-store.seed.json')

/** The seed to start from: the one given (it must exist), else init's when there is one. */
export function seedFile(cwd: string, given: string | undefined, command: string): string | undefined {
  if (given !== undefined) {
    if (!existsSync(resolve(cwd, given))) throw new UsageError(`--seed ${given}: no such file`, command)
    return resolve(cwd, given)
  }
  return existsSync(join(cwd, DEFAULT_SEED)) ? join(cwd, DEFAULT_SEED) : undefined
}

/** Starts @hush/local-store in this process (loaded only by the commands that use it). */
export async function startStore(options: LocalStoreOptions): Promise<LocalStore> {
  const { startLocalStore } = await import('@hush/local-store')
  return startLocalStore({ warn: (message) => void process.stderr.write(`hush: local store: ${message}\n`), ...options })
}

/** The variables that point the AWS SDK (and so @hush/aws) at a local store. Any credentials do unless the seed has access rules. */
export function storeEnv(store: Pick<LocalStore, 'url' | 'store'>): Record<string, string> {
  return {
    AWS_ENDPOINT_URL_SECRETS_MANAGER: store.url,
    AWS_ENDPOINT_URL_SSM: store.url,
    AWS_REGION: store.store.region,
    AWS_ACCESS_KEY_ID: 'local',
    AWS_SECRET_ACCESS_KEY: 'local',
  }
}

/** One `export` line per variable, quoted for POSIX shells. */
export const exportLines = (env: Record<string, string>) => Object.entries(env).map(([k, v]) => `export ${k}='${v.replace(/'/g, `'\\''`)}'`)
