import { readFileSync } from 'node:fs'
import { homedir } from 'node:os'
import { join, relative, resolve } from 'node:path'
import { fileURLToPath } from 'node:url'
import type { SourceLocation } from '@hush/core'
import { findConfigFile } from '@hush/core/find-config'
import { expand } from './expand.js'
import { debugLog, optionsFromEnv, parseBoolean, statusLog } from './options.js'
import { type DotenvParseOutput, parse } from './parse.js'
import { type DotenvError, type DotenvPopulateInput, populate } from './populate.js'
import { describeSuspect, findReferences, findSuspects, lineFinder, type Suspect, withFragment } from './resolve/find-references.js'
import type { ResolveRequest } from './resolve/request.js'

export interface DotenvConfigOptions {
  /** File(s) to read; later files fill keys earlier ones did not set (unless `override`). @default path.resolve(process.cwd(), '.env') */
  path?: string | string[] | URL
  /** Encoding of the files. @default 'utf8' */
  encoding?: BufferEncoding | (string & {})
  /** Suppress the status line on stderr. @default false (true for the `/config` entry) */
  quiet?: boolean | string
  /** Log why keys were or were not set. @default false */
  debug?: boolean | string
  /** Overwrite variables already set in the environment. @default false */
  override?: boolean | string
  /** Accepted for dotenv compatibility; the parser is the same either way. @default false */
  fast?: boolean | string
  /** Where variables are written. @default process.env */
  processEnv?: DotenvPopulateInput
  /** Substitute `${VAR}` and `$VAR` as dotenv-expand 12 does (substitution only, never commands). @default false */
  expand?: boolean | string
  /** Mask resolved secret values in console and stdout/stderr output. @default true when references were resolved */
  logGuard?: boolean
}

export interface DotenvConfigOutput {
  error?: DotenvError
  parsed?: DotenvParseOutput
}

/** The state `config` leaves for resolution: kept separate so sync and async loaders share it. */
export interface Prepared {
  options: DotenvConfigOptions
  processEnv: DotenvPopulateInput
  parsed: DotenvParseOutput
  written: DotenvPopulateInput
  paths: Array<string | URL>
  error?: DotenvError
  request?: ResolveRequest
  /** `.env` values that look like mistyped references, warned about once loaded. */
  suspects?: Record<string, Suspect>
  debug: boolean
  quiet: boolean
}

const expandHome = (p: string) => (p[0] === '~' ? join(homedir(), p.slice(1)) : p)

