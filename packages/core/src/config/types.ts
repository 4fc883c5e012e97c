import type { Duration } from '../duration.js'

/** The Standard Schema interface (standardschema.dev), so zod, valibot and arktype schemas work. */
export interface StandardSchemaV1<Input = unknown, Output = Input> {
  readonly '~standard': {
    readonly version: 1
    readonly vendor: string
    readonly validate: (value: unknown) => StandardResult<Output> | Promise<StandardResult<Output>>
    readonly types?: { readonly input: Input; readonly output: Output } | undefined
  }
}
type StandardResult<Output> =
  | { readonly value: Output; readonly issues?: undefined }
  | { readonly issues: ReadonlyArray<{ readonly message: string; readonly path?: ReadonlyArray<PropertyKey | { key: PropertyKey }> }> }

/** A store an environment may read: a scheme, optionally narrowed to accounts and regions. */
export type AllowRule = string | { scheme: string; accounts?: string[]; regions?: string[] }

export interface EnvironmentConfig {
  /** Schemes (and, for cloud stores, accounts/regions) this environment may read. */
  allow: AllowRule[]
}

/** How hush makes a new value for a store that cannot rotate by itself (Parameter Store). */
export interface GenerateSpec {
  /** Characters in the new value, from 16 to 4096. @default 32 */
  length?: number
  /** The characters it is drawn from. @default 'base64url' */
  alphabet?: 'base64url' | 'alphanumeric' | 'hex'
}

/** A rotation policy: how often, and, for stores without rotation of their own, how to make the new value. */
export interface RotationPolicy {
  /** How often it must be rotated, such as `30d`. */
  every?: Duration
  /** Lets `rotate()` put a new random value where the store has no rotation (`aws-ssm://`); without it, such a rotate is refused. */
  generate?: GenerateSpec
}

export interface SecretConfig {
  /** One reference, or one per environment name. @default `env://<NAME>` */
  from?: string | Record<string, string>
  /** The team or person who answers for this secret. */
  owner?: string
  /** Why the app needs it; carried in audit events as the reason for each access. */
  purpose?: string
  /** What the secret is, for people reading the inventory (the purpose says why the app needs it). */
  description?: string
  /** How often it must be rotated, such as `30d`; or a policy with `every` and a `generate` rule. */
  rotation?: Duration | RotationPolicy
  /** The date (YYYY-MM-DD) after which it must not be used. */
  expires?: string
  /** Whether the value may be shipped to browsers. @default false */
  public?: boolean
  /** Whether a missing value is an error. @default true */
  required?: boolean
  /** A Standard Schema the value must satisfy. Not available in JSON or YAML configs. */
  schema?: StandardSchemaV1
}

/** Where and what the audit log records. */
export interface AuditConfig {
  /** The JSON-lines file, relative to the config file's folder. Created with mode 0600. */
  file: string
  /**
   * What is recorded. `access`: each name read, counted per period; the others are the events
   * of the same names. @default ['access', 'rotate', 'stale-served', 'leak-blocked', 'error']
   */
  events?: Array<'access' | 'resolve' | 'refresh' | 'rotate' | 'stale-served' | 'error' | 'leak-blocked' | 'unmaskable' | 'cache-hit'>
  /** Size at which the file moves aside (`audit.log.1`, ...), such as `10MB`. @default '10MB' */
  maxSize?: string | number
  /** How many moved-aside files are kept, 1 to 100. @default 5 */
  keep?: number
}

export interface HushConfig {
  $schema?: string
  /** Environment profiles by name. Without this section every registered scheme is allowed. */
  environments?: Record<string, EnvironmentConfig>
  /** Every secret the app uses, declared once. */
  secrets?: Record<string, SecretConfig>
  /** Cache settings for all secrets. */
  cache?: { ttl?: Duration; staleIfError?: Duration }
  /** An audit log of who read which secret, when and why; never a value. */
  audit?: AuditConfig
}

/** Identity function that types a `hush.config.ts`. */
export function defineConfig<const T extends HushConfig>(config: T): T {
  return config
}
