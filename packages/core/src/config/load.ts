import { readFileSync } from 'node:fs'
import { resolve } from 'node:path'
import { pathToFileURL } from 'node:url'
import { HushError, describeForeignError } from '../errors.js'
import type { HushConfig } from './types.js'
import { jsonProblem } from './json-problem.js'
import { validateConfig } from './validate.js'
import { findConfigFile } from '../find-config.js'

export interface LoadedConfig {
  config: HushConfig
  /** Absolute path of the file it came from. */
  file: string
  /** The file's text, kept to point errors at a line. */
  source: string
}

function broken(file: string, why: string, fix: string, line?: number): HushError {
  return new HushError('HUSH_BAD_CONFIG', {
    message: `${file} could not be read`,
    reason: why,
    fix,
    where: line ? { file, line } : { file },
  })
}

async function evaluate(file: string, source: string): Promise<unknown> {
  if (file.endsWith('.json')) {
    try {
      return JSON.parse(source)
    } catch {
      // V8's message quotes the text near the error (and on Node 20 often has no position):
      // find the place again with a scanner that quotes nothing.
      const problem = jsonProblem(source)
      throw new HushError('HUSH_BAD_CONFIG', {
        message: `${file} could not be read`,
        reason: `${problem.problem[0]!.toUpperCase()}${problem.problem.slice(1)}${problem.path ? ` (at ${problem.path})` : ''}.`,
        fix: 'fix the JSON syntax (a trailing comma or a missing quote is the usual cause).',
        where: { file, ...(problem.line ? { line: problem.line } : {}), ...(problem.path ? { path: problem.path } : {}) },
      })
    }
  }
  if (file.endsWith('.yaml') || file.endsWith('.yml')) {
    const { parseDocument } = await import('yaml')
    const doc = parseDocument(source)
    if (doc.errors.length) {
      const line = doc.errors[0]!.linePos?.[0]?.line
      throw broken(file, `It is not valid YAML (${doc.errors[0]!.code}).`, 'fix the YAML syntax; indentation with spaces, not tabs.', line)
    }
    return doc.toJS()
  }
  try {
    // jiti runs TypeScript and ESM/CJS configs alike, without a build step.
    const { createJiti } = await import('jiti')
    const jiti = createJiti(pathToFileURL(file).href, { moduleCache: false, fsCache: false })
    const mod = (await jiti.import(file)) as { default?: unknown }
    return mod && typeof mod === 'object' && 'default' in mod ? mod.default : mod
  } catch (error) {
    if (error instanceof HushError) throw error
    // A missing import is named (a package name is not a secret, and under pnpm it is the
    // usual cause: @hush/core is not in the app's node_modules). Other messages may quote the
    // file's text, so only the kind of error is given.
    const missing = /Cannot find (?:module|package) '([^']+)'/.exec(String((error as Error)?.message ?? ''))?.[1]
    if (missing && /^[@\w][\w@./-]*$/.test(missing) && !missing.startsWith('/')) {
      throw broken(
        file,
        `It imports ${missing}, which is not installed where the file can find it.`,
        missing.startsWith('@hush/') ? `import defineConfig from the hush package you installed (@hush/dotenv or @hush/bundler), or add ${missing} to the app's dependencies.` : `add ${missing} to the app's dependencies.`,
      )
    }
    throw broken(file, `Running it failed (${describeForeignError(error)}).`, `run it on its own to see the error (npx tsx ${file} for TypeScript, node ${file} otherwise), then fix it.`)
  }
}

/** Loads and validates a config file; `undefined` when there is none. */
export async function loadConfig(options: { cwd?: string; file?: string } = {}): Promise<LoadedConfig | undefined> {
  const file = options.file ? resolve(options.cwd ?? process.cwd(), options.file) : findConfigFile(options.cwd)
  if (!file) return undefined
  let source: string
  try {
    source = readFileSync(file, 'utf8')
  } catch (error) {
    throw broken(file, `It could not be opened (${describeForeignError(error)}).`, 'check the path and its permissions.')
  }
  const raw = await evaluate(file, source)
  return { config: validateConfig(raw, file, (path) => lineOfPath(source, path)), file, source }
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

/** The line where `text` is first written in `source`, for errors about a value in a file. */
export function lineOf(source: string, text: string): number | undefined {
  const at = source.indexOf(text)
  return at === -1 ? undefined : source.slice(0, at).split('\n').length
}
