import type { HushError } from '@hush/core'
import type { LeakMode, ResolvedOptions } from './options.js'

/** Where a bundler takes what the plugin reports: its build errors and its warnings. */
export interface ReportTarget {
  error(message: string): unknown
  warn(message: string): unknown
}

/**
 * Reports a leak (a server-only read in client code, a secret value in the output) as the
 * leakGuard option says: a build error, a warning, or nothing. Every bundler and every kind of
 * leak goes through here, so the modes mean the same everywhere.
 */
export function reportLeak(mode: LeakMode, error: HushError, to: ReportTarget): void {
  if (mode === 'off') return
  const message = `[hush] ${error.message}`
  if (mode === 'error') to.error(message)
  else to.warn(message)
}

/** Whether a build's output is searched at all: not with leakGuard off, nor for the server when guardServer is off. */
export function guardsOutput(options: Pick<ResolvedOptions, 'leakGuard' | 'guardServer'>, client: boolean): boolean {
  return options.leakGuard !== 'off' && (client || options.guardServer)
}
