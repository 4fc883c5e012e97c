import { createRequire } from 'node:module'
import { dirname, join } from 'node:path'
import { fileURLToPath, pathToFileURL } from 'node:url'

type HeavySync = typeof import('./heavy-sync.js')
type HeavyAsync = typeof import('./heavy-async.js')

// import.meta.url, never a global __dirname: under `node -e` or an ESM shim one exists and points elsewhere.
const here = () => dirname(fileURLToPath(import.meta.url))

/** The synchronous resolver, required on first use (CommonJS build, from either format). */
export function heavySync(): HeavySync {
  const load = typeof require === 'function' ? require : createRequire(import.meta.url)
  return load(join(here(), 'heavy-sync.cjs')) as HeavySync
}

/** The async resolver, imported on first use (ESM build, from either format). */
export function heavyAsync(): Promise<HeavyAsync> {
  return import(pathToFileURL(join(here(), 'heavy-async.mjs')).href) as Promise<HeavyAsync>
}
