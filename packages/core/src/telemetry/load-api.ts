import { createRequire } from 'node:module'
import { dirname, join } from 'node:path'
import type { OtelApi } from './otel-types.js'

let loaded: OtelApi | null | undefined

/**
 * `@opentelemetry/api` when the app has it installed, else undefined, looked up once per
 * process: from the working directory, from the main script's folder, then beside hush (an
 * optional peer dependency). Any copy will do: the API keeps the registered SDK in a
 * process-wide global, so the app's SDK receives what hush records through its own copy.
 */
export function loadOtelApi(): OtelApi | undefined {
  if (loaded !== undefined) return loaded ?? undefined
  const bases = [join(process.cwd(), 'package.json')]
  if (process.argv[1]) bases.push(join(dirname(process.argv[1]), 'package.json'))
  // In CommonJS `__filename` is hush's own file; in ESM, where it is not defined, the two above must do.
  if (typeof __filename === 'string') bases.push(__filename)
  for (const base of bases) {
    try {
      loaded = createRequire(base)('@opentelemetry/api') as OtelApi
      return loaded
    } catch {
      // Not installed there.
    }
  }
  loaded = null
  return undefined
}
