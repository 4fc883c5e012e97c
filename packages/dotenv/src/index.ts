import type { Hush, HushConfig, Redactor } from '@hush/core'
import { type DotenvConfigOptions, type DotenvConfigOutput, finish, prepare } from './config.js'
import { expand } from './expand.js'
import { parse } from './parse.js'
import { populate } from './populate.js'
import { loadAsyncResolver, loadSyncResolver } from './resolve/load-resolver.js'
import { existingState } from './resolve/state.js'

export { parse }
export type { DotenvParseOptions, DotenvParseOutput } from './parse.js'
export { populate }
export type { DotenvError, DotenvPopulateInput, DotenvPopulateOptions, DotenvPopulateOutput } from './populate.js'
export { expand }
export type { DotenvConfigOptions, DotenvConfigOutput } from './config.js'
export { parseWithReferences } from './resolve/find-references.js'

/** The redactor that knows every value resolved through `@hush/dotenv` in this process. */
export function redactor(): Redactor {
  return loadSyncResolver().sharedRedactor()
}

/**
 * Loads `.env` into `process.env` like `dotenv.config`, and resolves values that are secret
 * references (`env://`, `file://`, `aws-sm://`) before returning. Synchronous, as dotenv's is:
 * references are resolved in a worker while this thread waits.
 */
export function config(options?: DotenvConfigOptions): DotenvConfigOutput {
  const prepared = prepare(options)
  if (!prepared.request) return finish(prepared, undefined)
  const values = loadSyncResolver().resolveAndProtectSync(prepared.request, prepared.options.logGuard)
  return finish(prepared, values)
}

/** The same as `config`, under dotenv's other name. */
export const configDotenv = config

export interface LoadResult extends DotenvConfigOutput {
  /** The live hush instance: `get()` serves refreshed values after rotation. Absent when nothing needed resolving. */
  hush?: Hush
}

/** The async form of `config`: resolves references in this thread and keeps the hush instance. */
export async function load(options?: DotenvConfigOptions): Promise<LoadResult> {
  const prepared = prepare(options)
  if (!prepared.request) return finish(prepared, undefined)
  const { hush, values } = await (await loadAsyncResolver()).resolveAndProtect(prepared.request, prepared.options.logGuard)
  return { ...finish(prepared, values), hush }
}

/** The hush instance of the last `load()` (the ESM `/config` entry uses `load`). */
export function hush(): Hush | undefined {
  return existingState()?.hush
}

/**
 * Types a `hush.config.ts` (`export default defineConfig({ ... })`). Exported here too, since
 * pnpm does not put @hush/core itself where a config file can import it; kept as its own
 * identity function so that `@hush/dotenv` still loads no @hush/core code at start.
 */
export function defineConfig<const C extends HushConfig>(config: C): C {
  return config
}

/** `import dotenv from '@hush/dotenv'` works as `import dotenv from 'dotenv'` does, plus hush's own. */
export default { config, configDotenv, load, parse, populate, expand, hush, redactor, defineConfig }
