import { HushError } from '../errors.js'
import type { EventHub, HushEvent } from '../events.js'
import type { Provider } from '../provider.js'
import type { Attributes, ObservableResult, OtelApi } from './otel-types.js'

const NAME = 'hush'

/** What a hush instance gets from telemetry: its providers wrapped in spans, and a way out. */
export interface Telemetry {
  wrap(provider: Provider): Provider
  detach(): void
}

/**
 * Metrics and spans through `@opentelemetry/api` (names in the README). Every attribute is a
 * secret's name, a store's scheme, an environment, an error code or a count: never a value,
 * a reference or a message. Counters come from hush's rare events; reads served from memory
 * are an observable counter over the cache's own tally, so the warm `get()` does no more work.
 */
export function createTelemetry(api: OtelApi, events: EventHub, environment: string, reads: () => ReadonlyArray<readonly [string, number]>): Telemetry {
  const meter = api.metrics.getMeter(NAME)
  const tracer = api.trace.getTracer(NAME)
  const env = { 'hush.environment': environment }
  const secret = (e: { name?: string }): Attributes => (e.name ? { 'hush.secret.name': e.name } : {})
  const scheme = (e: { reference?: string }): Attributes => {
    const m = e.reference ? /^([a-z][a-z0-9+.-]*):\/\//.exec(e.reference) : null
    return m ? { 'hush.store.scheme': m[1]! } : {}
  }
  const counters = {
    resolve: meter.createCounter('hush.secret.resolves', { description: 'Values fetched from a store (cold reads and refreshes that changed)' }),
    refresh: meter.createCounter('hush.secret.refreshes', { description: 'Refreshes: version checks and refetches' }),
    error: meter.createCounter('hush.errors', { description: 'Errors, by code: failed reads and failed refreshes' }),
    'stale-served': meter.createCounter('hush.stale.served', { description: 'Reads answered with a value past its TTL while the store was failing' }),
    rotate: meter.createCounter('hush.rotations', { description: 'Rotations seen: a new version of a secret' }),
    'leak-blocked': meter.createCounter('hush.leaks.blocked', { description: 'Values masked in output by the log guard' }),
  }
  const record = (event: HushEvent) => {
    const base: Attributes = { ...env, ...secret(event), ...scheme(event as { reference?: string }) }
    switch (event.type) {
      case 'resolve':
        return counters.resolve.add(1, base)
      case 'refresh':
        return counters.refresh.add(1, { ...base, 'hush.changed': event.changed })
      case 'error':
        return counters.error.add(1, { ...base, 'hush.error.code': event.code })
      case 'stale-served':
        return counters['stale-served'].add(1, { ...base, 'hush.error.code': event.errorCode })
      case 'rotate':
        return counters.rotate.add(1, base)
      case 'leak-blocked':
        return counters['leak-blocked'].add(1, { ...base, 'hush.leak.where': event.where, 'hush.leak.encoding': event.encoding })
      default:
        return undefined
    }
  }
  const off = (['resolve', 'refresh', 'error', 'stale-served', 'rotate', 'leak-blocked'] as const).map((type) => events.on(type, record))

  const hits = meter.createObservableCounter('hush.cache.hits', { description: 'Reads served from memory' })
  const observe = (result: ObservableResult) => {
    for (const [name, total] of reads()) if (total) result.observe(total, { ...env, 'hush.secret.name': name })
  }
  hits.addCallback(observe)
  const duration = meter.createHistogram('hush.store.duration', { description: 'Time of one call to a store', unit: 'ms' })

  /** One store call as a client span, timed; a failure shows as the span's status, by code only. */
  function traced<T>(provider: Provider, operation: string, size: number, call: () => Promise<T>, failures: (result: T) => number): Promise<T> {
    const attributes: Attributes = { ...env, 'hush.store.scheme': provider.scheme, 'hush.operation': operation, 'hush.batch.size': size }
    return tracer.startActiveSpan(`hush.store.${operation}`, { kind: api.SpanKind.CLIENT, attributes }, async (span) => {
      const start = performance.now()
      let outcome = 'ok'
      try {
        const result = await call()
        const failed = failures(result)
        if (failed) {
          outcome = 'partial'
          span.setAttribute('hush.batch.failures', failed)
        }
        return result
      } catch (error) {
        outcome = 'error'
        span.setStatus({ code: api.SpanStatusCode.ERROR, message: error instanceof HushError ? error.code : 'store call failed' })
        throw error
      } finally {
        span.setAttribute('hush.outcome', outcome)
        span.end()
        duration.record(performance.now() - start, { ...attributes, 'hush.outcome': outcome })
      }
    })
  }
  const failedIn = (results: readonly unknown[]) => results.filter((r) => r instanceof HushError).length

  return {
    wrap(provider) {
      const wrapped: Provider = {
        scheme: provider.scheme,
        resolve: (refs, ctx) => traced(provider, 'resolve', refs.length, () => provider.resolve(refs, ctx), failedIn),
      }
      // Only the methods the provider has: hush tells stores that cannot rotate or check by their absence.
      if (provider.validate) wrapped.validate = (ref) => provider.validate!(ref)
      if (provider.scope) wrapped.scope = (ref) => provider.scope!(ref)
      if (provider.check) wrapped.check = (items, ctx) => traced(provider, 'check', items.length, () => provider.check!(items, ctx), failedIn)
      if (provider.describe)
        wrapped.describe = (ref, ctx) =>
          traced(
            provider,
            'describe',
            1,
            () => provider.describe!(ref, ctx),
            () => 0,
          )
      if (provider.describeMany)
        wrapped.describeMany = (refs, ctx) => traced(provider, 'describe', refs.length, () => provider.describeMany!(refs, ctx), failedIn)
      if (provider.rotate)
        wrapped.rotate = (ref, ctx) =>
          traced(
            provider,
            'rotate',
            1,
            () => provider.rotate!(ref, ctx),
            () => 0,
          )
      if (provider.close) wrapped.close = () => provider.close!()
      return wrapped
    },
    detach() {
      for (const o of off) o()
      hits.removeCallback(observe)
    },
  }
}
