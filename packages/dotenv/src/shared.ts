import { type Hush, installLogGuard, Redactor } from '@hush/core'

const KEY = Symbol.for('hush.dotenv.state')

interface State {
  redactor: Redactor
  hush?: Hush
  uninstallGuard?: () => void
}

/**
 * One redactor per process, shared by the ESM and CJS builds (a global symbol, not a module
 * variable, since both builds may be loaded at once).
 */
export function processState(): State {
  const g = globalThis as unknown as Record<symbol, State | undefined>
  return (g[KEY] ??= { redactor: new Redactor() })
}

/** Registers resolved values with the process redactor and, unless disabled, guards the logs. */
export function protect(values: Record<string, string>, logGuard: boolean | undefined): void {
  const state = processState()
  for (const [name, value] of Object.entries(values)) state.redactor.add(name, value)
  const wanted = logGuard ?? (process.env.HUSH_LOG_GUARD === undefined || !['0', 'false', 'off', 'no'].includes(process.env.HUSH_LOG_GUARD.toLowerCase()))
  if (wanted && Object.keys(values).length && !state.uninstallGuard) {
    // With a live instance (the async path), the guard also emits 'leak-blocked' events.
    state.uninstallGuard = state.hush ? state.hush.guardLogs() : installLogGuard(state.redactor)
  }
}

/** The redactor that knows every value resolved through `@hush/dotenv` in this process. */
export function redactor(): Redactor {
  return processState().redactor
}
