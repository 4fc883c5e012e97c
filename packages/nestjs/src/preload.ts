import type { DynamicModule } from '@nestjs/common'
import { Module } from '@nestjs/common'
import { HUSH_PRELOADED } from './hush.constants.js'
import type { HushModuleOptions } from './hush-options.interface.js'
import { type HushRuntime, startRuntime } from './runtime.js'

/**
 * One started runtime shared by the apps built from one `HushModule.forRoot()` while they are
 * alive (an e2e suite builds AppModule again and again). Each app takes a lease when Nest
 * builds it and confirms it once initialised (`onModuleInit`); the last lease to close closes
 * hush. A lease never confirmed belongs to an app whose bootstrap failed (Nest closes nothing
 * then) or that was compiled and never started: it does not keep hush open once the last
 * confirmed app closes. The next app built after that starts a new runtime.
 */
export class SharedRuntime {
  readonly #leases = new Set<{ confirmed: boolean }>()
  #closed = false

  constructor(readonly runtime: HushRuntime) {}

  get closed(): boolean {
    return this.#closed
  }

  acquire(): HushRuntime {
    const lease = { confirmed: false }
    this.#leases.add(lease)
    return {
      ...this.runtime,
      confirm: () => {
        lease.confirmed = true
      },
      close: async () => {
        if (!this.#leases.delete(lease)) return
        const confirmedLeft = [...this.#leases].some((l) => l.confirmed)
        if (this.#leases.size > 0 && (!lease.confirmed || confirmedLeft)) return
        this.#closed = true
        await this.runtime.close()
      },
    }
  }
}

@Module({})
class HushPreloadModule {}

/**
 * A promise that starts its work only when awaited. Nest awaits a promise found in `imports`
 * while it scans the app, before it builds any provider: secrets loaded there are in place
 * before the first factory that reads ConfigService runs. Starting at `forRoot()` instead
 * would fetch secrets as soon as AppModule's file is imported, app or not.
 */
class OnAwait<T> extends Promise<T> {
  static override get [Symbol.species](): PromiseConstructor {
    return Promise
  }

  readonly #start: () => Promise<T>

  constructor(start: () => Promise<T>) {
    super(() => {})
    this.#start = start
  }

  override then<A = T, B = never>(
    onFulfilled?: ((value: T) => A | PromiseLike<A>) | null,
    onRejected?: ((reason: unknown) => B | PromiseLike<B>) | null,
  ): Promise<A | B> {
    return this.#start().then(onFulfilled, onRejected)
  }
}

/** The module `HushModule.forRoot()` imports: it starts hush (or reuses the live start) when Nest scans the app. */
export function preloadModule(options: HushModuleOptions): Promise<DynamicModule> {
  let current: { shared: Promise<SharedRuntime>; module: Promise<DynamicModule> } | undefined
  let settled: SharedRuntime | 'failed' | undefined
  return new OnAwait(() => {
    // Nest awaits the same import several times in one scan: they share one start. A start
    // that failed, or a runtime every app has closed, is started again by the next scan.
    if (!current || settled === 'failed' || (settled instanceof SharedRuntime && settled.closed)) {
      settled = undefined
      const shared = startRuntime(options).then(
        (runtime) => (settled = new SharedRuntime(runtime)),
        (error: unknown) => {
          settled = 'failed'
          throw error
        },
      )
      const module = shared.then((s): DynamicModule => ({
        module: HushPreloadModule,
        providers: [{ provide: HUSH_PRELOADED, useFactory: () => s }],
        exports: [HUSH_PRELOADED],
      }))
      current = { shared, module }
    }
    return current.module
  })
}
