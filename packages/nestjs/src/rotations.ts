import type { Hush } from '@hush/core'

/** What a rotation listener gets: the name and the new version, never the value. */
export interface RotationEvent {
  name: string
  /** The store's id of the new version, when the store has versions. */
  version?: string
  /** The version it replaced. */
  previousVersion?: string
}

export type RotationListener = (event: RotationEvent) => unknown

/**
 * Per-name rotation listeners on one hush instance, fed by its `rotate` event (emitted once
 * per new value, whether the store rotated it or hush did). A listener that throws or
 * rejects is ignored: the app keeps the new value either way.
 */
export function createRotations(hush: Hush): { on(name: string, fn: RotationListener): () => void; stop(): void } {
  const listeners = new Map<string, Set<RotationListener>>()
  const off = hush.on('rotate', (event) => {
    const set = listeners.get(event.name)
    if (!set) return
    const payload: RotationEvent = {
      name: event.name,
      ...(event.toVersion !== undefined ? { version: event.toVersion } : {}),
      ...(event.fromVersion !== undefined ? { previousVersion: event.fromVersion } : {}),
    }
    for (const fn of [...set]) {
      try {
        const result = fn(payload)
        if (result instanceof Promise) result.catch(() => {})
      } catch {
        // A failing handler must not stop the others or the refresh that found the new value.
      }
    }
  })
  return {
    on(name, fn) {
      let set = listeners.get(name)
      if (!set) listeners.set(name, (set = new Set()))
      set.add(fn)
      return () => {
        set.delete(fn)
      }
    },
    stop() {
      off()
      listeners.clear()
    },
  }
}
