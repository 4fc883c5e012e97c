import { HushError, type HushErrorCode } from '../errors.js'
import type { Reference } from '../reference.js'

/**
 * Failures after which the last good value may still be served (within `staleIfError`): the
 * store could not be asked. Any other failure (deleted, denied, invalid) is the store's
 * answer, and the old value is no longer the truth.
 */
export const STALE_OK = new Set<HushErrorCode>(['HUSH_STORE_UNAVAILABLE'])

/** A provider's failure as a HushError; one that is not a HushError is described, never quoted. */
export function asStoreError(error: unknown, ref: Reference): HushError {
  if (error instanceof HushError) return error
  return new HushError('HUSH_STORE_UNAVAILABLE', {
    message: `reading ${ref.raw} failed: the ${ref.scheme} store did not answer`,
    fix: 'check that the store is reachable; hush retries with backoff.',
    reference: ref.raw,
  })
}

/** A store outage that outlasted the `staleIfError` window: there is no value left to serve. */
export function tooStale(secret: { name: string; ref: Reference }, cause: HushError): HushError {
  if (cause.code !== 'HUSH_STORE_UNAVAILABLE') return cause
  return new HushError('HUSH_STORE_UNAVAILABLE', {
    message: `${secret.name} (${secret.ref.raw}) could not be refreshed and its last value is older than the staleIfError window`,
    reason: cause.message,
    fix: 'bring the store back, or raise staleIfError if serving older values is acceptable.',
    secret: secret.name,
    reference: secret.ref.raw,
    cause,
  })
}

export const closedError = () =>
  new HushError('HUSH_CLOSED', { message: 'this hush instance was closed', fix: 'create a new one with createHush(), or stop using it after close().' })
