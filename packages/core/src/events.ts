import { hostname, userInfo } from 'node:os'
import type { Writable } from 'node:stream'
import type { HushErrorCode } from './errors.js'

/** Who asked for a secret: carried by every event. */
export interface Actor {
  user: string
  host: string
  pid: number
}

interface Base {
  /** Milliseconds since the epoch. */
  time: number
  actor: Actor
  environment: string
}

interface About {
  name: string
  reference: string
  /** Why the app uses it: the manifest's `purpose`. */
  purpose?: string
}

/** Every event hush emits. None carries a value. */
export type HushEvent =
  | (Base & About & { type: 'resolve'; version?: string; durationMs: number; batchSize: number })
  | (Base & About & { type: 'cache-hit'; version?: string; ageMs: number })
  | (Base & About & { type: 'access'; cached: boolean })
  | (Base & About & { type: 'refresh'; changed: boolean; version?: string; durationMs: number; forced: boolean })
  | (Base & About & { type: 'rotate'; fromVersion?: string; toVersion?: string })
  | (Base & About & { type: 'stale-served'; version?: string; staleForMs: number; until: number; errorCode: HushErrorCode })
  | (Base & Partial<About> & { type: 'error'; code: HushErrorCode; message: string })
  | (Base & { type: 'leak-blocked'; name: string; where: string; encoding: string })
  /** A value hush cannot mask in output: shorter than the redactor's minimum, or too plain. */
  | (Base & About & { type: 'unmaskable'; reason: 'too-short' | 'too-plain'; minLength: number })

export type HushEventType = HushEvent['type']
export type EventOf<T extends HushEventType> = Extract<HushEvent, { type: T }>
/** An event listener. What it returns is ignored, except that a rejected promise is swallowed like a throw. */
export type Listener<T extends HushEventType | '*'> = (event: T extends HushEventType ? EventOf<T> : HushEvent) => unknown

const isThenable = (value: unknown): value is PromiseLike<unknown> => typeof (value as PromiseLike<unknown> | undefined)?.then === 'function'

let cachedActor: Actor | undefined

/** The current user, host and pid; read once per process. */
export function currentActor(): Actor {
  if (!cachedActor) {
    let user = process.env.USER ?? process.env.USERNAME ?? 'unknown'
    try {
      user = userInfo().username
    } catch {
      // Containers may run as a uid without a passwd entry.
    }
    cachedActor = { user, host: hostname(), pid: process.pid }
  }
  return cachedActor
}

/** A small typed emitter. Listener errors are swallowed so auditing never breaks a read. */
export class EventHub {
  private listeners = new Map<string, Set<(event: HushEvent) => void>>()
  /** Count of listeners, checked on hot paths so events are built only when someone listens. */
  size = 0
  /**
   * Whether anyone listens to the events of a read served from memory (`cache-hit`, `access`,
   * or every event): the warm `get()` checks this one flag, so listeners to rare events (an
   * audit log of rotations and errors) cost it nothing.
   */
  hearsReads = false

  on(type: HushEventType | '*', fn: (event: HushEvent) => void): () => void {
    let set = this.listeners.get(type)
    if (!set) this.listeners.set(type, (set = new Set()))
    if (!set.has(fn)) {
      set.add(fn)
      this.size++
      this.#readsChanged()
    }
    return () => {
      if (set.delete(fn)) {
        this.size--
        this.#readsChanged()
      }
    }
  }

  #readsChanged(): void {
    this.hearsReads = ['cache-hit', 'access', '*'].some((type) => (this.listeners.get(type)?.size ?? 0) > 0)
  }

  wants(type: HushEventType): boolean {
    return this.size > 0 && (this.listeners.has(type) || this.listeners.has('*'))
  }

  emit(event: HushEvent): void {
    for (const key of [event.type, '*']) {
      const set = this.listeners.get(key)
      if (!set) continue
      for (const fn of set) {
        try {
          const result: unknown = fn(event)
          // An async listener's rejection would otherwise surface as an unhandled rejection.
          if (isThenable(result)) result.then(undefined, () => {})
        } catch {
          // A broken sink must not fail the secret read that triggered it.
        }
      }
    }
  }

  clear(): void {
    this.listeners.clear()
    this.size = 0
    this.hearsReads = false
  }
}

/** A listener that writes each event as one JSON line to a stream (a file, stderr, ...). */
export function jsonLinesSink(stream: Pick<Writable, 'write'> | { write(chunk: string): unknown }): (event: HushEvent) => void {
  return (event) => {
    stream.write(JSON.stringify(event) + '\n')
  }
}
