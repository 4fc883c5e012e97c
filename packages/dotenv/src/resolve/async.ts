// Built entry `resolve-async.mjs`, loaded by `load()` (and so by `import '@hush/dotenv/config'`)
// only when there is something to resolve: this file pulls in @hush/core.
import type { Hush } from '@hush/core'
import { keptValues, protect, sharedState } from './protect.js'
import { resolveRequest, type ResolveRequest } from './request.js'

/** Resolves in this thread, keeps the live instance for `hush()`, registers values and guards logs. */
export async function resolveAndProtect(request: ResolveRequest, logGuard: boolean | undefined): Promise<{ hush: Hush; values: Record<string, string> }> {
  const state = sharedState()
  const { hush, values, kept } = await resolveRequest(request, state.redactor)
  state.hush = hush
  protect(values, logGuard, keptValues(kept, request))
  return { hush, values }
}
