import { HushError } from '../errors.js'
import type { Provider, ProviderContext, SecretDescription } from '../provider.js'
import type { Reference } from '../reference.js'

type Queued = { ref: Reference; resolve: (d: SecretDescription) => void; reject: (e: unknown) => void }

/**
 * Batched describes: every `describe` asked in the same tick of a provider that has
 * `describeMany` goes to it in one call (the provider pages as its store needs). Others are
 * described one by one, as before.
 */
export function createDescribeBatcher(ctx: ProviderContext): (provider: Provider, ref: Reference) => Promise<SecretDescription> {
  const queue = new Map<Provider, Queued[]>()
  let scheduled = false

  function flush(): void {
    scheduled = false
    const batches = [...queue]
    queue.clear()
    for (const [provider, items] of batches) {
      const unique = new Map<string, Reference>()
      for (const item of items) unique.set(item.ref.raw, item.ref)
      const refs = [...unique.values()]
      Promise.resolve()
        .then(() => provider.describeMany!(refs, ctx))
        .then(
          (results) => {
            const byRaw = new Map(refs.map((ref, i) => [ref.raw, results[i]] as const))
            for (const item of items) {
              const r = byRaw.get(item.ref.raw)
              if (r === undefined) {
                item.reject(
                  new HushError('HUSH_STORE_UNAVAILABLE', {
                    message: `the ${provider.scheme} provider described nothing for ${item.ref.raw}`,
                    fix: 'this is a bug in the provider; report it with the reference.',
                    reference: item.ref.raw,
                  }),
                )
              } else if (r instanceof HushError) item.reject(r)
              else item.resolve(r)
            }
          },
          (error: unknown) => {
            for (const item of items) item.reject(error)
          },
        )
    }
  }

  return (provider, ref) => {
    if (!provider.describeMany) {
      if (provider.describe) return provider.describe(ref, ctx)
      return Promise.resolve({ reference: ref.raw })
    }
    return new Promise<SecretDescription>((resolve, reject) => {
      let items = queue.get(provider)
      if (!items) queue.set(provider, (items = []))
      items.push({ ref, resolve, reject })
      if (!scheduled) {
        scheduled = true
        queueMicrotask(flush)
      }
    })
  }
}
