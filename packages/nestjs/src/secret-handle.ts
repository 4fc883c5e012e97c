import { current } from './config-service.js'
import type { RotationListener } from './rotations.js'
import type { HushRuntime } from './runtime.js'

/** What `@InjectSecret('NAME')` injects: one secret, always its current value. */
export interface SecretHandle {
  readonly name: string
  /**
   * The current value, synchronously: hush refreshes it in the background, so after a
   * rotation this is the new value. Throws a `HushError` when there is none to serve (the
   * secret was deleted, or its store has been down past the stale window).
   */
  readonly value: string
  /** The value, fetched again if the cached one has expired. */
  get(): Promise<string>
  /** Calls `fn` with the name and new version (never the value) after each rotation; returns an unsubscribe function. */
  onRotate(fn: RotationListener): () => void
  /** `[SecretHandle NAME]`: a handle put in a string by mistake shows its name, not its value. */
  toString(): string
}

const INSPECT = Symbol.for('nodejs.util.inspect.custom')

class Handle implements SecretHandle {
  readonly #runtime: HushRuntime

  constructor(
    readonly name: string,
    runtime: HushRuntime,
  ) {
    this.#runtime = runtime
  }

  get value(): string {
    return current(this.#runtime.hush, this.name, this.#runtime.state)
  }

  get(): Promise<string> {
    return this.#runtime.hush.get(this.name)
  }

  onRotate(fn: RotationListener): () => void {
    return this.#runtime.rotations.on(this.name, fn)
  }

  // console.log(handle), util.inspect, JSON.stringify and template strings show the name only.
  [INSPECT](): string {
    return `SecretHandle { name: '${this.name}' }`
  }

  toJSON(): { name: string } {
    return { name: this.name }
  }

  toString(): string {
    return `[SecretHandle ${this.name}]`
  }
}

export function createSecretHandle(name: string, runtime: HushRuntime): SecretHandle {
  return new Handle(name, runtime)
}
