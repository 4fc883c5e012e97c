import type { RetryOptions } from './backoff.js'
import type { LoadedConfig } from './config/load.js'
import type { HushConfig, SecretConfig } from './config/types.js'
import type { Duration } from './duration.js'
import { resolveEnvironmentName } from './environment.js'
import { HushError, type SourceLocation } from './errors.js'
import { openAuditLog } from './audit/open.js'
import { loadOtelApi } from './telemetry/load-api.js'
import { createTelemetry } from './telemetry/telemetry.js'
import { currentActor, EventHub, type HushEvent, type HushEventType, type Listener } from './events.js'
import type { Provider, ProviderContext, SecretDescription } from './provider.js'
import { envProvider } from './providers/env.js'
import { fileProvider } from './providers/file.js'
import { installLogGuard } from './redact/log-guard.js'
import { Redactor, type RedactorOptions } from './redact/redactor.js'
import { createDescribeBatcher } from './resolver/describe-batcher.js'
import { createBatcher } from './resolver/batcher.js'
import { createEntries } from './resolver/entry.js'
import { closedError } from './resolver/failures.js'
import { loadAll } from './resolver/load.js'
import { createLookup, type Source } from './resolver/lookup.js'
import { createReport } from './resolver/report.js'
import { resolveSettings } from './resolver/settings.js'

/**
 * A reference written outside the config (in `.env`, say), with where it was written. With
 * `override`, it wins over hush.config's source for the name rather than being refused as a
 * contradiction: what an adapter gives for a variable the shell or the platform set, as
 * such a variable wins over `.env`.
 */
export type SourceReference = string | { reference: string; where?: SourceLocation; override?: boolean }

export interface HushOptions {
  /**
   * The manifest: a config object, or what `loadConfig()` returns (the config with its file and
   * text, so messages point at a line). Without one, only `sources` are known.
   */
  config?: HushConfig | LoadedConfig | undefined
  /** Path of the config file, for messages. @default the file of a `LoadedConfig` given as `config` */
  configFile?: string
  /** Text of the config file, to point messages at a line. @default the text of a `LoadedConfig` given as `config` */
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
  /**
   * Metrics and store spans through `@opentelemetry/api`, when the app has it installed (see
   * the README for the names); `false` turns them off. @default true
   */
  telemetry?: boolean
}

/**
 * The object adapters use to read secrets. `Name` is the union of the secret names when the
 * config's type declares them (`defineConfig`), so a misspelt name fails to compile; else `string`.
 */
export interface Hush<Name extends string = string> {
  /** The active environment name. */
  readonly environment: string
  readonly redactor: Redactor
  /** The value of a secret: from memory when fresh, else fetched (concurrent calls share one fetch). */
  get(name: Name): Promise<string>
  /** The cached value, without fetching; `undefined` when not loaded or too stale to serve. */
  peek(name: Name): string | undefined
  /**
   * Fetches many secrets in batches (all known ones by default) and returns their values by
   * name. An optional secret (`required: false`) that is missing is left out.
   */
  load<N extends Name = Name>(names?: readonly N[]): Promise<string extends Name ? Record<string, string> : Record<N, string>>
  /** Fetches again now, skipping the version check: one secret, or every loaded one. */
  refresh(name?: Name): Promise<void>
  /**
   * Asks the store to rotate a secret, then serves the new value. Resolves with the version
   * the store serves now (`version`); with `{ wait: false }`, as soon as the store accepted the
   * rotation, with the version it is making (`pending: true`), and the old value still served.
   */
  rotate(name: Name, options?: { wait?: boolean }): Promise<{ version?: string; pending?: boolean }>
  /** Version and rotation metadata from the store, never the value. */
  describe(name: Name): Promise<SecretDescription>
  /** Subscribes to events; returns an unsubscribe function. */
  on<T extends HushEventType | '*'>(type: T, fn: Listener<T>): () => void
  /** Masks every value this instance has seen. */
  redact(text: string): string
  /** Every secret name known from the config and sources. */
  names(): Name[]
  /** The manifest entry of a name, if declared. */
  spec(name: Name): SecretConfig | undefined
  /** The reference a name resolves through in this environment (safe to print). */
  referenceOf(name: Name): string | undefined
  /**
   * Masks this instance's values in console and stdout/stderr output, emitting a
   * `leak-blocked` event for each; returns a function that removes the guard.
   */
  guardLogs(): () => void
  /** Stops timers and drops every value from memory. */
  close(): Promise<void>
}

