import { readFileSync, statSync } from 'node:fs'
import { resolve } from 'node:path'
import { pathToFileURL } from 'node:url'
import { findConfigFile } from '../find-config.js'
import { notAFile, openFailed, readJson, runFailed } from './read-errors.js'
import type { HushConfig } from './types.js'
import { validateConfig } from './validate.js'
import { readYaml } from './yaml.js'

export interface LoadedConfig {
  config: HushConfig
  /** Absolute path of the file it came from. */
  file: string
  /** The file's text, kept to point errors at a line. */
  source: string
}

/** Where the config is, and its text, or `undefined` when the project has none. */
export function readSource(options: ConfigLocation): { file: string; source: string } | undefined {
  const file = options.file ? resolve(options.cwd ?? process.cwd(), options.file) : findConfigFile(options.cwd)
  if (!file) return undefined
  try {
    // Reading a FIFO or a device would wait for a writer for ever (and stall every ESLint run).
    if (!statSync(file).isFile()) throw notAFile(file)
    return { file, source: readFileSync(file, 'utf8') }
  } catch (error) {
    throw openFailed(file, error)
  }
}

/** Checks the evaluated config, pointing shape errors at the line of their key path. */
export function checked(raw: unknown, file: string, source: string): LoadedConfig {
  return { config: validateConfig(raw, file, (path) => lineOfPath(source, path)), file, source }
}

async function evaluate(file: string, source: string): Promise<unknown> {
  if (file.endsWith('.json')) return readJson(file, source)
  // yaml and jiti load only for configs that need them: most apps start with one format.
  if (file.endsWith('.yaml') || file.endsWith('.yml')) return readYaml(await import('yaml'), file, source)
  try {
    // jiti runs TypeScript and ESM/CJS configs alike, without a build step.
    const { createJiti } = await import('jiti')
    const jiti = createJiti(pathToFileURL(file).href, { moduleCache: false, fsCache: false })
    // Awaited here, inside the try: a default export that is a promise and rejects would
    // otherwise escape with its own message, which may quote a value.
    return await defaultExport(await jiti.import(file))
  } catch (error) {
    throw runFailed(file, error)
  }
}

export const defaultExport = (mod: unknown): unknown => (mod && typeof mod === 'object' && 'default' in mod ? mod.default : mod)

export interface ConfigLocation {
  /** Where to look for `hush.config.*` (and its parents, up to the project root). @default process.cwd() */
  cwd?: string
  /** A config file to read instead of looking for one, relative to `cwd`. */
  file?: string
}

/**
 * Loads and validates a config file; `undefined` when there is none. Errors are
 * `HUSH_BAD_CONFIG` with the file, line and key path, and never quote the file's text.
 */
export async function loadConfig(options: ConfigLocation = {}): Promise<LoadedConfig | undefined> {
  const found = readSource(options)
  if (!found) return undefined
  return checked(await evaluate(found.file, found.source), found.file, found.source)
}

/** The line where the last key of a dotted path appears (after its parents), for messages. */
export function lineOfPath(source: string, path: string): number | undefined {
  let from = 0
  for (const part of path.replace(/\[\d+\]/g, '').split('.')) {
    const re = new RegExp(`["']?${part.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}["']?\\s*:`, 'g')
    re.lastIndex = from
    const m = re.exec(source)
    if (!m) break
    from = m.index + 1
  }
  return from ? source.slice(0, from).split('\n').length : undefined
}

const REFERENCE_TOKEN = /[a-z][a-z0-9+.-]*:\/\/[^\s"'`,}\]]+/g

/**
 * A lookup of the line where a text is first written in `source`, built once: the file is
 * scanned a single time for reference-shaped tokens, so locating thousands of secrets stays
 * linear. Texts that are not such tokens fall back to a search.
 */
export function lineIndex(source: string): (text: string) => number | undefined {
  let starts: number[] | undefined
  let tokens: Map<string, number> | undefined
  const lineAt = (offset: number): number => {
    if (!starts) {
      starts = [0]
      for (let i = source.indexOf('\n'); i !== -1; i = source.indexOf('\n', i + 1)) starts.push(i + 1)
    }
    let lo = 0
    let hi = starts.length - 1
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1
      if (starts[mid]! <= offset) lo = mid
      else hi = mid - 1
    }
    return lo + 1
  }
  return (text) => {
    if (!tokens) {
      tokens = new Map()
      for (const m of source.matchAll(REFERENCE_TOKEN)) if (!tokens.has(m[0])) tokens.set(m[0], m.index)
    }
    const at = tokens.get(text) ?? source.indexOf(text)
    return at === -1 ? undefined : lineAt(at)
  }
}
