// Built entry `resolve-sync.cjs`, loaded by `config()` only when there is something to
// resolve, so a plain .env costs no more than dotenv: this file pulls in @hush/core and
// worker_threads.
import type { Redactor } from '@hush/core'
import { keptValues, protect, sharedState } from './protect.js'
import type { ResolveRequest } from './request.js'
import { resolveInWorker } from './run-worker.js'

/** Resolves in a worker while this thread waits, then registers the values and guards logs. */
export function resolveAndProtectSync(request: ResolveRequest, logGuard: boolean | undefined): Record<string, string> {
  const { values, kept } = resolveInWorker(request)
  protect(values, logGuard, keptValues(kept, request))
  return values
}

export function sharedRedactor(): Redactor {
  return sharedState().redactor
}