/**
 * The secret names a config type declares: a union of literals for a config written out (or
 * given to `defineConfig`), `string` for one typed only as `HushConfig` or without `secrets`.
 */
export type SecretName<C extends HushConfig> = 'secrets' extends keyof C
  ? string extends keyof NonNullable<C['secrets']>
    ? string
    : Extract<keyof NonNullable<C['secrets']>, string>
  : string

/**
 * Options whose config type names every secret. `sources` add names known only at run time
 * (`.env` lines), so options that have them take the untyped overload.
 */
export type TypedHushOptions<C extends HushConfig> = Omit<HushOptions, 'config' | 'sources'> & {
  config: C | (LoadedConfig & { config: C })
  sources?: undefined
}

/**
 * Whether `config` is what `loadConfig()` returns rather than a config. A config has only
 * `$schema`, `environments`, `secrets` and `cache` (validateConfig refuses any other key), so
 * a `config` object beside a `file` and a `source` string can only be a loaded one.
 */
function isLoadedConfig(config: HushConfig | LoadedConfig): config is LoadedConfig {
  const c = config as Partial<Record<keyof LoadedConfig, unknown>>
  return typeof c.config === 'object' && c.config !== null && typeof c.file === 'string' && typeof c.source === 'string'
}

const INSPECT = Symbol.for('nodejs.util.inspect.custom')

/**
 * Creates the resolver: the one object that adapters use. The parts, in `resolver/`: `lookup`
 * (name → reference → provider, environment rules), `batcher` (one store call per provider
 * per tick), `entry` (the cache and its lifecycle: fetch, refresh ahead, stale-if-error),
 * `load` (many names under a start-up deadline); this function wires them together.
 */