/** Reads, parses and populates as dotenv does, and notes which values are references. */
export function prepare(input: DotenvConfigOptions = {}): Prepared {
  const given: Record<string, unknown> = { ...input }
  for (const key of Object.keys(given)) if (given[key] === undefined) delete given[key]
  const options = { ...optionsFromEnv(), ...given } as DotenvConfigOptions
  const processEnv = options.processEnv != null ? options.processEnv : process.env
  const debug = parseBoolean(options.debug)
  let encoding: BufferEncoding = 'utf8'
  if (options.encoding) encoding = options.encoding as BufferEncoding
  else if (debug) debugLog('no encoding is specified (UTF-8 is used by default)')

  let paths: Array<string | URL> = [resolve(process.cwd(), '.env')]
  if (options.path)
    paths = Array.isArray(options.path) ? options.path.map(expandHome) : [typeof options.path === 'string' ? expandHome(options.path) : options.path]

  let error: DotenvError | undefined
  const parsed: DotenvParseOutput = {}
  const files: Array<{ file: string; text: string }> = []
  const origin = new Map<string, number>()
  for (const path of paths) {
    try {
      const text = readFileSync(path, { encoding })
      const one = parse(text)
      files.push({ file: path instanceof URL ? fileURLToPath(path) : path, text })
      for (const key of Object.keys(one)) if (!origin.has(key) || parseBoolean(options.override)) origin.set(key, files.length - 1)
      populate(parsed, one, options)
    } catch (e) {
      if (debug) debugLog(`failed to load ${String(path)} ${(e as Error).message}`)
      error = e as DotenvError
    }
  }
  const written = populate(processEnv, parsed, options)
  if (parseBoolean(options.expand)) expand(parsed, processEnv)

  const quiet = parseBoolean(Object.prototype.hasOwnProperty.call(options, 'quiet') ? options.quiet : optionsFromEnv(processEnv).quiet)
  const prepared: Prepared = { options, processEnv, parsed, written, paths, debug, quiet, ...(error ? { error } : {}) }

  // Resolve what the process will actually see: a value already set in the environment wins.
  const finders = new Map<number, (key: string) => number | undefined>()
  const lineOfKey = (index: number, key: string) => {
    let find = finders.get(index)
    if (!find) finders.set(index, (find = lineFinder(files[index]!.text)))
    return find(key)
  }
  const current: Record<string, string | undefined> = {}
  for (const key of Object.keys(parsed)) current[key] = processEnv[key]
  const refs = findReferences(current, (key): SourceLocation | undefined => {
    const index = origin.get(key)
    if (index === undefined) return undefined
    const { file } = files[index]!
    const line = processEnv[key] === parsed[key] ? lineOfKey(index, key) : undefined
    return line ? { file: relative(process.cwd(), file) || file, line } : { file: relative(process.cwd(), file) || file }
  })
  for (const [key, ref] of Object.entries(refs)) {
    const index = origin.get(key)
    if (index !== undefined && processEnv[key] === parsed[key]) ref.reference = withFragment(files[index]!.text, key, ref.reference)
  }
  const suspects = findSuspects(current, (key) => {
    const index = origin.get(key)
    if (index === undefined) return undefined
    const { file } = files[index]!
    const line = lineOfKey(index, key)
    return { file: relative(process.cwd(), file) || file, ...(line ? { line } : {}) }
  })
  if (Object.keys(suspects).length) prepared.suspects = suspects
  // `.env` marks these as secrets (it gives them a reference) but the shell's value won: the
  // value is kept, and masked all the same.
  const shadowed = Object.keys(findReferences(parsed, () => undefined)).filter((k) => !Object.hasOwn(refs, k) && processEnv[k] !== undefined)
  if (Object.keys(refs).length || shadowed.length || findConfigFile(process.cwd())) {
    // Set before .env was read: the shell or CI. What .env itself wrote is not "present".
    const present = Object.keys(processEnv).filter((k) => processEnv[k] !== undefined && !Object.hasOwn(refs, k) && !Object.hasOwn(written, k))
    prepared.request = {
      cwd: process.cwd(),
      env: { ...(processEnv as Record<string, string | undefined>) },
      sources: refs,
      present,
      override: parseBoolean(options.override),
      ...(Object.keys(suspects).length ? { suspects } : {}),
      ...(shadowed.length ? { shadowed } : {}),
    }
  }
  return prepared
}

/** Writes resolved values where the references were, and prints dotenv's status line. */
export function finish(prepared: Prepared, values: Record<string, string> | undefined): DotenvConfigOutput {
  const { processEnv, parsed, written, paths, debug, quiet } = prepared
  let resolvedCount = 0
  for (const [key, suspect] of Object.entries(prepared.suspects ?? {})) {
    process.stderr.write(`[hush] ${describeSuspect(key, suspect)} It is used as a plain value.\n`)
  }
  if (values) {
    for (const [key, value] of Object.entries(values)) {
      const fromFile = Object.hasOwn(prepared.request?.sources ?? {}, key)
      if (fromFile) {
        processEnv[key] = value
        if (Object.hasOwn(parsed, key)) parsed[key] = value
        if (Object.hasOwn(written, key)) written[key] = value
      } else if (prepared.request?.override || processEnv[key] === undefined || Object.hasOwn(written, key)) {
        // hush.config wins over a plain .env value (the shell's values were never resolved).
        processEnv[key] = value
        written[key] = value
      }
      resolvedCount++
    }
  }
  if (debug || !quiet) {
    const shown: string[] = []
    for (const path of paths) {
      try {
        shown.push(relative(process.cwd(), path instanceof URL ? fileURLToPath(path) : path))
      } catch (e) {
        if (debug) debugLog(`failed to load ${String(path)} ${(e as Error).message}`)
        prepared.error = e as DotenvError
      }
    }
    const extra = resolvedCount ? ` and resolved ${resolvedCount} secret${resolvedCount === 1 ? '' : 's'} with hush` : ''
    statusLog(`injected env (${Object.keys(written).length}) from ${shown.join(',')}${extra}`)
  }
  return prepared.error ? { parsed, error: prepared.error } : { parsed }
}
