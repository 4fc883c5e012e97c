import { backoffDelay, sleep, type RetryOptions } from './backoff.js'
import { lineIndex } from './config/load.js'
import { printableKey } from './config/validate.js'
import type { HushConfig, SecretConfig } from './config/types.js'
import { type Duration, parseDuration } from './duration.js'
import { checkIsolation, resolveEnvironmentName } from './environment.js'
import { describeForeignError, HushError, type HushErrorCode, type SourceLocation } from './errors.js'
import { currentActor, EventHub, type HushEvent, type HushEventType, type Listener } from './events.js'
import type { Provider, ProviderContext, ResolvedSecret, SecretDescription } from './provider.js'
import { envProvider } from './providers/env.js'
import { fileProvider } from './providers/file.js'
import { installLogGuard } from './redact/log-guard.js'
import { Redactor, type RedactorOptions } from './redact/redactor.js'
import { parseReference, schemeOf, suggestScheme, type Reference } from './reference.js'

/** A reference written outside the config (in `.env`, say), with where it was written. */
export type SourceReference = string | { reference: string; where?: SourceLocation }

export interface HushOptions {
  /** The manifest, already loaded (see `loadConfig`). Without one, only `sources` are known. */
  config?: HushConfig
  /** Path of the config file, for messages. */
  configFile?: string
  /** Text of the config file, to point messages at a line. */
  configSource?: string
  /** The environment profile. @default HUSH_ENV, else NODE_ENV, else 'development' */
  environment?: string
  /** Extra providers (such as `awsSecretsManager()`); one given for `env` or `file` replaces the built-in. */
  providers?: Provider[]
  /** Secrets by name from outside the config, for zero-config use (`.env` values that are references). */
  sources?: Record<string, SourceReference>
  /** Variables read by `env://` and for `HUSH_ENV`. @default process.env */
  env?: Record<string, string | undefined>
  /** How long a value is served from memory before it must be checked again. @default '5m' */
  ttl?: Duration
  /** Share of the TTL, at its end, in which a background refresh starts. @default 0.2 */
  refreshAhead?: number
  /** How long past its TTL a value may be served while the store is failing. @default '15m' */
  staleIfError?: Duration
  /** Retries of a cold fetch that failed because the store was unavailable. */
  retry?: RetryOptions
  /** The redactor that learns each value; a shared one lets one log guard serve many instances. */
  redactor?: Redactor | RedactorOptions
  /**
   * How long one call to a store may take before it counts as unavailable (and is retried
   * with backoff). @default HUSH_STORE_TIMEOUT, else '10s'
   */
  timeout?: Duration
  /**
   * How long `load()` (a start-up) may take in all, retries included, before it fails with
   * `HUSH_STORE_UNAVAILABLE`. @default HUSH_STARTUP_TIMEOUT, else '30s'
   */
  startupTimeout?: Duration
  /** Source of randomness for backoff jitter (tests make it deterministic). @default Math.random */
  random?: () => number
}

/** The object adapters use to read secrets. */
export interface Hush {
  /** The active environment name. */
  readonly environment: string
  readonly redactor: Redactor
  /** The value of a secret: from memory when fresh, else fetched (concurrent calls share one fetch). */
  get(name: string): Promise<string>
  /** The cached value, without fetching; `undefined` when not loaded or too stale to serve. */
  peek(name: string): string | undefined
  /** Fetches many secrets in batches (all known ones by default) and returns their values. */
  load(names?: readonly string[]): Promise<Record<string, string>>
  /** Fetches again now, skipping the version check: one secret, or every loaded one. */
  refresh(name?: string): Promise<void>
  /** Asks the store to rotate a secret, then serves the new value. */
  rotate(name: string): Promise<void>
  /** Version and rotation metadata from the store, never the value. */
  describe(name: string): Promise<SecretDescription>
  /** Subscribes to events; returns an unsubscribe function. */
  on<T extends HushEventType | '*'>(type: T, fn: Listener<T>): () => void
  /** Masks every value this instance has seen. */
  redact(text: string): string
  /** Every secret name known from the config and sources. */
  names(): string[]
  /** The manifest entry of a name, if declared. */
  spec(name: string): SecretConfig | undefined
  /** The reference a name resolves through in this environment (safe to print). */
  referenceOf(name: string): string | undefined
  /**
   * Masks this instance's values in console and stdout/stderr output, emitting a
   * `leak-blocked` event for each; returns a function that removes the guard.
   */
  guardLogs(): () => void
  /** Stops timers and drops every value from memory. */
  close(): Promise<void>
}

