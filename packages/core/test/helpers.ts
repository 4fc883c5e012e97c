import { HushError, type Provider, type Reference, type ResolvedSecret, type VersionCheck } from '../src/index.js'

/**
 * An in-memory store for resolver tests: counts calls, can go down, can delete or change a
 * secret, so every cache and failure path can be driven on purpose.
 */
export class MemoryStore {
  values = new Map<string, { value: string; version: number }>()
  resolveCalls: string[][] = []
  checkCalls = 0
  down = false
  /** A delay before each answer, on setTimeout: tests drive it with fake timers, not the clock. */
  delayMs = 0

  set(path: string, value: string): void {
    const old = this.values.get(path)
    this.values.set(path, { value, version: (old?.version ?? 0) + 1 })
  }

  provider(scheme = 'mem'): Provider {
    const unavailable = (ref: Reference) =>
      new HushError('HUSH_STORE_UNAVAILABLE', { message: `${ref.raw}: the store is down`, fix: 'wait', reference: ref.raw })
    return {
      scheme,
      resolve: async (refs) => {
        this.resolveCalls.push(refs.map((r) => r.path))
        if (this.delayMs) await new Promise((r) => setTimeout(r, this.delayMs))
        return refs.map((ref): ResolvedSecret | HushError => {
          if (this.down) return unavailable(ref)
          const entry = this.values.get(ref.path)
          if (!entry) return new HushError('HUSH_NOT_FOUND', { message: `${ref.raw} does not exist`, fix: 'create it', reference: ref.raw })
          return { value: entry.value, version: String(entry.version) }
        })
      },
      check: async (items) => {
        this.checkCalls++
        return items.map(({ ref, version }): VersionCheck => {
          if (this.down) return unavailable(ref)
          const entry = this.values.get(ref.path)
          if (!entry) return new HushError('HUSH_NOT_FOUND', { message: `${ref.raw} does not exist`, fix: 'create it', reference: ref.raw })
          return String(entry.version) === version ? { unchanged: true } : { unchanged: false, version: String(entry.version) }
        })
      },
      rotate: async (ref) => {
        const entry = this.values.get(ref.path)!
        this.set(ref.path, entry.value + '-rotated')
        return { version: String(entry.version + 1) }
      },
    }
  }
}

export const randomSecret = () => `S3c-${Math.random().toString(36).slice(2)}${Math.random().toString(36).slice(2)}`

/** `bytes` cut at the given sizes (and the rest), as a pipe may deliver them: characters may be split. */
export function cutBytes(bytes: Buffer, sizes: number[]): Buffer[] {
  const chunks: Buffer[] = []
  let pos = 0
  for (const size of sizes) {
    chunks.push(bytes.subarray(pos, pos + size))
    pos += size
  }
  chunks.push(bytes.subarray(pos))
  return chunks
}
