import { createJiti } from 'jiti'
import { checked, defaultExport, readSource, type ConfigLocation, type LoadedConfig } from './load.js'
import { readJson, runFailed, unreadable } from './read-errors.js'
import * as yaml from 'yaml'
import { readYaml } from './yaml.js'

function evaluateSync(file: string, source: string): unknown {
  if (file.endsWith('.json')) return readJson(file, source)
  if (file.endsWith('.yaml') || file.endsWith('.yml')) return readYaml(yaml, file, source)
  try {
    // jiti's require-style call is the one synchronous way to run a TypeScript or ESM config
    // (jiti marks it deprecated in favour of import(), which a synchronous caller cannot await).
    return defaultExport(createJiti(file, { moduleCache: false, fsCache: false })(file))
  } catch (error) {
    throw runFailed(file, error)
  }
}

/**
 * `loadConfig` for callers that cannot wait, such as ESLint rules: the same search, checks
 * and errors (file, line, key path, no text of the file). A config whose default export is
 * a promise (top-level await) cannot be read this way.
 */
export function loadConfigSync(options: ConfigLocation = {}): LoadedConfig | undefined {
  const found = readSource(options)
  if (!found) return undefined
  const raw = evaluateSync(found.file, found.source)
  if (raw instanceof Promise) {
    raw.catch(() => {})
    throw unreadable(
      found.file,
      'Its default export is a promise (top-level await?), which a synchronous reader such as an ESLint rule cannot wait for.',
      'export the config object itself; read values through references, not at load time.',
    )
  }
  return checked(raw, found.file, found.source)
}
