import type { Hush, HushConfig, SecretConfig, SecretDescription } from '@hush/core'
import { parseDuration } from './duration.js'

/**
 * Every environment the config names: its `environments` profiles and the keys of per-environment
 * `from` maps, then the active one, in that order, without repeats.
 */
export function environmentsOf(config: HushConfig | undefined, active: string): string[] {
  const all = new Set<string>(Object.keys(config?.environments ?? {}))
  for (const spec of Object.values(config?.secrets ?? {}))
    if (spec.from && typeof spec.from === 'object') for (const env of Object.keys(spec.from)) all.add(env)
  all.add(active)
  return [...all]
}

/** Where a declared secret comes from in an environment, as the config writes it; `undefined` when it has no source there. */
export function sourceIn(name: string, spec: SecretConfig, environment: string): string | undefined {
  const from = spec.from
  if (from === undefined) return `env://${name}`
  if (typeof from === 'string') return from
  return Object.hasOwn(from, environment) ? from[environment] : undefined
}

/** The rotation policy's period, as written and in milliseconds. */
export function rotationOf(spec: SecretConfig): { text: string; ms: number } | undefined {
  const every = typeof spec.rotation === 'object' ? spec.rotation.every : spec.rotation
  if (every === undefined) return undefined
  const ms = parseDuration(every)
  return ms === undefined ? undefined : { text: String(every), ms }
}

/** When the value was last replaced: the store's last rotation, else its last change. */
export const lastRotatedOf = (d: SecretDescription | undefined) => d?.lastRotated ?? d?.lastChanged

/** When the next rotation is due: the store's own schedule, else the last rotation plus the policy's period. */
export function nextRotationOf(spec: SecretConfig, d: SecretDescription | undefined): Date | undefined {
  if (d?.nextRotation) return d.nextRotation
  const last = lastRotatedOf(d)
  const every = rotationOf(spec)
  return last && every ? new Date(last.getTime() + every.ms) : undefined
}

/** The `expires` date of a secret, as the end of that day in UTC (it may be used through that day). */
export function expiryOf(spec: SecretConfig): Date | undefined {
  if (!spec.expires) return undefined
  const date = new Date(`${spec.expires}T23:59:59.999Z`)
  return Number.isNaN(date.getTime()) ? undefined : date
}

/**
 * Each name's store metadata, never a value. The calls are made together, so a provider with
 * `describeMany` answers them in a few requests; a store that refuses one leaves its error.
 */
export async function describeAll(hush: Hush, names: readonly string[]): Promise<Map<string, SecretDescription | Error>> {
  const answers = await Promise.all(names.map((n) => hush.describe(n).catch((error: unknown) => (error instanceof Error ? error : new Error(String(error))))))
  return new Map(names.map((n, i) => [n, answers[i]!]))
}
