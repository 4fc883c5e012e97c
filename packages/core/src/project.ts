import { loadConfig } from './config/load.js'
import { resolveEnvironmentName } from './environment.js'
import { createHush, type Hush, type HushOptions } from './hush.js'
import { loadInstalledProviders } from './providers/discover.js'
import { schemeOf } from './reference.js'

export interface ProjectOptions extends Omit<HushOptions, 'config' | 'configFile' | 'configSource'> {
  /** The project directory: where `hush.config.*` is looked for (and up to the project root) and provider packages are found. @default process.cwd() */
  cwd?: string
}

/**
 * The one way an adapter starts hush in a project: finds and loads `hush.config.*`, takes the
 * `.env` references given as `sources`, loads the installed provider packages for the schemes
 * in use (`@hush/aws` for `aws-sm://`, only when a reference needs it) and builds the resolver.
 * Providers given in `options.providers` win over discovered ones of the same scheme.
 */
export async function createHushForProject(options: ProjectOptions = {}): Promise<Hush> {
  const { cwd = process.cwd(), ...rest } = options
  const loaded = await loadConfig({ cwd })
  const env = options.env ?? process.env
  const environment = options.environment ?? resolveEnvironmentName(env)
  const schemes = new Set<string>()
  for (const s of Object.values(options.sources ?? {})) schemes.add(schemeOf(typeof s === 'string' ? s : s.reference) ?? '')
  for (const spec of Object.values(loaded?.config.secrets ?? {})) {
    const from = typeof spec.from === 'object' ? (Object.hasOwn(spec.from, environment) ? spec.from[environment] : undefined) : spec.from
    if (from) schemes.add(schemeOf(from) ?? '')
  }
  return createHush({
    ...rest,
    ...(loaded ? { config: loaded } : {}),
    environment,
    env,
    providers: [...(await loadInstalledProviders(cwd, schemes)), ...(options.providers ?? [])],
  })
}
