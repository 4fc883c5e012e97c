import type { Hush } from '@hush/core'
import { current } from './config-service.js'
import type { RotationListener, createRotations } from './rotations.js'

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
  readonly #hush: Hush
  readonly #rotations: ReturnType<typeof createRotations>

  constructor(
    readonly name: string,
    hush: Hush,
    rotations: ReturnType<typeof createRotations>,
  ) {
    this.#hush = hush
    this.#rotations = rotations
  }

  get value(): string {
    return current(this.#hush, this.name)
  }

  get(): Promise<string> {
    return this.#hush.get(this.name)
  }

  onRotate(fn: RotationListener): () => void {
    return this.#rotations.on(this.name, fn)
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

export function createSecretHandle(name: string, hush: Hush, rotations: ReturnType<typeof createRotations>): SecretHandle {
  return new Handle(name, hush, rotations)
}
