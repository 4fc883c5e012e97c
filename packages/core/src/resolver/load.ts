import type { SecretConfig } from '../config/types.js'
import { describeForeignError, HushError } from '../errors.js'
import { startupTimedOut, withTimeout } from './timeouts.js'

export interface LoadInput {
  get: (name: string) => Promise<string>
  declared: (name: string) => SecretConfig | undefined
  /** Why the last try of a name failed, for the start-up deadline's message. */
  lastFailure: (name: string) => string | undefined
  startupTimeout: number
}

/**
 * Reads many secrets at once (the reads of one tick are batched per store), within the
 * start-up deadline. An optional secret (`required: false`) that is missing is left out; every
 * other failure is collected, so one run shows every problem, each with its own fix.
 */
export async function loadAll(wanted: readonly string[], { get, declared, lastFailure, startupTimeout }: LoadInput): Promise<Record<string, string>> {
  const failures: Array<{ name: string; error: HushError }> = []
  const out: Record<string, string> = {}
  const all = Promise.all(
    wanted.map(async (name) => {
      const spec = declared(name)
      try {
        out[name] = await get(name)
      } catch (error) {
        const failure =
          error instanceof HushError
            ? error
            : new HushError('HUSH_STORE_UNAVAILABLE', {
                message: `${name} could not be read: ${describeForeignError(error)}`,
                fix: 'this is a bug in a provider or adapter; report it with the secret name.',
                secret: name,
              })
        const optional = spec?.required === false && failure.code === 'HUSH_NOT_FOUND'
        if (!optional) failures.push({ name, error: failure })
      }
    }),
  )
  await withTimeout(all, startupTimeout, () =>
    startupTimedOut(
      wanted.length,
      startupTimeout,
      wanted
        .filter((n) => !Object.hasOwn(out, n) && !failures.some((f) => f.name === n))
        .slice(0, 10)
        .map((n) => {
          const last = lastFailure(n)
          return last !== undefined ? `${n} (last try: ${last})` : n
        }),
    ),
  )
  if (failures.length === 1) throw failures[0]!.error
  if (failures.length > 1) {
    const first = failures[0]!.error
    throw new HushError(first.code, {
      message: `${failures.length} secrets could not be loaded:${failures.map((f) => `\n  - ${f.name}: ${f.error.message}`).join('')}`,
      cause: first,
    })
  }
  return out
}
