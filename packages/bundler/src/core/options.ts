import { type Duration, HushError, type Provider } from '@hush/core'

export type LeakMode = 'error' | 'warn' | 'off'

export interface HushBundlerOptions {
  /**
   * Name prefixes that are public: their values may be inlined into client code.
   * Names marked `public: true` in hush.config are public too.
   * @default ['VITE_', 'PUBLIC_']
   */
  publicPrefixes?: string[]
  /** What to do when an emitted asset contains a non-public secret value. @default 'error' */
  leakGuard?: LeakMode
  /**
   * Refuse, instead of warning about, a public name whose value looks like a secret
   * (`VITE_STRIPE_SECRET=sk_live_...`): such a value would be inlined into client code.
   * A name declared `public: true` in hush.config is taken at its word and never checked.
   * @default false
   */
  strict?: boolean
  /** Secret names whose values may appear in output (for example a value that is public elsewhere). @default [] */
  allow?: string[]
  /** Also scan server (SSR, node-target) outputs. @default true */
  guardServer?: boolean
  /** The hush environment. @default HUSH_ENV, else NODE_ENV, else 'development' */
  environment?: string
  /** Directory with hush.config.* and .env files. @default the bundler's root / context */
  root?: string
  /** Variables that env:// references read, and where HUSH_ENV is looked up. @default process.env */
  env?: Record<string, string | undefined>
  /** Providers besides env:// and file:// (aws-sm:// is found automatically when @hush/aws is installed). */
  providers?: Provider[]
  /** How long resolved values are cached before a version check; a rotation reloads dev servers. @default '5m' */
  ttl?: Duration
}

export interface ResolvedOptions {
  publicPrefixes: string[]
  leakGuard: LeakMode
  strict: boolean
  allow: Set<string>
  guardServer: boolean
  environment: string | undefined
  root: string | undefined
  env: Record<string, string | undefined>
  providers: Provider[]
  ttl: Duration | undefined
}

const KNOWN: ReadonlyArray<keyof HushBundlerOptions> = [
  'publicPrefixes',
  'leakGuard',
  'strict',
  'allow',
  'guardServer',
  'environment',
  'root',
  'env',
  'providers',
  'ttl',
]

function badOption(message: string, fix: string): HushError {
  return new HushError('HUSH_BAD_CONFIG', { message: `the hush bundler plugin's ${message}`, fix })
}

/** Fills every default in one place, and refuses options that are misspelt or out of range. */
export function resolveOptions(options: HushBundlerOptions = {}): ResolvedOptions {
  // A misspelt option (`leakguard`, `publicPrefix`) would otherwise be ignored in silence,
  // and the build would run with the default the user meant to change.
  for (const key of Object.keys(options)) {
    if (!(KNOWN as readonly string[]).includes(key)) throw badOption(`option "${key}" is not one it knows`, `use one of ${KNOWN.join(', ')}.`)
  }
  const leakGuard = options.leakGuard ?? 'error'
  if (!['error', 'warn', 'off'].includes(leakGuard)) {
    throw badOption('leakGuard is not one of its modes', "write leakGuard: 'error' (the default), 'warn' or 'off'.")
  }
  const publicPrefixes = options.publicPrefixes ?? ['VITE_', 'PUBLIC_']
  if (!Array.isArray(publicPrefixes) || publicPrefixes.some((p) => typeof p !== 'string' || p === '')) {
    // As Vite refuses envPrefix '': an empty prefix would make every secret public.
    throw badOption(
      'publicPrefixes holds an empty prefix (or is not a list of strings)',
      "list non-empty prefixes, such as ['VITE_', 'PUBLIC_']: an empty one would ship every secret to browsers.",
    )
  }
  return {
    publicPrefixes,
    leakGuard,
    strict: options.strict === true,
    allow: new Set(options.allow ?? []),
    guardServer: options.guardServer ?? true,
    environment: options.environment,
    root: options.root,
    env: options.env ?? process.env,
    providers: options.providers ?? [],
    ttl: options.ttl,
  }
}
