import { Inject, Injectable } from '@nestjs/common'
import { HUSH_RUNTIME } from '../hush.constants.js'
import type { HushRuntime } from '../runtime.js'
import type { StoreHealth } from './health-tracker.js'

/** What `isHealthy(key)` returns, in the shape `@nestjs/terminus` reads. */
export type HushHealthResult<Key extends string = string> = Record<Key, { status: 'up' | 'degraded' | 'down'; stores: Record<string, StoreHealth> }>

/**
 * A health indicator for `@nestjs/terminus`:
 * `this.health.check([() => this.hush.isHealthy('secrets')])`. `up` while every store answers,
 * `degraded` while one is down and hush serves its last good values (the check still passes),
 * `down` when a secret can no longer be served. Per store: status, since when, the last error
 * code. Never a value.
 */
@Injectable()
export class HushHealthIndicator {
  readonly #runtime: HushRuntime

  constructor(@Inject(HUSH_RUNTIME) runtime: HushRuntime) {
    this.#runtime = runtime
  }

  isHealthy<const Key extends string = 'hush'>(key: Key = 'hush' as Key): Promise<HushHealthResult<Key>> {
    const stores = this.#runtime.health.stores()
    const statuses = Object.values(stores).map((s) => s.status)
    const status = statuses.includes('down') ? 'down' : statuses.includes('stale') ? 'degraded' : 'up'
    return Promise.resolve({ [key]: { status, stores } } as HushHealthResult<Key>)
  }
}
