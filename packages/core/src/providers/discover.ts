import { createRequire } from 'node:module'
import { join } from 'node:path'
import { pathToFileURL } from 'node:url'
import type { Provider } from '../provider.js'

/** Provider packages hush knows by scheme, found in the app when installed. */
const KNOWN: Array<{ scheme: string; pkg: string; factory: string }> = [
  { scheme: 'aws-sm', pkg: '@hush/aws', factory: 'awsSecretsManager' },
  { scheme: 'aws-ssm', pkg: '@hush/aws', factory: 'awsParameterStore' },
]

/**
 * Loads the provider packages installed in the app at `cwd` for the schemes in use, so
 * `aws-sm://` and `aws-ssm://` work with no code once `@hush/aws` is installed, and a cloud SDK is only
 * loaded when a reference needs it.
 */
export async function loadInstalledProviders(cwd: string, schemes: Iterable<string>): Promise<Provider[]> {
  const wanted = new Set(schemes)
  const req = createRequire(join(cwd, 'package.json'))
  const found: Provider[] = []
  for (const { scheme, pkg, factory } of KNOWN) {
    if (!wanted.has(scheme)) continue
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
