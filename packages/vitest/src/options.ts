import { HushError } from '@hush/core'

export type SnapshotMode = 'fail' | 'mask'

export interface HushVitestOptions {
  /** The hush environment the secrets are resolved for. @default HUSH_ENV, else 'test' */
  environment?: string
  /**
   * A `@hush/local-store` seed file (JSON or YAML, relative to the project root): the store runs
   * for the length of the test run and the AWS SDK variables point at it, so `aws-sm://` and
   * `aws-ssm://` references resolve offline.
   */
  seed?: string
  /** A snapshot that would hold a value: `'fail'` fails the test and writes nothing, `'mask'` writes `[redacted:NAME]`. @default 'fail' */
  snapshots?: SnapshotMode
  /** Copy each resolved value into the workers' `process.env` under its name (a variable already set wins). @default true */
  env?: boolean
}

/** What the workers and the global setup receive through vitest's `provide`: options only, never a value. */
export interface ResolvedVitestOptions {
  environment: string | undefined
  seed: string | undefined
  snapshots: SnapshotMode
  env: boolean
}

const KNOWN = ['environment', 'seed', 'snapshots', 'env']

function badOption(message: string, fix: string): HushError {
  return new HushError('HUSH_BAD_CONFIG', { message: `the hush vitest plugin's ${message}`, fix })
}

export function resolveOptions(options: HushVitestOptions = {}): ResolvedVitestOptions {
  // A misspelt `snapshot: 'mask'` would otherwise leave the default in force without a word.
  for (const key of Object.keys(options)) {
    if (!KNOWN.includes(key)) throw badOption(`option "${key}" is not one it knows`, `use one of ${KNOWN.join(', ')}.`)
  }
  const snapshots = options.snapshots ?? 'fail'
  if (snapshots !== 'fail' && snapshots !== 'mask') throw badOption('snapshots is not one of its modes', "write snapshots: 'fail' (the default) or 'mask'.")
  if (options.seed !== undefined && (typeof options.seed !== 'string' || !options.seed))
    throw badOption('seed is not a file path', "write seed: 'test/secrets.yaml'.")
  return { environment: options.environment, seed: options.seed, snapshots, env: options.env ?? true }
}