export function createHush<C extends HushConfig>(options: TypedHushOptions<C>): Hush<SecretName<C>>
export function createHush(options?: HushOptions): Hush
export function createHush(options: HushOptions = {}): Hush {
  const loaded = options.config !== undefined && isLoadedConfig(options.config) ? options.config : undefined
  const config = loaded ? loaded.config : (options.config as HushConfig | undefined)
  const envVars = options.env ?? process.env
  const environment = options.environment ?? resolveEnvironmentName(envVars)
  const settings = resolveSettings(options, config, envVars)
  const ownRedactor = !(options.redactor instanceof Redactor)
  const redactor = options.redactor instanceof Redactor ? options.redactor : new Redactor(options.redactor)
  const events = new EventHub()
  const ctx: ProviderContext = { environment }

  // Metrics and store spans when the app has @opentelemetry/api; nothing at all when it has not.
  const otel = options.telemetry === false ? undefined : loadOtelApi()
  const telemetry = otel ? createTelemetry(otel, events, environment, () => [...cache.all.values()].map((e) => [e.name, e.reads] as const)) : undefined
  const providers = new Map<string, Provider>()
  for (const p of [envProvider({ env: envVars }), fileProvider(), ...(options.providers ?? [])]) providers.set(p.scheme, telemetry ? telemetry.wrap(p) : p)

  const sources = new Map<string, Source>()
  for (const [name, s] of Object.entries(options.sources ?? {})) sources.set(name, typeof s === 'string' ? { reference: s } : s)

  const lookup = createLookup({
    config,
    configFile: options.configFile ?? loaded?.file,
    configSource: options.configSource ?? loaded?.source,
    environment,
    sources,
    providers,
    isKnownValue: (text) => redactor.redact(text) !== text,
  })
  const report = createReport(events, environment)
  const cache = createEntries({ settings, lookup, fetch: createBatcher(ctx, settings.callTimeout), report, redactor, ctx })
  const base = report.base
  const describeBatch = createDescribeBatcher(ctx)
  const audit = config?.audit
    ? openAuditLog(config.audit, options.configFile ?? loaded?.file, {
        environment,
        actor: currentActor,
        reference: (name) => hush.referenceOf(name),
        version: (name) => cache.all.get(name)?.version,
        purpose: (name) => lookup.declared(name)?.purpose,
        reads: () => [...cache.all.values()].map((entry) => [entry.name, entry.reads] as const),
      })
    : undefined
  if (audit) for (const type of audit.eventTypes) events.on(type, (event) => audit.log.event(event))
  const auditReads = audit?.log.readsAudited === true

  const hush: Hush = {
    environment,
    get redactor() {
      return redactor
    },
    get(name) {
      const cached = cache.fromMemory(name)
      // Reads from memory are counted by the cache itself, for the audit log.
      if (cached) return cached
      if (auditReads || events.wants('access')) {
        let reference = cache.all.get(name)?.ref.raw
        try {
          const known = lookup.referenceFor(name)?.reference
          reference ??= known === undefined ? undefined : lookup.printable(known)
        } catch {
          // A conflicting source is reported by the read itself, just below.
        }
        // A name hush does not know may be a value passed in its place: it is not written to
        // the audit trail (the error event that follows describes it without it).
        if (reference !== undefined || lookup.declared(name) !== undefined) {
          if (auditReads) audit.log.read(name)
          if (events.wants('access')) events.emit({ ...base(), name, reference: reference ?? '', type: 'access', cached: false })
        }
      }
      return cache.read(name).catch((error: unknown) => {
        if (error instanceof HushError && !cache.all.has(name)) report.error(error)
        throw error
      })
    },
    peek(name) {
      return cache.peek(name)
    },
    async load(names) {
      if (cache.closed) throw closedError()
      return loadAll(names ?? hush.names(), {
        get: (name) => hush.get(name),
        declared: (name) => lookup.declared(name),
        lastFailure: (name) => cache.lastFailure(name),
        startupTimeout: settings.startupTimeout,
      })
    },
    async refresh(name) {
      if (cache.closed) throw closedError()
      const targets = name === undefined ? [...cache.all.values()].filter((e) => e.value !== undefined) : [cache.entryOf(name)]
      await Promise.all(targets.map((e) => (e.value === undefined ? cache.read(e.name).then(() => {}) : cache.refresh(e, true))))
    },
    async rotate(name, options = {}) {
      if (cache.closed) throw closedError()
      const entry = cache.entryOf(name)
      if (!entry.provider.rotate) {
        throw new HushError('HUSH_NO_PROVIDER', {
          message: `${name} lives in ${entry.ref.scheme}://, which cannot be rotated by hush`,
          fix: 'rotate it where it is stored, then call refresh().',
          secret: name,
          reference: entry.ref.raw,
        })
      }
      const policy = entry.spec?.rotation
      const generate = typeof policy === 'object' ? policy.generate : undefined
      const wait = options.wait ?? true
      const rotated = await entry.provider.rotate(entry.ref, { ...ctx, ...(generate ? { generate } : {}), ...(wait ? {} : { wait: false }) })
      // A rotation still running would only fetch the old value again.
      if (rotated.pending) return rotated
      if (entry.inflight) await entry.inflight.catch(() => {})
      await cache.refresh(entry, true)
      return rotated
    },
    async describe(name) {
      const entry = cache.entryOf(name)
      if (entry.provider.describe || entry.provider.describeMany) return describeBatch(entry.provider, entry.ref)
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
      return lookup.names()
    },
    spec(name) {
      return lookup.declared(name)
    },
    referenceOf(name) {
      const reference = lookup.referenceFor(name)?.reference
      return reference === undefined ? undefined : lookup.printable(reference)
    },
    async close() {
      if (cache.closed) return
      // Before the cache forgets its entries: the reads they counted go in the last lines.
      audit?.log.close()
      telemetry?.detach()
      const names = cache.close()
      if (ownRedactor) redactor.clear()
      else for (const name of names) redactor.remove(name)
      events.clear()
      await Promise.all([...providers.values()].map((p) => Promise.resolve(p.close?.())))
    },
  }
  // What console.log(hush), util.inspect and JSON.stringify show: names and counts, never the
  // redactor or a value.
  const summary = () => ({
    environment,
    secrets: hush.names().length,
    loaded: [...cache.all.values()].filter((e) => e.value !== undefined).length,
    closed: cache.closed,
  })
  Object.defineProperty(hush, 'redactor', { enumerable: false })
  Object.defineProperty(hush, INSPECT, { value: () => `Hush ${JSON.stringify(summary())}`, enumerable: false })
  Object.defineProperty(hush, 'toJSON', { value: summary, enumerable: false })
  return hush
}
