import { HushError } from '../errors.js'

/** A promise that rejects with `error()` after `ms`, unless `work` settles first. */
export function withTimeout<T>(work: Promise<T>, ms: number, error: () => HushError): Promise<T> {
  if (!(ms > 0) || !Number.isFinite(ms)) return work
  return new Promise<T>((resolve, reject) => {
    const timer = setTimeout(() => reject(error()), ms)
    timer.unref?.()
    work.then(
      (v) => {
        clearTimeout(timer)
        resolve(v)
      },
      (e: unknown) => {
        clearTimeout(timer)
        // The work's own rejection, passed on unchanged: the caller classifies it.
        // eslint-disable-next-line @typescript-eslint/prefer-promise-reject-errors
        reject(e)
      },
    )
  })
}

/** A duration as a message shows it: `30 s`, or `1500 ms` when not whole seconds. */
export const seconds = (ms: number) => (ms % 1000 === 0 ? `${ms / 1000} s` : `${ms} ms`)

/** One call to a store took longer than the `timeout` option. */
export function storeTimedOut(scheme: string, count: number, ms: number): HushError {
  return new HushError('HUSH_STORE_UNAVAILABLE', {
    message: `the ${scheme} store did not answer within ${seconds(ms)} (reading ${count} secret${count === 1 ? '' : 's'})`,
    fix: 'check that the store is reachable; if it is only slow, raise the timeout option (or HUSH_STORE_TIMEOUT, for example 30s).',
  })
}

/** `load()` took longer than the `startupTimeout` option; `pending` says what it still waited for. */
export function startupTimedOut(count: number, ms: number, pending: string[]): HushError {
  return new HushError('HUSH_STORE_UNAVAILABLE', {
    message: `loading ${count} secret${count === 1 ? '' : 's'} did not finish within ${seconds(ms)}`,
    reason: `Still waiting for: ${pending.join(', ')}.`,
    fix: 'check that the stores are reachable; if they are only slow, raise startupTimeout (or HUSH_STARTUP_TIMEOUT, for example 60s).',
  })
}
