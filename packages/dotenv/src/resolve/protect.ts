import { installLogGuard, Redactor } from '@hush/core'
import { processState, type State } from './state.js'

/** The process state, its redactor made here, where @hush/core is loaded anyway. */
export function sharedState(): State {
  return processState(() => ({ redactor: new Redactor(), warned: new Set() }))
}

/** The current values of declared secrets that the environment already set (and so won). */
export function keptValues(kept: string[], request: { env: Record<string, string | undefined> }): Record<string, string> {
  const out: Record<string, string> = {}
  for (const name of kept) {
    const value = request.env[name]
    if (value !== undefined) out[name] = value
  }
  return out
}

/**
 * Registers resolved values (and the kept values of declared secrets) with the process
 * redactor and, unless disabled, guards the logs.
 */
export function protect(values: Record<string, string>, logGuard: boolean | undefined, kept: Record<string, string> = {}): void {
  const state = sharedState()
  for (const [name, value] of [...Object.entries(values), ...Object.entries(kept)]) {
    if (!state.redactor.add(name, value) && !state.warned.has(name)) {
      state.warned.add(name)
      // Masking a value this short or plain would shred ordinary output, so it is not masked:
      // say so once, by name, rather than let the user believe it is covered.
      const why = value.length < state.redactor.minLength ? `shorter than ${state.redactor.minLength} characters` : 'a common word or too plain'
      process.stderr.write(`[hush] ${name}'s value is ${why}, so hush does not mask it in output: use a longer, random secret.\n`)
    }
  }
  const wanted = logGuard ?? (process.env.HUSH_LOG_GUARD === undefined || !['0', 'false', 'off', 'no'].includes(process.env.HUSH_LOG_GUARD.toLowerCase()))
  if (wanted && state.redactor.size > 0 && !state.uninstallGuard) {
    // With a live instance (the async path), the guard also emits 'leak-blocked' events.
    state.uninstallGuard = state.hush ? state.hush.guardLogs() : installLogGuard(state.redactor)
  }
}