interface Entry {
  name: string
  ref: Reference
  where: SourceLocation | undefined
  /** Set once an 'unmaskable' warning was given, so it is given once. */
  warned?: boolean
  provider: Provider
  spec: SecretConfig | undefined
  value?: string
  version?: string
  promise?: Promise<string>
  fetchedAt: number
  refreshAt: number
  expiresAt: number
  inflight?: Promise<void>
  failures: number
  timer?: ReturnType<typeof setTimeout>
}

/** An answer from a provider, and how many references went to it in the same call. */
type Answer = { result: ResolvedSecret | HushError; batchSize: number }
type Queued = { ref: Reference; done: (answer: Answer) => void }

const STALE_OK = new Set<HushErrorCode>(['HUSH_STORE_UNAVAILABLE'])
const INSPECT = Symbol.for('nodejs.util.inspect.custom')

/** A promise that rejects with `error()` after `ms`, unless `work` settles first. */
function withTimeout<T>(work: Promise<T>, ms: number, error: () => HushError): Promise<T> {
  if (!(ms > 0) || !Number.isFinite(ms)) return work
  return new Promise<T>((resolve, reject) => {
    const timer = setTimeout(() => reject(error()), ms)
    timer.unref?.()
    work.then(
      (v) => {
        clearTimeout(timer)
        resolve(v)
      },
      (e: unknown) => {
        clearTimeout(timer)
        reject(e)
      },
    )
  })
}

const WITHHELD = '(message withheld: it may quote the value)'

/**
 * `text` with `value` taken out, in every form the redactor knows (escaped, encoded, upper or
 * lower case). A text that still holds a run of 8 characters of the value (V8's JSON.parse
 * quotes the first 10, validators cut values short) is withheld whole, as is any text holding
 * a value too short to find safely.
 */
function scrubValue(text: string, value: string): string {
  if (value.length < 4) return text.includes(value) ? WITHHELD : text
  const redactor = new Redactor({ minLength: 4, minEntropyBits: 0, mask: () => '[redacted]' })
  const out = redactor.add('value', value) ? redactor.redact(text) : text.split(value).join('[redacted]')
  const run = Math.min(8, value.length)
  const lower = out.toLowerCase()
  for (let i = 0; i + run <= value.length; i++) if (lower.includes(value.slice(i, i + run).toLowerCase())) return WITHHELD
  return out
}

const seconds = (ms: number) => (ms % 1000 === 0 ? `${ms / 1000} s` : `${ms} ms`)

