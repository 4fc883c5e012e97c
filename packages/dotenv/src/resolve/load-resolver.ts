import { createRequire } from 'node:module'
import { pathToFileURL } from 'node:url'
import { builtFile } from './built-file.js'

// The resolvers pull in @hush/core (and worker_threads), so they are separate built entries,
// loaded only when there is something to resolve: a plain .env costs no more than dotenv.
type SyncResolver = typeof import('./sync.js')
type AsyncResolver = typeof import('./async.js')

/** The synchronous resolver, required on first use (CommonJS build, from either format). */
export function loadSyncResolver(): SyncResolver {
  const load = typeof require === 'function' ? require : createRequire(import.meta.url)
  return load(builtFile('resolve-sync.cjs')) as SyncResolver
}

/** The async resolver, imported on first use (ESM build, from either format). */
export function loadAsyncResolver(): Promise<AsyncResolver> {
  return import(pathToFileURL(builtFile('resolve-async.mjs')).href) as Promise<AsyncResolver>
}
