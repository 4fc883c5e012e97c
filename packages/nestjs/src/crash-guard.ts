import { writeSync } from 'node:fs'
import { inspect } from 'node:util'
import type { Hush } from '@hush/core'

/**
 * With `redactLogs`, an error nobody catches must not print a value either. Node prints such
 * an error (and an unhandled rejection, which it raises as one) from native code, past the
 * stream guard. So hush listens for it, and when no other listener is there to handle it
 * (Node would then print and exit), prints it masked and exits with code 1, as Node does.
 * When the app has its own listener, that listener decides, and its output is guarded.
 */
export function guardCrashes(hush: Pick<Hush, 'redact'>): () => void {
  const onError = (error: unknown, origin: NodeJS.UncaughtExceptionOrigin) => {
    if (process.listenerCount('uncaughtException') > 1) return
    const what = origin === 'unhandledRejection' ? 'Unhandled rejection' : 'Uncaught exception'
    try {
      writeSync(2, `${hush.redact(`${what}: ${inspect(error)}`)}\n`)
    } finally {
      process.exit(1)
    }
  }
  process.on('uncaughtException', onError)
  return () => {
    process.off('uncaughtException', onError)
  }
}
