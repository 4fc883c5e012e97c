import type { Hush, HushErrorCode } from '@hush/core'
import { schemeOf } from '@hush/core/reference'

/** What `/health` says about one store. Never a value. */
export interface StoreHealth {
  /** `up`: answering; `stale`: down, and hush serves the last good values; `down`: down with a secret it can no longer serve. */
  status: 'up' | 'stale' | 'down'
  /** Secrets read from this store. */
  secrets: number
  /** When the store started failing (ISO 8601), while it is stale or down. */
  since?: string
  /** The code of the store's last error (`HUSH_STORE_UNAVAILABLE`, ...), kept after it recovers. */
  lastError?: HushErrorCode
  /** When that error happened (ISO 8601). */
  lastErrorAt?: string
}

interface Failing {
  code: HushErrorCode
  since: number
}

/**
 * Follows a hush instance's events and answers, per store (the reference's scheme), whether
 * it is up, served stale or down. Keeps names, codes and times, never a value.
 */
export function trackHealth(hush: Hush): { stores(): Record<string, StoreHealth>; stop(): void } {
  const failing = new Map<string, Failing>()
  const lastError = new Map<string, { code: HushErrorCode; at: number }>()
  const storeOf = (name: string) => schemeOf(hush.referenceOf(name) ?? '') ?? 'unknown'

  const offs = [
    hush.on('error', (event) => {
      if (event.name === undefined) return
      failing.set(event.name, { code: event.code, since: failing.get(event.name)?.since ?? event.time })
      lastError.set(storeOf(event.name), { code: event.code, at: event.time })
    }),
    hush.on('resolve', (event) => {
      failing.delete(event.name)
    }),
    hush.on('refresh', (event) => {
      failing.delete(event.name)
    }),
  ]

  return {
    stores() {
      const out: Record<string, StoreHealth> = {}
      for (const name of hush.names()) {
        const store = storeOf(name)
        const health = (out[store] ??= { status: 'up', secrets: 0 })
        health.secrets++
        const failure = failing.get(name)
        // An optional secret that is missing does not make the app unhealthy.
        if (!failure || hush.spec(name)?.required === false) continue
        const serving = hush.peek(name) !== undefined
        if (!serving) health.status = 'down'
        else if (health.status === 'up') health.status = 'stale'
        const since = new Date(failure.since).toISOString()
        if (health.since === undefined || since < health.since) health.since = since
      }
      for (const [store, error] of lastError) {
        const health = out[store]
        if (health) Object.assign(health, { lastError: error.code, lastErrorAt: new Date(error.at).toISOString() })
      }
      return out
    },
    stop() {
      for (const off of offs) off()
    },
  }
}
