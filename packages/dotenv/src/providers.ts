import { createRequire } from 'node:module'
import { join } from 'node:path'
import { pathToFileURL } from 'node:url'
import type { Provider } from '@hush/core'

/** Provider packages found beside the app, so `.env` references work with no code. */
const OPTIONAL_PROVIDERS: Array<{ pkg: string; factory: string }> = [{ pkg: '@hush/aws', factory: 'awsSecretsManager' }]

/** Loads the optional provider packages installed in the app at `cwd`. */
export async function discoverProviders(cwd: string): Promise<Provider[]> {
  const req = createRequire(join(cwd, 'package.json'))
  const found: Provider[] = []
  for (const { pkg, factory } of OPTIONAL_PROVIDERS) {
    let resolved: string
    try {
      resolved = req.resolve(pkg)
    } catch {
      continue
    }
    const mod = (await import(pathToFileURL(resolved).href)) as Record<string, unknown>
    const make = mod[factory]
    if (typeof make === 'function') found.push((make as () => Provider)())
  }
  return found
}
