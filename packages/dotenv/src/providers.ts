import { createRequire } from 'node:module'
import { join } from 'node:path'
import { pathToFileURL } from 'node:url'
import type { Provider } from '@hush/core'

/** Provider packages found beside the app, so `.env` references work with no code. */
const OPTIONAL_PROVIDERS: Array<{ scheme: string; pkg: string; factory: string }> = [{ scheme: 'aws-sm', pkg: '@hush/aws', factory: 'awsSecretsManager' }]

/**
 * Loads the provider packages, installed in the app at `cwd`, for the schemes in use: a
 * cloud SDK is only loaded when a reference needs it.
 */
export async function discoverProviders(cwd: string, schemes: ReadonlySet<string>): Promise<Provider[]> {
  const req = createRequire(join(cwd, 'package.json'))
  const found: Provider[] = []
  for (const { scheme, pkg, factory } of OPTIONAL_PROVIDERS) {
    if (!schemes.has(scheme)) continue
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
