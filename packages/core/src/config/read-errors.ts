import { HushError, describeForeignError } from '../errors.js'
import type { ConfigProblem } from './json-problem.js'
import { jsonProblem } from './json-problem.js'

// The errors of reading a config file, shared by the async loader and the synchronous one so
// both tell the same story. None of them passes a parser's or a config's own message on:
// those quote the file's text, and a value pasted where a reference belongs would be printed.

export function unreadable(file: string, reason: string, fix: string, where: { line?: number; path?: string } = {}): HushError {
  return new HushError('HUSH_BAD_CONFIG', { message: `${file} could not be read`, reason, fix, where: { file, ...where } })
}

const capitalised = (text: string) => `${text[0]!.toUpperCase()}${text.slice(1)}.`

/** A syntax error found by our own scanners, with its line and key path. */
export function syntaxError(file: string, problem: ConfigProblem, fix: string): HushError {
  return unreadable(file, capitalised(problem.problem), fix, {
    ...(problem.line ? { line: problem.line } : {}),
    ...(problem.path ? { path: problem.path } : {}),
  })
}

export function readJson(file: string, source: string): unknown {
  try {
    return JSON.parse(source)
  } catch {
    // V8's message quotes the text near the error (and on Node 20 often has no position):
    // find the place again with a scanner that quotes nothing.
    throw syntaxError(file, jsonProblem(source), 'fix the JSON syntax (a trailing comma or a missing quote is the usual cause).')
  }
}

// A missing import is named only when it reads as a package: npm's lower-case names (a scope,
// a subpath) with no long random-looking run. A value pasted where a module name belongs
// (`require('sk_live_...')`) is then described, not printed as something to install.
const PACKAGE_NAME = /^(?:@[a-z0-9][a-z0-9._~-]*\/)?[a-z0-9][a-z0-9._~-]*(?:\/[\w.-]+)*$/
const RANDOM_RUN = /(?=[a-z0-9]*\d)[a-z0-9]{16,}|[a-z0-9]{24,}/i

const escapeRe = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')

/** A TypeScript or JavaScript config that threw: its kind and line, never its message. */
export function runFailed(file: string, error: unknown): HushError {
  if (error instanceof HushError) return error
  const message = error instanceof Error ? error.message : ''
  // A missing import is named (a package name is not a secret, and under pnpm it is the
  // usual cause: @hush/core is not in the app's node_modules).
  const missing = /Cannot find (?:module|package) '([^']+)'/.exec(message)?.[1]
  if (missing && PACKAGE_NAME.test(missing) && !RANDOM_RUN.test(missing)) {
    return unreadable(
      file,
      `It imports ${missing}, which is not installed where the file can find it.`,
      missing.startsWith('@hush/')
        ? `import defineConfig from the hush package you installed (@hush/dotenv or @hush/bundler), or add ${missing} to the app's dependencies.`
        : `add ${missing} to the app's dependencies.`,
    )
  }
  // The line comes from the stack's frame in the config file; the message may quote the file
  // (`sk_live_... is not defined`), so only the error's kind is given.
  const stack = error instanceof Error ? `${error.message}\n${error.stack ?? ''}` : ''
  const line = new RegExp(`${escapeRe(file)}:(\\d+)`).exec(stack)?.[1]
  const kind = error instanceof Error ? (/^([A-Z][A-Za-z]*Error):/.exec(message)?.[1] ?? describeForeignError(error)) : describeForeignError(error)
  return unreadable(
    file,
    `Running it failed (${kind}).`,
    `run it on its own to see the error (npx tsx ${file} for TypeScript, node ${file} otherwise), then fix it.`,
    line ? { line: Number(line) } : {},
  )
}

/** A config path that names a directory, a FIFO, a socket or a device rather than a file. */
export function notAFile(file: string): HushError {
  return unreadable(
    file,
    'It is not a regular file (a directory, a named pipe or a device).',
    'make hush.config a plain file, or remove what stands at that path.',
  )
}

/** A file that could not be opened (missing, no permission). */
export function openFailed(file: string, error: unknown): HushError {
  if (error instanceof HushError) return error
  return unreadable(file, `It could not be opened (${describeForeignError(error)}).`, 'check the path and its permissions.')
}
