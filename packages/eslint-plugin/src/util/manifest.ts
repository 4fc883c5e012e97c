import { readFileSync, statSync } from 'node:fs'
import { dirname } from 'node:path'
import { findConfigFile, isHushError, jsonProblem, lineOfPath, validateConfig } from '@hush/core'
import { createJiti } from 'jiti'
import { parseDocument } from 'yaml'
import { shapeProblem, yamlProblem, type ConfigProblem } from './config-errors.js'

/** What hush.config says about names: which are secrets, and which of them are public. */
export interface Manifest {
  file?: string
  secrets: ReadonlyMap<string, { public: boolean }>
}

const EMPTY: Manifest = { secrets: new Map() }
const cache = new Map<string, { mtimeMs: number; manifest: Manifest }>()
const fileFor = new Map<string, string | undefined>()

/** A config that could not be read, told with the file, line and key path and no text of it. */
class ConfigError extends Error {
  constructor(
    readonly problem: ConfigProblem,
    readonly fix: string,
  ) {
    super(problem.problem)
  }
}

const SYNTAX_FIX = 'correct the syntax there; values belong in a secret store or .env, the config holds only references such as "env://NAME"'

function evaluate(file: string, source: string): unknown {
  if (file.endsWith('.json')) {
    try {
      return JSON.parse(source)
    } catch {
      throw new ConfigError(jsonProblem(source), SYNTAX_FIX)
    }
  }
  if (file.endsWith('.yaml') || file.endsWith('.yml')) {
    const doc = parseDocument(source)
    if (doc.errors.length) throw new ConfigError(yamlProblem(doc), SYNTAX_FIX)
    return doc.toJS()
  }
  try {
    // ESLint rules are synchronous: jiti's require-style call loads TS and ESM configs alike.
    const mod = createJiti(file, { moduleCache: false, fsCache: false })(file) as { default?: unknown }
    return mod && typeof mod === 'object' && 'default' in mod ? mod.default : mod
  } catch (error) {
    // A thrown error may quote the file (`sk_live_... is not defined`): only its kind and line.
    const kind = error instanceof Error ? (/^(\w*Error):/.exec(error.message)?.[1] ?? error.name) : typeof error
    const text = error instanceof Error ? `${error.message}\n${error.stack ?? ''}` : ''
    const at = new RegExp(`${file.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}:(\\d+)`).exec(text)
    throw new ConfigError({ ...(at ? { line: Number(at[1]) } : {}), problem: `running it failed (${kind})` }, 'run it with node (tsx for TypeScript) to see the problem and correct it')
  }
}

/** Parses and checks a config, turning every failure into a {@link ConfigError}. */
function readConfig(file: string) {
  const source = readFileSync(file, 'utf8')
  const input = evaluate(file, source)
  try {
    return validateConfig(input, file)
  } catch (error) {
    if (!isHushError(error)) throw error
    const path = error.where?.path
    const line = path && /\.(json|ya?ml)$/.test(file) ? lineOfPath(source, path) : undefined
    throw new ConfigError({ ...(line ? { line } : {}), ...(path ? { path } : {}), problem: shapeProblem(error.summary, path) }, error.fix ?? 'correct the setting')
  }
}

function describe(file: string, error: unknown): string {
  // Anything else comes from reading the file (ENOENT, EACCES): its code says enough.
  const code = (error as { code?: unknown } | undefined)?.code
  const { problem, fix } = error instanceof ConfigError ? error : { problem: { problem: `it could not be opened (${typeof code === 'string' ? code : error instanceof Error ? error.name : typeof error})` }, fix: 'check the path and its permissions' }
  const where = [problem.line ? `line ${problem.line}` : '', problem.path ? `at ${problem.path}` : ''].filter(Boolean).join(', ')
  return `[hush] ${file} could not be read for @hush/eslint-plugin${where ? ` (${where})` : ''}: ${problem.problem}.\nfix: ${fix}; the rules need hush.config to know which names are secrets.`
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
    config = readConfig(file)
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
