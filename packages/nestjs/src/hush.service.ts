import { Inject, Injectable, type OnApplicationShutdown, type OnModuleInit } from '@nestjs/common'
import type { Hush } from '@hush/core'
import { HUSH_RUNTIME } from './hush.constants.js'
import type { RotationListener } from './rotations.js'
import type { HushRuntime } from './runtime.js'

/** Reads secrets in services and controllers; started and closed with the app. */
@Injectable()
export class HushService implements OnModuleInit, OnApplicationShutdown {
  readonly #runtime: HushRuntime

  constructor(@Inject(HUSH_RUNTIME) runtime: HushRuntime) {
    this.#runtime = runtime
  }

  /** The underlying core instance (events, describe, rotate, redact, ...). */
  get hush(): Hush {
    return this.#runtime.hush
  }

  /** The value: from memory when fresh, else fetched again. */
  get(name: string): Promise<string> {
    return this.#runtime.hush.get(name)
  }

  /** The cached value without fetching; `undefined` when there is none to serve. */
  peek(name: string): string | undefined {
    return this.#runtime.hush.peek(name)
  }

  /** Calls `fn` with the name and new version (never the value) after each rotation of `name`; returns an unsubscribe function. */
  onRotate(name: string, fn: RotationListener): () => void {
    return this.#runtime.rotations.on(name, fn)
  }

  /** The app started: its hold on a shared hush start counts from now (see SharedRuntime). */
  onModuleInit(): void {
    this.#runtime.confirm?.()
  }

  /** Closes hush: timers stop and every value is dropped from memory. */
  async onApplicationShutdown(): Promise<void> {
    await this.#runtime.close()
  }
}
