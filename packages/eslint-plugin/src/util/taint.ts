import type { Shape } from './secret-apis.js'

/**
 * What a value holds, as far as a file shows: a secret as a whole (`leak()` says which, for the
 * message) and what each member holds. A request leaks nothing as a whole, but its headers do.
 */
export interface Taint {
  /** What logging all of it writes, leaving out the members in `omit`; `undefined` when nothing. */
  leak(omit?: ReadonlySet<string>): string | undefined
  /** What member `name` holds; `undefined` for an element or a computed member. */
  member(name: string | undefined): Verdict
  /** Its members are not known one by one (a parsed secret, a token set): a rest that took a secret-named member out is clean. */
  opaque?: true
}

/** Known to hold no secret, whatever its name: a response's metadata, an env var .env shows to be plain. */
export const SAFE = 'safe'
/** A taint, {@link SAFE}, or `undefined` when nothing is known and the name decides. */
export type Verdict = Taint | typeof SAFE | undefined

export const isTaint = (v: Verdict): v is Taint => typeof v === 'object'
export const leakOf = (v: Verdict, omit?: ReadonlySet<string>): string | undefined => (isTaint(v) ? v.leak(omit) : undefined)

/** Properties of a secret that are safe to log. */
export const SAFE_PROPERTIES = new Set([
  'length',
  'size',
  'byteLength',
  'constructor',
  'name',
  'type',
  'kind',
  'id',
  'arn',
  'version',
  'versionId',
  'createdAt',
  'updatedAt',
  'expiresAt',
  'expires',
  'status',
])

/** Fields of a parsed secret or a connection URL that are addresses, not credentials. */
const PLAIN_FIELDS = new Set(['host', 'hostname', 'port', 'protocol', 'pathname', 'origin', 'engine', 'dbname', 'database', 'region', 'username', 'user'])

/** A secret as a whole; its members are secrets too (a parsed secret's `password`), except its length, its host and the like. */
export function secretValue(what: string): Taint {
  const self: Taint = {
    leak: () => what,
    member: (name) => (name !== undefined && (SAFE_PROPERTIES.has(name) || PLAIN_FIELDS.has(name)) ? undefined : self),
    opaque: true,
  }
  return self
}

/**
 * A secret known by its name or by what was made of it (`apiKey`, a template with a token in
 * it): its elements are the secret (`authorization.split(' ')[1]`), its named members are
 * judged by their own names (`auth.currentUser` is not a credential).
 */
export function secretWhole(what: string): Taint {
  const self: Taint = { leak: () => what, member: (name) => (name === undefined || /^\d+$/.test(name) ? self : undefined), opaque: true }
  return self
}

/** A secret as a whole whose members are secrets when their names say so (a session, a token set). */
export function namedSecret(what: string, isSecret: (name: string) => boolean): Taint {
  return { leak: () => what, member: (name) => (name !== undefined && isSecret(name) ? secretValue(`"${name}"`) : SAFE), opaque: true }
}

const memberShape = (shape: { readonly [member: string]: Shape }, name: string | undefined): Shape | undefined => {
  const key = name === undefined || /^\d+$/.test(name) ? '[]' : name
  if (Object.hasOwn(shape, key)) return shape[key]
  return Object.hasOwn(shape, '*') ? shape['*'] : undefined
}

const shapeLeaks = (shape: Shape): boolean => shape === 'secret' || shape === 'named' || (typeof shape === 'object' && Object.values(shape).some(shapeLeaks))

/** What a value of a known shape holds, described as `what`. */
export function fromShape(what: string, shape: Shape, isSecret: (name: string) => boolean): Verdict {
  if (shape === 'secret') return secretValue(what)
  if (shape === 'safe') return SAFE
  if (shape === 'named') return namedSecret(what, isSecret)
  return {
    leak: (omit) => (Object.entries(shape).some(([k, s]) => !omit?.has(k) && shapeLeaks(s)) ? what : undefined),
    member: (name) => {
      const s = memberShape(shape, name)
      return s === undefined ? undefined : fromShape(what, s, isSecret)
    },
  }
}

/**
 * `{ password, ...rest }`: what `rest` holds. Of a value whose members are not known one by one
 * (`JSON.parse(SecretString)`), taking a secret-named member out is taken as taking the credentials out.
 */
export function without(taint: Taint, keys: ReadonlySet<string>, isSecret: (name: string) => boolean): Taint {
  const cleaned = taint.opaque && [...keys].some(isSecret)
  return {
    leak: (omit) => (cleaned ? undefined : taint.leak(omit ? new Set([...omit, ...keys]) : keys)),
    member: (name) => (name !== undefined && keys.has(name) ? undefined : taint.member(name)),
  }
}

/** `JSON.stringify(config, ['host', 'port'])`, `pick(config, 'host')`: only those members. */
export function only(taint: Taint, keys: readonly string[], isSecret: (name: string) => boolean): Taint {
  return {
    leak: (omit) => {
      for (const key of keys) {
        if (omit?.has(key)) continue
        const v = taint.member(key)
        const found = leakOf(v) ?? (v === undefined && isSecret(key) ? `"${key}"` : undefined)
        if (found) return found
      }
      return undefined
    },
    member: (name) => (name !== undefined && keys.includes(name) ? taint.member(name) : undefined),
  }
}
