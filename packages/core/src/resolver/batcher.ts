import { HushError } from '../errors.js'
import type { Provider, ProviderContext, ResolvedSecret } from '../provider.js'
import type { Reference } from '../reference.js'
import { asStoreError } from './failures.js'
import { storeTimedOut, withTimeout } from './timeouts.js'

/** A provider's answer for one reference, and how many references went to it in the same call. */
export interface Answer {
  result: ResolvedSecret | HushError
  batchSize: number
}

type Queued = { ref: Reference; done: (answer: Answer) => void }

/**
 * Batched fetches: every read asked for in the same tick goes to its provider in one call, one
 * call per provider, each reference once however many readers wait for it. A provider that
 * throws, or answers later than `callTimeout`, fails every reference of its call; the promise
 * returned never rejects, each reader gets its own answer.
 */
export function createBatcher(ctx: ProviderContext, callTimeout: number): (provider: Provider, ref: Reference) => Promise<Answer> {
  const queue = new Map<Provider, Queued[]>()
  let flushScheduled = false

  function flush(): void {
    flushScheduled = false
    const batches = [...queue]
    queue.clear()
    for (const [provider, items] of batches) {
      const unique = new Map<string, Reference>()
      for (const item of items) unique.set(item.ref.raw, item.ref)
      const refs = [...unique.values()]
      // A store that accepts the connection and never answers must not hang the caller; the
      // call is aborted too, so a store that trickles bytes does not keep a socket per retry.
      const call = new AbortController()
      withTimeout(
        Promise.resolve().then(() => provider.resolve(refs, { ...ctx, signal: call.signal })),
        callTimeout,
        () => {
          call.abort()
          return storeTimedOut(provider.scheme, refs.length, callTimeout)
        },
      ).then(
        (results) => {
          const byRaw = new Map<string, ResolvedSecret | HushError>()
          refs.forEach((ref, i) => {
            const r = results[i]
            byRaw.set(
              ref.raw,
              r ??
                new HushError('HUSH_STORE_UNAVAILABLE', {
                  message: `the ${provider.scheme} provider returned no result for ${ref.raw}`,
                  fix: 'this is a bug in the provider; report it with the reference.',
                  reference: ref.raw,
                }),
            )
          })
          for (const item of items) item.done({ result: byRaw.get(item.ref.raw)!, batchSize: refs.length })
        },
        (error: unknown) => {
          for (const item of items) item.done({ result: asStoreError(error, item.ref), batchSize: refs.length })
        },
      )
    }
  }

  return (provider, ref) =>
    new Promise((done) => {
      let list = queue.get(provider)
      if (!list) queue.set(provider, (list = []))
      list.push({ ref, done })
      if (!flushScheduled) {
        flushScheduled = true
        queueMicrotask(flush)
      }
    })
}
