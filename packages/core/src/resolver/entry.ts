/**
 * The cache: one entry per secret name, made the first time the name is asked for. An entry's
 * lifecycle, in time since its value was fetched (`life` is the store's `ttlMs`, else `ttl`):
 *
 *   cold ─fetch─▶ fresh ─(1-refreshAhead)·life─▶ refresh-ahead ─life─▶ expired ─staleIfError─▶ forgotten
 *                   ▲                                  │                  │
 *                   └────────── a refresh succeeds ────┴──────────────────┘
 *
 * - cold: no value. A get() fetches it through the batcher, retrying a store that is
 *   unavailable with backoff (`retry`); concurrent gets share that one fetch (`inflight`).
 * - fresh (now < refreshAt): served from memory; the store is not asked.
 * - refresh-ahead (refreshAt <= now < expiresAt): still served from memory at once, while a
 *   refresh runs behind the caller's back, started by the timer set when the value was stored
 *   (or by the first get() in the window). A refresh asks the provider's cheap `check` whether
 *   the version is unchanged and, if so, only restarts the clock; a new version, a provider
 *   without `check`, or a forced refresh (refresh(), rotate()) fetches the value again.
 * - expired (now >= expiresAt): a get() waits for the refresh.
 * - stale-if-error: while refreshes fail because the store is unavailable, the last value is
 *   still served until expiresAt + staleIfError (a 'stale-served' event says so), and the
 *   timer retries with backoff.
 * - forgotten: past that window, or as soon as the store answers that the secret is gone,
 *   denied or invalid, the value is dropped. The timer keeps asking, backing off, so a value
 *   that comes back (the store recovers, the secret is restored or fixed) is served again
 *   without a get(); when it comes back different it is reported as a rotation (only its
 *   version and a digest are kept meanwhile). A get() meanwhile starts cold. close() forgets
 *   every entry.
 * - A provider whose cheap `check` is refused (a policy without DescribeSecret) is asked for
 *   the value instead, from then on.
 *
 * Values live only here, in memory: nothing is written to disk.
 */
import { createHash } from 'node:crypto'
import { backoffDelay, sleep } from '../backoff.js'
import { HushError } from '../errors.js'
import type { Provider, ProviderContext, ResolvedSecret, VersionCheck } from '../provider.js'
import type { Redactor } from '../redact/redactor.js'
import type { Answer } from './batcher.js'
import { asStoreError, closedError, STALE_OK, tooStale } from './failures.js'
import type { Located, Lookup } from './lookup.js'
import type { Report } from './report.js'
import { schemaProblem } from './schema.js'
import type { ResolverSettings } from './settings.js'
import { storeTimedOut, withTimeout } from './timeouts.js'

const digest = (value: string): string => createHash('sha256').update(value).digest('base64')

export interface Entry extends Located {
  /** Set once an 'unmaskable' warning was given, so it is given once. */
  warned?: boolean
  value?: string
  version?: string
  /** The value as an already settled promise, so a fresh get() allocates nothing. */
  promise?: Promise<string>
  fetchedAt: number
  refreshAt: number
  expiresAt: number
  /** The fetch or refresh under way, shared by every caller that needs it. */
  inflight?: Promise<void>
  /** Refreshes failed in a row, for the backoff. */
  failures: number
  timer?: ReturnType<typeof setTimeout>
  /** The store refused the cheap version check (a policy without DescribeSecret): refresh by fetching. */
  noCheck: boolean
  /** Reads served from memory, ever: the audit log and the metrics take differences (a count costs the hot path nothing else). */
  reads: number
  /**
   * What was known of a value hush had to drop (deleted, denied, past the stale window): its
   * version and a digest, never the value, so a value that comes back different is reported as
   * a rotation (an app rebuilds what it built on the old one).
   */
  dropped?: { version?: string; digest: string }
}

export interface EntriesInput {
  settings: ResolverSettings
  lookup: Lookup
  /** Asks a provider for one reference, batched with the other reads of the tick. */
  fetch: (provider: Located['provider'], ref: Located['ref']) => Promise<Answer>
  report: Report
  /** Learns every value stored, so output can be masked. */
  redactor: Redactor
  ctx: ProviderContext
}

