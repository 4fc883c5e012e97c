import type { Hush } from '@hush/core'
import { schemeOf } from '@hush/core/reference'
import { UsageError } from '../exit-codes.js'
import { openProject } from '../project/open.js'
import type { Status } from './status.js'

export interface Resolved {
  hush: Hush
  /** What the child gets, by name: only the secrets the config or `.env` declares. */
  values: Record<string, string>
  /** Declared names that have no value: optional ones (`required: false`) that are missing. */
  missing: string[]
  /** How many values came from each store scheme (`aws-sm`, `env`, ...). */
  bySource: Map<string, number>
}

/**
 * Starts hush for the project (the config and the `.env` references of the environment),
 * then reads the secrets the command gets: all of them, or those `only` names.
 */
export async function resolveSecrets(cwd: string, options: { environment?: string; only?: string[] }, status: Status): Promise<Resolved> {
  const hush = await openProject(cwd, options.environment)
  try {
    const known = hush.names()
    if (options.only) {
      const unknown = options.only.filter((n) => !known.includes(n))
      if (unknown.length) {
        const list = known.length ? known.join(', ') : 'none'
        throw new UsageError(`--only names ${unknown.join(', ')}, which ${unknown.length === 1 ? 'is' : 'are'} not declared (known: ${list})`, 'run')
      }
    }
    const names = options.only ?? known
    const values = await status.while(`reading ${names.length} secret${names.length === 1 ? '' : 's'}`, () => hush.load(names))
    const bySource = new Map<string, number>()
    for (const name of Object.keys(values)) {
      const scheme = schemeOf(hush.referenceOf(name) ?? '') ?? 'unknown'
      bySource.set(scheme, (bySource.get(scheme) ?? 0) + 1)
    }
    return { hush, values, missing: names.filter((n) => !(n in values)), bySource }
  } catch (error) {
    await hush.close()
    throw error
  }
}
