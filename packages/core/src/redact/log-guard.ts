import { guardFs } from './guard-fs.js'
import { guardStream } from './guard-stream.js'
import { createMasker, type GuardRedactor } from './masker.js'
import type { RedactMatch } from './redactor.js'

export type { GuardRedactor } from './masker.js'

export interface LogGuardOptions {
  /** Called with what was masked and where (`stdout` or `stderr`); never with a value. */
  onMask?: (matches: RedactMatch[], where: string) => void
}

/**
 * Masks secrets in everything this process writes to its standard output and error:
 * `console.*`, `process.stdout` / `process.stderr` (`write` and `end`, strings in any
 * encoding, bytes), and `fs` writes to file descriptors 1 and 2 (pino's `destination()`,
 * sonic-boom, `fs.writeSync(1, ...)`, ESM named imports included). Returns a function that
 * removes the guard. Output with no value passes byte for byte, binary included.
 *
 * Each write is masked on its own: a value split across two separate writes is not caught
 * here (pipe the output through `createRedactStream` for that). Not covered: other file
 * descriptors that happen to point at the terminal (`fs.openSync('/dev/stdout')`), worker
 * threads' own `fs` writes, and native code writing to the descriptors.
 */
export function installLogGuard(redactor: GuardRedactor, options: LogGuardOptions = {}): () => void {
  const masker = createMasker(redactor, options.onMask)
  const undo = [guardStream(process.stdout, 'stdout', masker), guardStream(process.stderr, 'stderr', masker), guardFs(masker)]
  return () => {
    for (const u of undo.reverse()) u()
  }
}
