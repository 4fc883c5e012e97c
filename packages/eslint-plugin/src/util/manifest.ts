import { statSync } from 'node:fs'
import { dirname } from 'node:path'
import { isHushError } from '@hush/core'
import { findConfigFile, loadConfigSync } from '@hush/core/config'
import { configProblem } from './config-errors.js'

/** What hush.config says about names: which are secrets, and which of them are public. */
export interface Manifest {
  file?: string
  secrets: ReadonlyMap<string, { public: boolean }>
}

const EMPTY: Manifest = { secrets: new Map() }
const cache = new Map<string, { mtimeMs: number; manifest: Manifest }>()
const fileFor = new Map<string, string | undefined>()

function describe(file: string, error: unknown): string {
  if (!isHushError(error)) {
    // Not a config problem core knows: only its kind, since its message may quote the file.
    return `[hush] ${file} could not be read for @hush/eslint-plugin: reading it failed (${error instanceof Error ? error.name : typeof error}).\nfix: run the app once to see the error; the rules need hush.config to know which names are secrets.`
  }
  const where = [error.where?.line ? `line ${error.where.line}` : '', error.where?.path ? `at ${error.where.path}` : ''].filter(Boolean).join(', ')
  const fix = (error.fix ?? 'correct the setting').replace(/\.$/, '')
  return `[hush] ${file} could not be read for @hush/eslint-plugin${where ? ` (${where})` : ''}: ${configProblem(error, file)}.\nfix: ${fix}; the rules need hush.config to know which names are secrets.`
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
    config = loadConfigSync({ file })!.config
  } catch (error) {
    // No `cause`: the parser's own error quotes the file, and ESLint prints causes too.
    // eslint-disable-next-line preserve-caught-error -- see above: the cause would print the value
    throw new Error(describe(file, error))
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
