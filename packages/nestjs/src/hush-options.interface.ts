import type { ProjectOptions } from '@hush/core'

/**
 * What `HushModule.forRoot()` takes (and `forRootAsync`'s factory returns): the options of
 * `createHushForProject` (`cwd`, `environment`, `ttl`, `staleIfError`, `providers`, ...)
 * plus the Nest parts. With none, hush finds `hush.config.*` from the working directory and
 * resolves the references `.env` holds, as `@hush/dotenv` does.
 */
export interface HushModuleOptions extends ProjectOptions {
  /**
   * `.env` files whose values that are references (`aws-sm://...`, `env://...`) become secrets,
   * relative to `cwd`; with several, the first that sets a key wins, as in `ConfigModule`.
   * @default '.env'
   */
  envFilePath?: string | string[]
  /** Read no `.env` file: only `hush.config.*` (and `sources`) name secrets. @default false */
  ignoreEnvFile?: boolean
  /**
   * Mask every value hush knows in what the process prints: Nest's `Logger`, `console` and
   * anything written to stdout/stderr, through the core's log guard. @default false
   */
  redactLogs?: boolean
}
