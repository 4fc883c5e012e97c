// Loaded by `load()` (and so by `import '@hush/dotenv/config'`) only when there is something
// to resolve: this file pulls in @hush/core.
import type { Hush } from '@hush/core'
import { resolveRequest, type ResolveRequest } from './references.js'
import { keptValues, processState, protect } from './shared.js'

/** Resolves in this thread, keeps the live instance for `hush()`, registers values and guards logs. */
export async function resolveAndProtect(request: ResolveRequest, logGuard: boolean | undefined): Promise<{ hush: Hush; values: Record<string, string> }> {
  const state = processState()
  const { hush, values, kept } = await resolveRequest(request, state.redactor)
  state.hush = hush
  protect(values, logGuard, keptValues(kept, request))
  return { hush, values }
}
