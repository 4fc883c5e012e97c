import { type Hush, HushError, isHushError, Redactor } from '@hush/core'
import { detectSecret } from '@hush/core/detect'
import { type Conflict, conflictError, type Failure, publicValuesError, suspiciousError } from './messages.js'

/** One resolution of every value: what the plugin inlines and what the leak guard looks for. */
export interface Snapshot {
  publicValues: Map<string, string>
  serverNames: Set<string>
  guard: Redactor
  /** Server-only names whose values could not be resolved here: the build goes on without scanning for them. */
  unavailable: Failure[]
  /** Public names whose values look like secrets (warned about; refused when strict). */
  suspicious: Array<{ name: string; label: string; prefix: string | undefined }>
}

export const emptySnapshot = (): Snapshot => ({ publicValues: new Map(), serverNames: new Set(), guard: new Redactor(), unavailable: [], suspicious: [] })

/**
 * Codes that mean "this machine cannot reach the value" (a CI build without production
 * credentials), not "the setup is wrong": a build needs public values only, so a server-only
 * secret failing this way is reported and skipped. Other codes (a bad reference, an isolation
 * breach, a value failing its schema) are mistakes to fix and still fail.
 */
const UNAVAILABLE = new Set(['HUSH_NOT_FOUND', 'HUSH_STORE_UNAVAILABLE', 'HUSH_NO_PROVIDER', 'HUSH_ACCESS_DENIED'])

export interface CollectInput {
  hush: Hush
  /** Plain .env values (no reference): always available. */
  plain: ReadonlyMap<string, string>
  publicPrefixes: readonly string[]
  allow: ReadonlySet<string>
  strict: boolean
}

type Outcome = { name: string; value?: string; error?: HushError }

async function resolveOne(hush: Hush, name: string): Promise<Outcome> {
  try {
    // load() rather than get(): it honours `required: false` (an optional secret that is absent).
    const value = (await hush.load([name]))[name]
    return value === undefined ? { name } : { name, value }
  } catch (error) {
    if (isHushError(error)) return { name, error }
    throw error
  }
}

/**
 * Reads every value and sorts names into public and server-only. Throws (with names, never
 * values) when a public value cannot be resolved, when a public name would carry a
 * server-only secret's value, or, when strict, when a public value looks like a secret.
 */
export async function collect({ hush, plain, publicPrefixes, allow, strict }: CollectInput): Promise<Snapshot> {
  const prefixOf = (name: string) => publicPrefixes.find((p) => name.startsWith(p))
  const isPublic = (name: string) => hush.spec(name)?.public === true || prefixOf(name) !== undefined

  const outcomes = await Promise.all(hush.names().map((name) => resolveOne(hush, name)))
  const values = new Map(plain)
  const publicFailures: Array<{ name: string; error: HushError }> = []
  const snapshot = emptySnapshot()
  for (const { name, value, error } of outcomes) {
    if (value !== undefined) values.set(name, value)
    else if (!error)
      continue // optional and absent
    else if (isPublic(name)) publicFailures.push({ name, error })
    else if (UNAVAILABLE.has(error.code)) {
      snapshot.serverNames.add(name)
      if (!allow.has(name)) snapshot.unavailable.push({ name, code: error.code })
    } else throw error
  }
  if (publicFailures.length) throw publicValuesError(publicFailures)

  // Server-only values the guard scans for, by value, to find public names that share one.
  const guarded = new Map<string, string>()
  for (const [name, value] of values) {
    if (isPublic(name)) snapshot.publicValues.set(name, value)
    else {
      snapshot.serverNames.add(name)
      if (!allow.has(name) && snapshot.guard.add(name, value)) guarded.set(value, name)
    }
  }

  const conflicts: Conflict[] = []
  for (const [publicName, value] of snapshot.publicValues) {
    const serverName = guarded.get(value)
    if (serverName === undefined) continue
    const reference = hush.referenceOf(publicName)
    conflicts.push({ publicName, serverName, ...(reference !== undefined && reference === hush.referenceOf(serverName) ? { reference } : {}) })
  }
  if (conflicts.length) throw conflictError(conflicts)

  for (const [name, value] of snapshot.publicValues) {
    // A name declared public in hush.config was vouched for; a prefix can be a slip.
    if (hush.spec(name)?.public === true) continue
    const finding = detectSecret(value, { name })
    if (!finding) continue
    const prefix = prefixOf(name)
    if (strict) throw suspiciousError(name, finding.label, prefix)
    snapshot.suspicious.push({ name, label: finding.label, prefix })
  }
  return snapshot
}
