import type { HushConfig } from '../config/types.js'
import { parseDuration } from '../duration.js'
import { HushError } from '../errors.js'
import type { HushOptions } from '../hush.js'

/** The resolver's timings and retry policy, every default filled in, all in milliseconds. */
export interface ResolverSettings {
  ttl: number
  staleIfError: number
  /** Share of the TTL, at its end, in which a background refresh starts (0 to 0.9). */
  refreshAhead: number
  /** How long one call to a store may take. */
  callTimeout: number
  /** How long `load()` may take in all. */
  startupTimeout: number
  retries: number
  baseDelay: number
  maxDelay: number
  random: () => number
}

/**
 * A duration from an option, the config or a variable. Only a variable (named by `setting`)
 * is refused when malformed: options and the config are typed (and a loaded config was
 * validated), so a variable is where a typo reaches hush unchecked.
 */
function durationOf(d: number | string | undefined, fallback: number, setting?: string): number {
  if (d === undefined || d === '') return fallback
  const ms = typeof d === 'string' && /^\d+$/.test(d.trim()) ? Number(d) : parseDuration(d)
  if (ms !== undefined) return ms
  if (!setting) return fallback
  throw new HushError('HUSH_BAD_CONFIG', {
    message: `${setting} is not a duration`,
    fix: `write a number and a unit, such as ${setting}=30s or ${setting}=1500ms.`,
  })
}

/** Every setting in one place: options win over the config, which wins over the defaults. */
export function resolveSettings(options: HushOptions, config: HushConfig | undefined, envVars: Record<string, string | undefined>): ResolverSettings {
  return {
    ttl: durationOf(options.ttl ?? config?.cache?.ttl, 300_000),
    staleIfError: durationOf(options.staleIfError ?? config?.cache?.staleIfError, 900_000),
    refreshAhead: Math.min(Math.max(options.refreshAhead ?? 0.2, 0), 0.9),
    callTimeout: options.timeout !== undefined ? durationOf(options.timeout, 10_000) : durationOf(envVars.HUSH_STORE_TIMEOUT, 10_000, 'HUSH_STORE_TIMEOUT'),
    startupTimeout:
      options.startupTimeout !== undefined
        ? durationOf(options.startupTimeout, 30_000)
        : durationOf(envVars.HUSH_STARTUP_TIMEOUT, 30_000, 'HUSH_STARTUP_TIMEOUT'),
    retries: options.retry?.retries ?? 2,
    baseDelay: options.retry?.baseDelayMs ?? 200,
    maxDelay: options.retry?.maxDelayMs ?? 30_000,
    random: options.random ?? Math.random,
  }
}