/** Creates the resolver: the one object that adapters use. */
export function createHush(options: HushOptions = {}): Hush {
  const config = options.config
  const envVars = options.env ?? process.env
  const environment = options.environment ?? resolveEnvironmentName(envVars)
  const random = options.random ?? Math.random
  const durationOf = (d: Duration | string | undefined, fallback: number, setting?: string) => {
    if (d === undefined || d === '') return fallback
    const ms = typeof d === 'string' && /^\d+$/.test(d.trim()) ? Number(d) : parseDuration(d)
    if (ms !== undefined) return ms
    if (!setting) return fallback
    throw new HushError('HUSH_BAD_CONFIG', {
      message: `${setting} is not a duration`,
      fix: `write a number and a unit, such as ${setting}=30s or ${setting}=1500ms.`,
    })
  }
  const ttl = durationOf(options.ttl ?? config?.cache?.ttl, 300_000)
  const staleIfError = durationOf(options.staleIfError ?? config?.cache?.staleIfError, 900_000)
  const callTimeout = options.timeout !== undefined ? durationOf(options.timeout, 10_000) : durationOf(envVars.HUSH_STORE_TIMEOUT, 10_000, 'HUSH_STORE_TIMEOUT')
  const startupTimeout = options.startupTimeout !== undefined ? durationOf(options.startupTimeout, 30_000) : durationOf(envVars.HUSH_STARTUP_TIMEOUT, 30_000, 'HUSH_STARTUP_TIMEOUT')
  // Secret names are looked up with hasOwn: a name such as "toString" or "__proto__" must not
  // find a property of Object.prototype.
  const secrets = config?.secrets
  const declared = (name: string): SecretConfig | undefined => (secrets && Object.hasOwn(secrets, name) ? secrets[name] : undefined)
  const configLines = options.configSource !== undefined ? lineIndex(options.configSource) : undefined
  const refreshAhead = Math.min(Math.max(options.refreshAhead ?? 0.2, 0), 0.9)
  const retries = options.retry?.retries ?? 2
  const baseDelay = options.retry?.baseDelayMs ?? 200
  const maxDelay = options.retry?.maxDelayMs ?? 30_000
  const ownRedactor = !(options.redactor instanceof Redactor)
  const redactor = options.redactor instanceof Redactor ? options.redactor : new Redactor(options.redactor)
  const events = new EventHub()
  const ctx: ProviderContext = { environment }

  const providers = new Map<string, Provider>()
  for (const p of [envProvider({ env: envVars }), fileProvider(), ...(options.providers ?? [])]) providers.set(p.scheme, p)

  const sources = new Map<string, { reference: string; where?: SourceLocation }>()
  for (const [name, s] of Object.entries(options.sources ?? {})) sources.set(name, typeof s === 'string' ? { reference: s } : s)

  /**
   * A reference as it may be printed. One of a registered scheme names where a secret lives;
   * anything else in its place (`postgres://app:<password>@db/app`, pasted into the config)
   * may be the secret itself, so only its scheme is shown.
   */
  const printable = (reference: string): string => {
    const scheme = schemeOf(reference)
    return scheme !== undefined && providers.has(scheme) ? reference : `${scheme ?? reference.slice(0, Math.max(reference.indexOf(':'), 0))}://...`
  }

  const entries = new Map<string, Entry>()
  /** The last retryable failure of a cold fetch, by name: a start-up deadline says what it was. */
  const lastFailure = new Map<string, string>()
  let closed = false
  const closedError = () =>
    new HushError('HUSH_CLOSED', { message: 'this hush instance was closed', fix: 'create a new one with createHush(), or stop using it after close().' })

  const base = () => ({ time: Date.now(), actor: currentActor(), environment })
  const about = (e: Entry) => ({ name: e.name, reference: e.ref.raw, ...(e.spec?.purpose ? { purpose: e.spec.purpose } : {}) })
  const emitError = (error: HushError, e?: Entry) => {
    if (events.wants('error')) {
      events.emit({ ...base(), ...(e ? about(e) : {}), type: 'error', code: error.code, message: error.message })
    }
  }

  // --- where each name comes from -------------------------------------------------------

  /**
   * Where a name comes from. The config decides for the names it declares with a source for
   * this environment; `.env` references give the rest. A `.env` reference that contradicts the
   * config is refused rather than silently losing to it.
   */
  function referenceFor(name: string): { reference: string; where?: SourceLocation } | undefined {
    const spec = declared(name)
    const source = sources.get(name)
    const from = spec?.from
    const fromConfig = spec === undefined ? undefined : from === undefined ? (source ? undefined : `env://${name}`) : typeof from === 'string' ? from : Object.hasOwn(from, environment) ? from[environment] : undefined
    if (fromConfig === undefined) return source
    const path = typeof from === 'object' ? `secrets.${name}.from.${environment}` : `secrets.${name}.from`
    const line = configLines?.(fromConfig)
    const where: SourceLocation = { ...(options.configFile ? { file: options.configFile } : {}), ...(line ? { line } : {}), path }
    if (source && source.reference !== fromConfig) {
      const at = source.where?.file ? `${source.where.file}${source.where.line ? `:${source.where.line}` : ''}` : 'the sources given to hush'
      throw new HushError('HUSH_BAD_CONFIG', {
        message: `${name} is given two different sources: ${printable(fromConfig)} in hush.config and ${printable(source.reference)} in ${at}`,
        reason: 'hush.config decides where a declared secret comes from, so the .env line would be ignored.',
        fix: `keep one: remove ${name} from ${at}, or change secrets.${name}.from in hush.config to the reference you meant.`,
        secret: name,
        where,
      })
    }
    return { reference: fromConfig, where }
  }

  function prepare(name: string): Entry {
    const spec = declared(name)
    const source = referenceFor(name)
    if (!source) {
      if (spec) {
        // Environment names are keys the user wrote; a value pasted as one must not be printed.
        const envs = Object.keys(spec.from as Record<string, string>).map(printableKey)
        throw new HushError('HUSH_NOT_FOUND', {
          message: `${name} has no source for the environment "${environment}"`,
          reason: `hush.config gives it one for ${envs.join(', ') || 'no environment'}.`,
          fix: `add secrets.${name}.from.${environment} to hush.config, or run with HUSH_ENV set to one of those.`,
          secret: name,
          ...(options.configFile ? { where: { file: options.configFile } } : {}),
        })
      }
      throw new HushError('HUSH_UNKNOWN_SECRET', {
        message: `${name} is not a known secret`,
        reason: 'It is neither declared in hush.config nor written as a reference in .env.',
        fix: `declare ${name} under "secrets" in hush.config, or set ${name}=<reference> (for example env://OTHER_VAR) in .env.`,
        secret: name,
      })
    }
    // A malformed reference is described, not quoted (reference.ts); one of an unregistered
    // scheme may be a pasted value (a connection string), so only its scheme is named.
    const ref = parseReference(source.reference, source.where)
    const provider = providers.get(ref.scheme)
    if (!provider) {
      const near = suggestScheme(ref.raw, providers.keys())
      throw new HushError('HUSH_NO_PROVIDER', {
        message: `${name} points at ${ref.scheme}://..., but no provider reads ${ref.scheme}://`,
        ...(near ? { reason: `Did you mean ${near.scheme}://? ${ref.scheme}:// looks like a typo of it.` } : {}),
        fix: near
          ? `write the reference with ${near.scheme}://.`
          : ref.scheme === 'aws-sm' || ref.scheme === 'aws-ssm'
            ? 'install @hush/aws beside @hush/core (pnpm add @hush/aws).'
            : `register a provider for "${ref.scheme}" in the providers option, or, if this is a value (a connection string, say), move it to a store and write a reference here.`,
        secret: name,
        ...(source.where ? { where: source.where } : {}),
      })
    }
    try {
      provider.validate?.(ref)
    } catch (error) {
      if (error instanceof HushError && source.where && !error.where) throw error.at(source.where, { secret: name })
      throw error
    }
    checkIsolation(config, environment, ref, provider, name, source.where)
    return { name, ref, where: source.where, provider, spec, fetchedAt: 0, refreshAt: 0, expiresAt: 0, failures: 0 }
  }

  function entryOf(name: string): Entry {
    let entry = entries.get(name)
    if (!entry) {
      entry = prepare(name)
      entries.set(name, entry)
    }
    return entry
  }

  // --- batched fetches: reads requested in the same tick go to each provider together ---

  const queue = new Map<Provider, Queued[]>()
  let flushScheduled = false

  function enqueue(entry: Entry): Promise<Answer> {
    return new Promise((done) => {
      let list = queue.get(entry.provider)
      if (!list) queue.set(entry.provider, (list = []))
      list.push({ ref: entry.ref, done })
      if (!flushScheduled) {
        flushScheduled = true
        queueMicrotask(flush)
      }
    })
  }

  function flush(): void {
    flushScheduled = false
    const batches = [...queue]
    queue.clear()
    for (const [provider, items] of batches) {
      const unique = new Map<string, Reference>()
      for (const item of items) unique.set(item.ref.raw, item.ref)
      const refs = [...unique.values()]
      // A store that accepts the connection and never answers must not hang the caller.
      withTimeout(Promise.resolve().then(() => provider.resolve(refs, ctx)), callTimeout, () => timedOut(provider.scheme, refs.length)).then(
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

  function timedOut(scheme: string, count: number): HushError {
    return new HushError('HUSH_STORE_UNAVAILABLE', {
      message: `the ${scheme} store did not answer within ${seconds(callTimeout)} (reading ${count} secret${count === 1 ? '' : 's'})`,
      fix: 'check that the store is reachable; if it is only slow, raise the timeout option (or HUSH_STORE_TIMEOUT, for example 30s).',
    })
  }

  function asStoreError(error: unknown, ref: Reference): HushError {
    if (error instanceof HushError) return error
    return new HushError('HUSH_STORE_UNAVAILABLE', {
      message: `reading ${ref.raw} failed: the ${ref.scheme} store did not answer`,
      fix: 'check that the store is reachable; hush retries with backoff.',
      reference: ref.raw,
    })
  }

  // --- storing values and refreshing them ------------------------------------------------

  async function validate(entry: Entry, value: string): Promise<HushError | undefined> {
    const schema = entry.spec?.schema
    if (!schema) return undefined
    // Messages come from a third-party validator, which may quote the value it rejected.
    const scrub = (s: string) => scrubValue(s, value)
    const invalid = (detail: string) =>
      new HushError('HUSH_INVALID_VALUE', {
        message: `${entry.name} (${entry.ref.raw}) does not match its schema: ${detail}`,
        fix: `correct the stored value, or the schema of secrets.${entry.name} in hush.config.`,
        secret: entry.name,
        reference: entry.ref.raw,
        ...(entry.where ? { where: entry.where } : {}),
      })
    let result: Awaited<ReturnType<typeof schema['~standard']['validate']>>
    try {
      result = await schema['~standard'].validate(value)
    } catch (error) {
      // A schema that throws (a refine, a transform) is still a verdict on the value.
      const message = error && typeof error === 'object' && typeof (error as Error).message === 'string' ? (error as Error).message : ''
      return invalid(message ? `the schema threw: ${scrub(message)}` : 'the schema threw')
    }
    if (!result.issues) return undefined
    return invalid(result.issues.map((i) => scrub(String(i.message))).join('; '))
  }

  function schedule(entry: Entry, delay: number): void {
    if (entry.timer) clearTimeout(entry.timer)
    entry.timer = setTimeout(() => {
      entry.timer = undefined
      refreshEntry(entry, false).catch(() => {
        // Reported as an 'error' event and retried with backoff inside refreshEntry.
      })
    }, Math.max(delay, 0))
    entry.timer.unref?.()
  }

  async function store(entry: Entry, resolved: ResolvedSecret, started: number, batchSize: number, refresh: boolean, forced: boolean): Promise<void> {
    if (resolved.scope) checkIsolation(config, environment, entry.ref, entry.provider, entry.name, referenceFor(entry.name)?.where, resolved.scope)
    const invalid = await validate(entry, resolved.value)
    if (invalid) throw invalid
    if (closed) return
    const previous = entry.value
    const previousVersion = entry.version
    const now = Date.now()
    const life = resolved.ttlMs ?? ttl
    if (!redactor.add(entry.name, resolved.value) && !entry.warned && entry.spec?.public !== true) {
      entry.warned = true
      if (events.wants('unmaskable')) {
        events.emit({ ...base(), ...about(entry), type: 'unmaskable', reason: resolved.value.length < redactor.minLength ? 'too-short' : 'too-plain', minLength: redactor.minLength })
      }
    }
    entry.value = resolved.value
    if (resolved.version !== undefined) entry.version = resolved.version
    else delete entry.version
    entry.promise = Promise.resolve(resolved.value)
    entry.fetchedAt = now
    entry.refreshAt = now + life * (1 - refreshAhead)
    entry.expiresAt = now + life
    entry.failures = 0
    schedule(entry, entry.refreshAt - now)
    const changed = previous !== undefined && (resolved.version !== undefined && previousVersion !== undefined ? resolved.version !== previousVersion : resolved.value !== previous)
    const durationMs = now - started
    const version = resolved.version !== undefined ? { version: resolved.version } : {}
    if (!refresh && events.wants('resolve')) events.emit({ ...base(), ...about(entry), ...version, type: 'resolve', durationMs, batchSize })
    if (refresh && events.wants('refresh')) events.emit({ ...base(), ...about(entry), ...version, type: 'refresh', changed, durationMs, forced })
    if (changed && events.wants('rotate')) {
      events.emit({
        ...base(),
        ...about(entry),
        type: 'rotate',
        ...(previousVersion !== undefined ? { fromVersion: previousVersion } : {}),
        ...(resolved.version !== undefined ? { toVersion: resolved.version } : {}),
      })
    }
  }

  function forget(entry: Entry): void {
    delete entry.value
    delete entry.version
    delete entry.promise
    entry.fetchedAt = entry.refreshAt = entry.expiresAt = 0
  }

  async function coldFetch(entry: Entry): Promise<void> {
    const started = Date.now()
    for (let attempt = 0; ; attempt++) {
      const { result: answer, batchSize } = await enqueue(entry)
      const result = answer instanceof HushError ? located(answer.forSecret(entry.name), entry) : answer
      if (!(result instanceof HushError)) {
        await store(entry, result, started, batchSize, false, false)
        return
      }
      if (!STALE_OK.has(result.code) || attempt >= retries || closed) {
        emitError(result, entry)
        throw result
      }
      lastFailure.set(entry.name, result.summary.startsWith(`${entry.name}: `) ? result.summary.slice(entry.name.length + 2) : result.summary)
      await sleep(backoffDelay(attempt, baseDelay, maxDelay, random))
    }
  }

  /** The error pointing at where the reference was written (`.env:3`), when it does not yet. */
  function located(error: HushError, entry: Entry): HushError {
    return entry.where && !error.where ? error.at(entry.where) : error
  }

  function refreshEntry(entry: Entry, force: boolean): Promise<void> {
    if (entry.inflight) return entry.inflight
    const run = async () => {
      const started = Date.now()
      try {
        if (!force && entry.version !== undefined && entry.provider.check) {
          const provider = entry.provider
          const [check] = await withTimeout(
            Promise.resolve().then(() => provider.check!([{ ref: entry.ref, version: entry.version! }], ctx)),
            callTimeout,
            () => timedOut(provider.scheme, 1),
          )
          if (check instanceof HushError) throw check
          if (check?.unchanged) {
            // The store vouched for the version as of when it was asked: count the new life
            // from then, so slow checks do not stretch the interval between checks.
            const now = Date.now()
            const life = entry.expiresAt - entry.fetchedAt
            entry.fetchedAt = started
            entry.refreshAt = started + life * (1 - refreshAhead)
            entry.expiresAt = started + life
            entry.failures = 0
            schedule(entry, entry.refreshAt - now)
            if (events.wants('refresh')) events.emit({ ...base(), ...about(entry), ...(entry.version ? { version: entry.version } : {}), type: 'refresh', changed: false, durationMs: now - started, forced: false })
            return
          }
        }
        const { result, batchSize } = await enqueue(entry)
        if (result instanceof HushError) throw result
        await store(entry, result, started, batchSize, true, force)
      } catch (error) {
        const failure = located((error instanceof HushError ? error : asStoreError(error, entry.ref)).forSecret(entry.name), entry)
        emitError(failure, entry)
        if (!STALE_OK.has(failure.code)) {
          // Deleted, denied or invalid: the old value is no longer the truth, so stop serving it.
          if (entry.timer) clearTimeout(entry.timer)
          forget(entry)
        } else if (!closed) {
          entry.failures++
          if (Date.now() < entry.expiresAt + staleIfError) schedule(entry, backoffDelay(entry.failures, baseDelay * 5, maxDelay, random))
          else forget(entry)
        }
        throw failure
      } finally {
        entry.inflight = undefined
      }
    }
    entry.inflight = run()
    return entry.inflight
  }

  function unavailable(entry: Entry, cause: HushError): HushError {
    if (cause.code !== 'HUSH_STORE_UNAVAILABLE') return cause
    return new HushError('HUSH_STORE_UNAVAILABLE', {
      message: `${entry.name} (${entry.ref.raw}) could not be refreshed and its last value is older than the staleIfError window`,
      reason: cause.message,
      fix: 'bring the store back, or raise staleIfError if serving older values is acceptable.',
      secret: entry.name,
      reference: entry.ref.raw,
      cause,
    })
  }

  async function slowGet(name: string): Promise<string> {
    if (closed) throw closedError()
    const entry = entryOf(name)
    if (entry.value === undefined) {
      if (!entry.inflight) {
        entry.inflight = coldFetch(entry).finally(() => {
          entry.inflight = undefined
        })
      }
      await entry.inflight
      if (entry.value === undefined) throw closed ? closedError() : unavailable(entry, asStoreError(undefined, entry.ref))
      return entry.value
    }
    const stale = entry.value
    const now = Date.now()
    if (now < entry.expiresAt) return stale
    try {
      await refreshEntry(entry, false)
      return entry.value ?? stale
    } catch (error) {
      const failure = error as HushError
      if (STALE_OK.has(failure.code) && now < entry.expiresAt + staleIfError && entry.value !== undefined) {
        if (events.wants('stale-served')) {
          events.emit({ ...base(), ...about(entry), ...(entry.version ? { version: entry.version } : {}), type: 'stale-served', staleForMs: now - entry.expiresAt, until: entry.expiresAt + staleIfError, errorCode: failure.code })
        }
        return entry.value
      }
      throw unavailable(entry, failure)
    }
  }

  function served(entry: Entry, now: number): void {
    if (events.wants('cache-hit')) events.emit({ ...base(), ...about(entry), ...(entry.version ? { version: entry.version } : {}), type: 'cache-hit', ageMs: now - entry.fetchedAt })
    if (events.wants('access')) events.emit({ ...base(), ...about(entry), type: 'access', cached: true })
  }

  const hush: Hush = {
    environment,
    get redactor() {
      return redactor
    },
    get(name) {
      const entry = entries.get(name)
      if (entry !== undefined && entry.promise !== undefined && !closed) {
        const now = Date.now()
        if (now < entry.refreshAt) {
          if (events.size) served(entry, now)
          return entry.promise
        }
        if (now < entry.expiresAt) {
          // Inside the refresh-ahead window: answer now, refresh behind the caller's back.
          if (!entry.inflight) refreshEntry(entry, false).catch(() => {})
          if (events.size) served(entry, now)
          return entry.promise
        }
      }
      if (events.wants('access')) {
        const e = entries.get(name)
        let reference = e?.ref.raw
        try {
          const known = referenceFor(name)?.reference
          reference ??= known === undefined ? undefined : printable(known)
        } catch {
          // A conflicting source is reported by the read itself, just below.
        }
        events.emit({ ...base(), name, reference: reference ?? '', type: 'access', cached: false })
      }
      return slowGet(name).catch((error: unknown) => {
        if (error instanceof HushError && !entries.has(name)) emitError(error)
        throw error
      })
    },
    peek(name) {
      const entry = entries.get(name)
      if (!entry || entry.value === undefined || closed) return undefined
      return Date.now() < entry.expiresAt + staleIfError ? entry.value : undefined
    },
    async load(names) {
      if (closed) throw closedError()
      const wanted = names ?? hush.names()
      const failures: Array<{ name: string; error: HushError }> = []
      const out: Record<string, string> = {}
      const all = Promise.all(
        wanted.map(async (name) => {
          const spec = declared(name)
          try {
            out[name] = await hush.get(name)
          } catch (error) {
            const failure =
              error instanceof HushError
                ? error
                : new HushError('HUSH_STORE_UNAVAILABLE', {
                    message: `${name} could not be read: ${describeForeignError(error)}`,
                    fix: 'this is a bug in a provider or adapter; report it with the secret name.',
                    secret: name,
                  })
            const optional = spec?.required === false && failure.code === 'HUSH_NOT_FOUND'
            if (!optional) failures.push({ name, error: failure })
          }
        }),
      )
      await withTimeout(
        all,
        startupTimeout,
        () =>
          new HushError('HUSH_STORE_UNAVAILABLE', {
            message: `loading ${wanted.length} secret${wanted.length === 1 ? '' : 's'} did not finish within ${seconds(startupTimeout)}`,
            reason: `Still waiting for: ${wanted
              .filter((n) => !Object.hasOwn(out, n) && !failures.some((f) => f.name === n))
              .slice(0, 10)
              .map((n) => (lastFailure.has(n) ? `${n} (last try: ${lastFailure.get(n)})` : n))
              .join(', ')}.`,
            fix: 'check that the stores are reachable; if they are only slow, raise startupTimeout (or HUSH_STARTUP_TIMEOUT, for example 60s).',
          }),
      )
      if (failures.length === 1) throw failures[0]!.error
      if (failures.length > 1) {
        const first = failures[0]!.error
        // One line per secret, each with its own fix, so a single run shows every problem.
        throw new HushError(first.code, {
          message: `${failures.length} secrets could not be loaded:${failures.map((f) => `\n  - ${f.name}: ${f.error.message}`).join('')}`,
          cause: first,
        })
      }
      return out
    },
    async refresh(name) {
      if (closed) throw closedError()
      const targets = name === undefined ? [...entries.values()].filter((e) => e.value !== undefined) : [entryOf(name)]
      await Promise.all(targets.map((e) => (e.value === undefined ? slowGet(e.name).then(() => {}) : refreshEntry(e, true))))
    },
    async rotate(name) {
      if (closed) throw closedError()
      const entry = entryOf(name)
      if (!entry.provider.rotate) {
        throw new HushError('HUSH_NO_PROVIDER', {
          message: `${name} lives in ${entry.ref.scheme}://, which cannot be rotated by hush`,
          fix: 'rotate it where it is stored, then call refresh().',
          secret: name,
          reference: entry.ref.raw,
        })
      }
      await entry.provider.rotate(entry.ref, ctx)
      if (entry.inflight) await entry.inflight.catch(() => {})
      await refreshEntry(entry, true)
    },
    async describe(name) {
      const entry = entryOf(name)
      if (entry.provider.describe) return entry.provider.describe(entry.ref, ctx)
      return { reference: entry.ref.raw, ...(entry.version ? { version: entry.version } : {}) }
    },
    on(type, fn) {
      return events.on(type, fn as (event: HushEvent) => void)
    },
    redact(text) {
      return redactor.redact(text)
    },
    guardLogs() {
      // Events go through the hub directly: emitting to a sink that writes to stdout must not
      // re-enter the guard's mask for its own output.
      return installLogGuard(redactor, {
        onMask: (matches, where) => {
          if (!events.wants('leak-blocked')) return
          for (const m of matches) events.emit({ ...base(), type: 'leak-blocked', name: m.name, where, encoding: m.encoding })
        },
      })
    },
    names() {
      const all = new Set<string>(sources.keys())
      for (const [name, spec] of Object.entries(secrets ?? {})) {
        if (typeof spec.from !== 'object' || Object.hasOwn(spec.from, environment) || spec.required !== false) all.add(name)
      }
      return [...all]
    },
    spec(name) {
      return declared(name)
    },
    referenceOf(name) {
      const reference = referenceFor(name)?.reference
      return reference === undefined ? undefined : printable(reference)
    },
    async close() {
      if (closed) return
      closed = true
      for (const entry of entries.values()) {
        if (entry.timer) clearTimeout(entry.timer)
        forget(entry)
        if (!ownRedactor) redactor.remove(entry.name)
      }
      entries.clear()
      if (ownRedactor) redactor.clear()
      events.clear()
      await Promise.all([...providers.values()].map((p) => p.close?.()))
    },
  }
  // What console.log(hush), util.inspect and JSON.stringify show: names and counts, never the
  // redactor or a value.
  const summary = () => ({ environment, secrets: hush.names().length, loaded: [...entries.values()].filter((e) => e.value !== undefined).length, closed })
  Object.defineProperty(hush, 'redactor', { enumerable: false })
  Object.defineProperty(hush, INSPECT, { value: () => `Hush ${JSON.stringify(summary())}`, enumerable: false })
  Object.defineProperty(hush, 'toJSON', { value: summary, enumerable: false })
  return hush
}
