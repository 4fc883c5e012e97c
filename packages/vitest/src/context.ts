import type { ResolvedVitestOptions } from './options.js'

/** What the global setup hands each worker. */
export interface HushProvided {
  /** Resolved values by name. Travels over vitest's worker channel, which prints nothing. */
  values: Record<string, string>
  /** The AWS SDK variables that point at the local store, when a seed started one. */
  awsEnv: Record<string, string>
  snapshots: ResolvedVitestOptions['snapshots']
  env: boolean
}

declare module 'vitest' {
  export interface ProvidedContext {
    hushVitestOptions: ResolvedVitestOptions
    hush: HushProvided
  }
}
