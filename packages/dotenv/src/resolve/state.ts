import type { Hush, Redactor } from '@hush/core'

// A global symbol, not a module variable: the ESM and CJS builds may both be loaded in one
// process and must share one redactor. The key is the one spelling of it in hush.
const KEY = Symbol.for('hush.dotenv.state')

export interface State {
  redactor: Redactor
  /** Names already warned about as unmaskable. */
  warned: Set<string>
  hush?: Hush
  uninstallGuard?: () => void
}

const holder = () => globalThis as unknown as Record<symbol, State | undefined>

/** The state, if anything was resolved in this process. Loads no @hush/core code, so the light entry can read it. */
export function existingState(): State | undefined {
  return holder()[KEY]
}

/** The state, made by `create` on first use (by whoever has @hush/core loaded already). */
export function processState(create: () => State): State {
  return (holder()[KEY] ??= create())
}
