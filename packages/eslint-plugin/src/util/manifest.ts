import { readFileSync, statSync } from 'node:fs'
import { dirname } from 'node:path'
import { findConfigFile, validateConfig } from '@hush/core'
import { createJiti } from 'jiti'
import { parse as parseYaml } from 'yaml'

/** What hush.config says about names: which are secrets, and which of them are public. */
export interface Manifest {
  file?: string
  secrets: ReadonlyMap<string, { public: boolean }>
}

const EMPTY: Manifest = { secrets: new Map() }
const cache = new Map<string, { mtimeMs: number; manifest: Manifest }>()
const fileFor = new Map<string, string | undefined>()

function evaluate(file: string): unknown {
  const source = readFileSync(file, 'utf8')
  if (file.endsWith('.json')) return JSON.parse(source)
  if (file.endsWith('.yaml') || file.endsWith('.yml')) return parseYaml(source)
  // ESLint rules are synchronous: jiti's require-style call loads TS and ESM configs alike.
  const mod = createJiti(file, { moduleCache: false, fsCache: false })(file) as { default?: unknown }
  return mod && typeof mod === 'object' && 'default' in mod ? mod.default : mod
}

/**
 * The manifest for a linted file: the nearest `hush.config.*` (as hush itself finds it),
 * re-read when it changes, so an editor session sees new declarations.
 */
export function manifestFor(filename: string): Manifest {
  const dir = dirname(filename)
  let file = fileFor.get(dir)
  if (!fileFor.has(dir)) {
    file = findConfigFile(dir)
    fileFor.set(dir, file)
  }
  if (!file) return EMPTY
  const { mtimeMs } = statSync(file)
  const hit = cache.get(file)
  if (hit && hit.mtimeMs === mtimeMs) return hit.manifest
  let config
  try {
    config = validateConfig(evaluate(file), file)
  } catch (error) {
    const why = error instanceof Error ? error.message : String(error)
    throw new Error(`[hush] ${file} could not be read for @hush/eslint-plugin: ${why}\nfix: run it with node (tsx for TypeScript) to see the problem and correct it; the rules need hush.config to know which names are secrets.`, { cause: error })
  }
  const secrets = new Map<string, { public: boolean }>()
  for (const [name, spec] of Object.entries(config.secrets ?? {})) secrets.set(name, { public: spec?.public === true })
  const manifest = { file, secrets }
  cache.set(file, { mtimeMs, manifest })
  return manifest
}

/** How a name counts, manifest first: a declared secret is one whatever it is called. */
export function declaredKind(manifest: Manifest, name: string): 'key' | 'none' | undefined {
  const entry = manifest.secrets.get(name)
  if (!entry) return undefined
  return entry.public ? 'none' : 'key'
}
