// Used by the `/config` entries: a start-up that cannot resolve its secrets ends the process
// with one readable report, not a stack dump through hush's own files.

const INSPECT = Symbol.for('nodejs.util.inspect.custom')
const BRAND = Symbol.for('hush.error')

/** Prints a hush error as `[CODE] what (where)`, why and fix, and exits with code 1; rethrows anything else. */
export function failStartup(error: unknown): never {
  const e = error as Record<symbol, unknown> | null
  if (e && typeof e === 'object' && e[BRAND] === true && typeof e[INSPECT] === 'function') {
    process.stderr.write(`${String((e[INSPECT] as () => string)()).replace(/\n {2}at .*$/, '')}\n`)
    process.stderr.write('[hush] the process was stopped before your code ran, because its secrets could not be loaded.\n')
    process.exit(1)
  }
  throw error
}
