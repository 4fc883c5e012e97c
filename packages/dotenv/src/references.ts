import { createHush, type Hush, type HushError, loadConfig, loadInstalledProviders, type Redactor, resolveEnvironmentName, schemeOf } from '@hush/core'
import type { Sources } from './detect.js'

/** What to resolve: built on the main thread, sent to a worker when resolution must be synchronous. */
export interface ResolveRequest {
  cwd: string
  /** Variables `env://` reads and the environment is chosen from. */
  env: Record<string, string | undefined>
  /** `.env` keys whose value is a reference, with where each was written. */
  sources: Sources
  /** Names already set to a plain value; config-declared secrets skip them unless `override`. */
  present: string[]
  override: boolean
}

export type ResolveResponse =
  | { ok: true; values: Record<string, string>; environment: string }
  | { ok: false; error: ReturnType<HushError['toJSON']> }

/** Creates a hush instance for the request and loads every secret it names. */
export async function resolveRequest(request: ResolveRequest, redactor?: Redactor): Promise<{ hush: Hush; values: Record<string, string> }> {
  const loaded = await loadConfig({ cwd: request.cwd })
  const environment = resolveEnvironmentName(request.env)
  const schemes = new Set<string>()
  for (const { reference } of Object.values(request.sources)) schemes.add(schemeOf(reference) ?? '')
  for (const spec of Object.values(loaded?.config.secrets ?? {})) {
    const from = typeof spec.from === 'object' ? spec.from[environment] : spec.from
    if (from) schemes.add(schemeOf(from) ?? '')
  }
  const hush = createHush({
    ...(loaded ? { config: loaded.config, configFile: loaded.file, configSource: loaded.source } : {}),
    providers: await loadInstalledProviders(request.cwd, schemes),
    sources: request.sources,
    env: request.env,
    ...(redactor ? { redactor } : {}),
  })
  const present = new Set(request.present)
  const names = hush.names().filter((name) => name in request.sources || request.override || !present.has(name))
  try {
    return { hush, values: await hush.load(names) }
  } catch (error) {
    await hush.close()
    throw error
  }
}