export interface Entries {
  /** Whether close() was called. */
  readonly closed: boolean
  /** The entries made so far, by name. */
  readonly all: ReadonlyMap<string, Entry>
  /** The entry of a name, made on first use (throws when the name cannot be located). */
  entryOf(name: string): Entry
  /** The value, when fresh or in the refresh-ahead window; `undefined` when the store must be asked. */
  fromMemory(name: string): Promise<string> | undefined
  /** The value: fetched cold, waited for when expired, or served stale while the store is down. */
  read(name: string): Promise<string>
  /** Refreshes now (`force` skips the version check); calls during one share it. */
  refresh(entry: Entry, force: boolean): Promise<void>
  /** The value without fetching, while it may still be served. */
  peek(name: string): string | undefined
  /** Why the last cold fetch of a name failed, while it was being retried. */
  lastFailure(name: string): string | undefined
  /** Stops every timer, forgets every value and refuses reads; returns the names that had entries. */
  close(): string[]
}

export function createEntries({ settings, lookup, fetch, report, redactor, ctx }: EntriesInput): Entries {
  const { events } = report
  const entries = new Map<string, Entry>()
  /** The last retryable failure of a cold fetch, by name: a start-up deadline says what it was. */
  const lastFailure = new Map<string, string>()
  let closed = false

  function entryOf(name: string): Entry {
    let entry = entries.get(name)
    if (!entry) {
      const { ref, where, provider, spec } = lookup.locate(name)
      // Written out, not spread: every entry then has one hidden class, which keeps the hot
      // paths (get, store) monomorphic; a spread made load() of 100 secrets about 4x slower.
      entry = { name, ref, where, provider, spec, fetchedAt: 0, refreshAt: 0, expiresAt: 0, failures: 0, noCheck: false, reads: 0 }
      entries.set(name, entry)
    }
    return entry
  }

  /** The error pointing at where the reference was written (`.env:3`), when it does not yet. */
  function located(error: HushError, entry: Entry): HushError {
    return entry.where && !error.where ? error.at(entry.where) : error
  }

  function forget(entry: Entry): void {
    if (entry.value !== undefined) entry.dropped = { ...(entry.version !== undefined ? { version: entry.version } : {}), digest: digest(entry.value) }
    delete entry.value
    delete entry.version
    delete entry.promise
    entry.fetchedAt = entry.refreshAt = entry.expiresAt = 0
  }

  function schedule(entry: Entry, delay: number): void {
    if (entry.timer) clearTimeout(entry.timer)
    entry.timer = setTimeout(
      () => {
        entry.timer = undefined
        refresh(entry, false).catch(() => {
          // Reported as an 'error' event and retried with backoff inside refresh.
        })
      },
      Math.max(delay, 0),
    )
    entry.timer.unref?.()
  }

  /** Takes a fetched value in: checks it, teaches it to the redactor, restarts the clock, reports it. */
  async function store(entry: Entry, resolved: ResolvedSecret, started: number, batchSize: number, refresh: boolean, forced: boolean): Promise<void> {
    if (resolved.scope) lookup.checkScope(entry, resolved.scope)
    const invalid = await schemaProblem(entry, resolved.value)
    if (invalid) throw invalid
    if (closed) return
    const previous = entry.value
    const dropped = entry.dropped
    entry.dropped = undefined
    const previousVersion = entry.version ?? dropped?.version
    const now = Date.now()
    const life = resolved.ttlMs ?? settings.ttl
    if (!redactor.add(entry.name, resolved.value) && !entry.warned && entry.spec?.public !== true) {
      entry.warned = true
      if (events.wants('unmaskable')) {
        events.emit({
          ...report.base(),
          ...report.about(entry),
          type: 'unmaskable',
          reason: resolved.value.length < redactor.minLength ? 'too-short' : 'too-plain',
          minLength: redactor.minLength,
        })
      }
    }
    entry.value = resolved.value
    if (resolved.version !== undefined) entry.version = resolved.version
    else delete entry.version
    entry.promise = Promise.resolve(resolved.value)
    entry.fetchedAt = now
    entry.refreshAt = now + life * (1 - settings.refreshAhead)
    entry.expiresAt = now + life
    entry.failures = 0
    schedule(entry, entry.refreshAt - now)
    const changed =
      previous !== undefined
        ? resolved.version !== undefined && previousVersion !== undefined
          ? resolved.version !== previousVersion
          : resolved.value !== previous
        : dropped !== undefined &&
          (resolved.version !== undefined && dropped.version !== undefined ? resolved.version !== dropped.version : digest(resolved.value) !== dropped.digest)
    const durationMs = now - started
    const version = resolved.version !== undefined ? { version: resolved.version } : {}
    if (!refresh && events.wants('resolve')) events.emit({ ...report.base(), ...report.about(entry), ...version, type: 'resolve', durationMs, batchSize })
    if (refresh && events.wants('refresh')) events.emit({ ...report.base(), ...report.about(entry), ...version, type: 'refresh', changed, durationMs, forced })
    if (changed && events.wants('rotate')) {
      events.emit({
        ...report.base(),
        ...report.about(entry),
        type: 'rotate',
        ...(previousVersion !== undefined ? { fromVersion: previousVersion } : {}),
        ...(resolved.version !== undefined ? { toVersion: resolved.version } : {}),
      })
    }
  }

  /** cold → fresh, retrying an unavailable store with backoff. */
  async function coldFetch(entry: Entry): Promise<void> {
    const started = Date.now()
    for (let attempt = 0; ; attempt++) {
      const { result: answer, batchSize } = await fetch(entry.provider, entry.ref)
      const result = answer instanceof HushError ? located(answer.forSecret(entry.name), entry) : answer
      if (!(result instanceof HushError)) {
        await store(entry, result, started, batchSize, false, false)
        return
      }
      if (!STALE_OK.has(result.code) || attempt >= settings.retries || closed) {
        report.error(result, entry)
        throw result
      }
      lastFailure.set(entry.name, result.summary.startsWith(`${entry.name}: `) ? result.summary.slice(entry.name.length + 2) : result.summary)
      await sleep(backoffDelay(attempt, settings.baseDelay, settings.maxDelay, settings.random))
    }
  }

  /** refresh-ahead or expired → fresh; on failure, stale-if-error (with backoff) or forgotten. */
  function refresh(entry: Entry, force: boolean): Promise<void> {
    if (entry.inflight) return entry.inflight
    const run = async () => {
      const started = Date.now()
      try {
        if (!force && !entry.noCheck && entry.version !== undefined && entry.provider.check) {
          const provider = entry.provider
          let check: VersionCheck | undefined = await withTimeout(versionCheck(entry), settings.callTimeout, () =>
            storeTimedOut(provider.scheme, 1, settings.callTimeout),
          ).catch((error: unknown) => (error instanceof HushError ? error : asStoreError(error, entry.ref)))
          if (check instanceof HushError) {
            if (STALE_OK.has(check.code)) throw check
            // Refused or broken (a policy that allows GetSecretValue but not DescribeSecret): the
            // check says nothing about the secret itself, so fetch it, and stop asking.
            entry.noCheck = true
            check = undefined
          }
          if (check?.unchanged) {
            // The store vouched for the version as of when it was asked: count the new life
            // from then, so slow checks do not stretch the interval between checks.
            const now = Date.now()
            const life = entry.expiresAt - entry.fetchedAt
            entry.fetchedAt = started
            entry.refreshAt = started + life * (1 - settings.refreshAhead)
            entry.expiresAt = started + life
            entry.failures = 0
            schedule(entry, entry.refreshAt - now)
            if (events.wants('refresh'))
              events.emit({
                ...report.base(),
                ...report.about(entry),
                ...(entry.version ? { version: entry.version } : {}),
                type: 'refresh',
                changed: false,
                durationMs: now - started,
                forced: false,
              })
            return
          }
        }
        const { result, batchSize } = await fetch(entry.provider, entry.ref)
        if (result instanceof HushError) throw result
        await store(entry, result, started, batchSize, true, force)
      } catch (error) {
        const failure = located((error instanceof HushError ? error : asStoreError(error, entry.ref)).forSecret(entry.name), entry)
        report.error(failure, entry)
        if (!STALE_OK.has(failure.code)) {
          // Deleted, denied or invalid: the old value is no longer the truth, so stop serving it,
          // and keep asking (backing off) in case it is restored or fixed.
          forget(entry)
          if (!closed) {
            entry.failures++
            schedule(entry, backoffDelay(entry.failures, settings.baseDelay * 5, settings.maxDelay, settings.random))
          }
        } else if (!closed) {
          entry.failures++
          if (Date.now() >= entry.expiresAt + settings.staleIfError) forget(entry)
          // Past the stale window the value is gone, but the store is only unavailable: keep
          // trying, so an app that reads without awaiting (peek, a ConfigService getter) has it
          // back once the store is, with no get() to restart it.
          schedule(entry, backoffDelay(entry.failures, settings.baseDelay * 5, settings.maxDelay, settings.random))
        }
        throw failure
      } finally {
        entry.inflight = undefined
      }
    }
    entry.inflight = run()
    return entry.inflight
  }

  /**
   * Version checks go to the provider in batches, so a store that checks many versions in one
   * request (Parameter Store's DescribeParameters, 50 names a call) is asked once per TTL rather
   * than once per secret. The first check due pulls along every other entry of its provider
   * that is due within its own refresh-ahead span: values fetched together then stay checked
   * together, instead of drifting apart by a millisecond a cycle into separate calls.
   */
  const checks = new Map<Provider, Array<{ entry: Entry; done: (check: VersionCheck) => void }>>()
  let checkFlush = false

  function versionCheck(entry: Entry): Promise<VersionCheck> {
    return new Promise((done) => {
      let list = checks.get(entry.provider)
      if (!list) checks.set(entry.provider, (list = []))
      list.push({ entry, done })
      if (!checkFlush) {
        checkFlush = true
        queueMicrotask(flushChecks)
      }
    })
  }

  function flushChecks(): void {
    const now = Date.now()
    for (const provider of checks.keys()) {
      for (const other of entries.values()) {
        if (other.provider !== provider || other.inflight || other.noCheck || other.version === undefined || other.value === undefined) continue
        // Refreshing one span early at most: inside the window the value is still served fresh.
        if (now >= other.refreshAt - (other.expiresAt - other.refreshAt)) refresh(other, false).catch(() => {})
      }
    }
    checkFlush = false
    const batches = [...checks]
    checks.clear()
    for (const [provider, items] of batches) {
      // Aborted when it outlasts the call timeout, as reads are (the callers time out then too).
      const call = new AbortController()
      withTimeout(
        Promise.resolve().then(() =>
          provider.check!(
            items.map(({ entry }) => ({ ref: entry.ref, version: entry.version! })),
            { ...ctx, signal: call.signal },
          ),
        ),
        settings.callTimeout,
        () => {
          call.abort()
          return storeTimedOut(provider.scheme, items.length, settings.callTimeout)
        },
      ).then(
        (results) => items.forEach((item, i) => item.done(results[i] ?? asStoreError(undefined, item.entry.ref))),
        (error: unknown) => items.forEach((item) => item.done(error instanceof HushError ? error : asStoreError(error, item.entry.ref))),
      )
    }
  }

  function served(entry: Entry, now: number): void {
    if (events.wants('cache-hit'))
      events.emit({
        ...report.base(),
        ...report.about(entry),
        ...(entry.version ? { version: entry.version } : {}),
        type: 'cache-hit',
        ageMs: now - entry.fetchedAt,
      })
    if (events.wants('access')) events.emit({ ...report.base(), ...report.about(entry), type: 'access', cached: true })
  }

  return {
    get closed() {
      return closed
    },
    all: entries,
    entryOf,
    refresh,
    fromMemory(name) {
      const entry = entries.get(name)
      if (entry === undefined || entry.promise === undefined || closed) return undefined
      const now = Date.now()
      entry.reads++
      if (now < entry.refreshAt) {
        if (events.hearsReads) served(entry, now)
        return entry.promise
      }
      if (now < entry.expiresAt) {
        // Inside the refresh-ahead window: answer now, refresh behind the caller's back.
        if (!entry.inflight) refresh(entry, false).catch(() => {})
        if (events.hearsReads) served(entry, now)
        return entry.promise
      }
      return undefined
    },
    async read(name) {
      if (closed) throw closedError()
      const entry = entryOf(name)
      if (entry.value === undefined) {
        if (!entry.inflight) {
          entry.inflight = coldFetch(entry).finally(() => {
            entry.inflight = undefined
          })
        }
        await entry.inflight
        if (entry.value === undefined) throw closed ? closedError() : tooStale(entry, asStoreError(undefined, entry.ref))
        return entry.value
      }
      const stale = entry.value
      const now = Date.now()
      if (now < entry.expiresAt) return stale
      try {
        await refresh(entry, false)
        return entry.value ?? stale
      } catch (error) {
        const failure = error as HushError
        if (STALE_OK.has(failure.code) && now < entry.expiresAt + settings.staleIfError && entry.value !== undefined) {
          if (events.wants('stale-served')) {
            events.emit({
              ...report.base(),
              ...report.about(entry),
              ...(entry.version ? { version: entry.version } : {}),
              type: 'stale-served',
              staleForMs: now - entry.expiresAt,
              until: entry.expiresAt + settings.staleIfError,
              errorCode: failure.code,
            })
          }
          return entry.value
        }
        throw tooStale(entry, failure)
      }
    },
    peek(name) {
      const entry = entries.get(name)
      if (!entry || entry.value === undefined || closed) return undefined
      return Date.now() < entry.expiresAt + settings.staleIfError ? entry.value : undefined
    },
    lastFailure(name) {
      return lastFailure.get(name)
    },
    close() {
      closed = true
      const names = [...entries.keys()]
      for (const entry of entries.values()) {
        if (entry.timer) clearTimeout(entry.timer)
        forget(entry)
      }
      entries.clear()
      return names
    },
  }
}
