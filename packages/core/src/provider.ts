import type { GenerateSpec } from './config/types.js'
import type { HushError } from './errors.js'
import type { Reference } from './reference.js'

/** One value read from a store. */
export interface ResolvedSecret {
  value: string
  /** An opaque version id: when the store says the version is unchanged, the value is too. */
  version?: string
  /** How long this value may be cached, when the store knows better than the resolver. */
  ttlMs?: number
  /** Where the value actually came from (from the store's answer), checked against environment rules. */
  scope?: { account?: string; region?: string }
}

/** What a provider knows about a secret, without its value. */
export interface SecretDescription {
  reference: string
  version?: string
  rotationEnabled?: boolean
  lastRotated?: Date
  nextRotation?: Date
  lastChanged?: Date
}

export interface ProviderContext {
  /** The active environment name, for messages. */
  environment: string
  signal?: AbortSignal
  /**
   * For `rotate`: the manifest's `rotation.generate` of the secret, when it declares one, so a
   * store with no rotation of its own (Parameter Store) can put a new value made this way.
   */
  generate?: GenerateSpec
  /**
   * For `rotate`: `false` returns as soon as the store has accepted the rotation, with the
   * pending version and `pending: true`, instead of waiting for the store to serve it. A store
   * whose rotation is done when accepted (Parameter Store) ignores it. @default true
   */
  wait?: boolean
}

/** The answer to a version check: the version still current, or a new one, or an error. */
export type VersionCheck = { unchanged: true } | { unchanged: false; version?: string } | HushError

/**
 * A store of secrets for one reference scheme. Providers know nothing of bundlers or
 * frameworks: they turn references into values, in batches, and report failures as
 * `HushError`s per reference so one bad secret does not fail its neighbours.
 */
export interface Provider {
  /** The scheme this provider answers for, such as `env` or `aws-sm`. */
  readonly scheme: string
  /** Throws `HUSH_BAD_REFERENCE` when a reference of this scheme is malformed. */
  validate?(ref: Reference): void
  /** Resolves many references in one call; the result has one entry per reference, in order. */
  resolve(refs: readonly Reference[], ctx: ProviderContext): Promise<Array<ResolvedSecret | HushError>>
  /** Cheaply tells whether the versions held are still current, so unchanged values are not fetched. */
  check?(items: ReadonlyArray<{ ref: Reference; version: string }>, ctx: ProviderContext): Promise<VersionCheck[]>
  /** Rotation and version metadata, never the value. */
  describe?(ref: Reference, ctx: ProviderContext): Promise<SecretDescription>
  /**
   * `describe` for many references in few store calls (metadata only, never a value): one entry
   * per reference, in order. `hush.describe()` calls made in the same tick come here together,
   * so a report over hundreds of secrets costs a handful of requests, not one per secret.
   */
  describeMany?(refs: readonly Reference[], ctx: ProviderContext): Promise<Array<SecretDescription | HushError>>
  /** Starts a rotation and resolves once the store serves the new version (or, with `ctx.wait: false`, once it accepted it). */
  rotate?(ref: Reference, ctx: ProviderContext): Promise<{ version?: string; pending?: boolean }>
  /** The account and region a reference points into, checked against environment rules. */
  scope?(ref: Reference): { account?: string; region?: string }
  close?(): void | Promise<void>
}
