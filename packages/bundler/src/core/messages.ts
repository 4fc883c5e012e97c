import { HushError, isHushError } from '@hush/core'

// Every message the plugin prints is built here from names, codes, files and references:
// values never reach a message, so none of these functions is ever given one.

/** A secret value found in an emitted file. Carries the name and place, never the value. */
export interface Leak {
  name: string
  encoding: string
  asset: string
  line: number
  column: number
}

/** A read of a server-only secret in client code. */
export interface ClientRead {
  name: string
  line: number
  column: number
}

/** A public name that would carry a server-only secret's value into client code. */
export interface Conflict {
  publicName: string
  serverName: string
  /** Set when both read the same reference: safe to print, and the clearest pointer. */
  reference?: string
}

/** A name and the code of the error that kept its value from resolving. */
export interface Failure {
  name: string
  code: string
}

export function readError(file: string, read: ClientRead): HushError {
  return new HushError('HUSH_LEAK', {
    message: `${file}:${read.line}:${read.column} reads ${read.name}, a server-only secret, in client code`,
    reason: 'Its value would be inlined into the bundle that browsers download.',
    fix: `mark it public in hush.config (secrets.${read.name}.public: true) if it may be seen by anyone, or read it on the server.`,
    // No `where`: the message already starts with file:line:column, which is what editors link.
    secret: read.name,
  })
}

export function leakError(leaks: Leak[]): HushError {
  const list = leaks
    .slice(0, 10)
    .map((l) => `${l.name}${l.encoding === 'raw' ? '' : ` (${l.encoding})`} in ${l.asset}:${l.line}:${l.column}`)
    .join('; ')
  return new HushError('HUSH_LEAK', {
    message: `the build output contains ${leaks.length === 1 ? 'a server-only secret' : `${leaks.length} server-only secret values`}: ${list}${leaks.length > 10 ? '; ...' : ''}`,
    reason: 'Anyone who downloads these files could read it.',
    fix: "find where the value enters client code (a JSON import, a constant, a server module imported by the client) and keep it on the server; add the name to the plugin's allow list only if it is not secret.",
    secret: leaks[0]!.name,
  })
}

export function conflictError(conflicts: Conflict[]): HushError {
  const list = conflicts.map(
    (c) => `${c.publicName} ${c.reference ? `reads the same source (${c.reference}) as` : 'has the same value as'} ${c.serverName}, a server-only secret`,
  )
  const first = conflicts[0]!
  return new HushError('HUSH_LEAK', {
    message: `${list.join('; ')}; refusing to build`,
    reason: `Public values are inlined into client code, so ${first.serverName} would ship to every browser.`,
    fix: `give ${first.publicName} its own value (or drop its public prefix / public: true and read it on the server); if ${first.serverName} is not secret, add it to the plugin's allow list.`,
    secret: first.serverName,
  })
}

/** Why a public name's value looks secret, in words ("a Stripe secret key"), never the value. */
export function suspiciousText(name: string, label: string, prefix: string | undefined): string {
  return (
    `${name} is public${prefix ? ` (prefix ${prefix})` : ''} but its value looks like ${label}, and public values are inlined into client code. ` +
    `fix: if it is secret, rename it without the public prefix and read it on the server; if it is meant for browsers, declare it in hush.config with public: true.`
  )
}

export function suspiciousError(name: string, label: string, prefix: string | undefined): HushError {
  return new HushError('HUSH_LEAK', { message: `${suspiciousText(name, label, prefix)} (refused because the plugin's strict option is on)`, secret: name })
}

export function unavailableText(failures: Failure[]): string {
  return `[hush] not scanned for (unavailable): ${failures.map((f) => `${f.name} (${f.code})`).join(', ')}. The build needs only public values; provide these server-only secrets to have the output checked for them.`
}

/** Several public values failed: one error listing each, as core's load() does. */
export function publicValuesError(failures: Array<{ name: string; error: HushError }>): HushError {
  if (failures.length === 1) return failures[0]!.error
  const error = new HushError(failures[0]!.error.code, {
    message: `${failures.length} public values could not be loaded:${failures.map((f) => `\n  - ${f.name}: ${f.error.message}`).join('')}`,
    cause: failures[0]!.error,
  })
  failedNames.set(
    error,
    failures.map((f) => ({ name: f.name, code: f.error.code })),
  )
  return error
}

const failedNames = new WeakMap<object, Failure[]>()

/**
 * One line about an error for logs that must hold names and codes only: core's messages
 * carry references and reasons written by providers, which are not ours to print here.
 */
export function describeFailure(error: unknown): string {
  const listed = typeof error === 'object' && error !== null ? failedNames.get(error) : undefined
  if (listed) return listed.map((f) => `${f.name} (${f.code})`).join(', ')
  if (isHushError(error)) {
    // Our own HUSH_LEAK errors are built from names only and say what to do: show them whole.
    if (error.code === 'HUSH_LEAK') return error.message
    return error.secret ? `${error.secret} (${error.code})` : error.code
  }
  return `an unexpected ${error instanceof Error ? error.name : typeof error}`
}
