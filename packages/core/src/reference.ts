import { HushError, type SourceLocation } from './errors.js'

/**
 * A parsed reference: `scheme://path[#key][?param=value&...]`. The query may also come
 * before the fragment (`?stage=X#key`), as in ordinary URLs.
 */
export interface Reference {
  scheme: string
  /** Everything between `scheme://` and the first `#` or `?`, percent-decoded. */
  path: string
  /** A key inside a structured (JSON) secret, from the `#fragment`. */
  key?: string
  params: Record<string, string>
  /** The reference as written. */
  raw: string
}

const SCHEME_PREFIX = /^([a-z][a-z0-9+.-]*):\/\//

/** The scheme of a string that looks like `scheme://...`, registered or not. */
export function schemeOf(value: string): string | undefined {
  return SCHEME_PREFIX.exec(value)?.[1]
}

/**
 * True when `value` starts with one of the registered schemes. Anything else, such as
 * `postgres://u:p@h/db`, is a plain value.
 */
export function isReference(value: string, schemes: Iterable<string>): boolean {
  const scheme = schemeOf(value)
  if (scheme === undefined) return false
  for (const s of schemes) if (s === scheme) return true
  return false
}

/**
 * A malformed reference as it may be printed: its scheme and length, not its text. A value
 * pasted where a reference belongs (`env://X extra <value>`) is malformed more often than not,
 * and `where` already points at the line.
 */
export function describeMalformed(raw: string): string {
  const scheme = schemeOf(raw)
  return scheme === undefined ? `a ${raw.length}-character text` : `${/^[aeiou]/.test(scheme) ? 'an' : 'a'} ${scheme}:// reference of ${raw.length} characters`
}

function bad(raw: string, why: string, fix: string, where?: SourceLocation): HushError {
  return new HushError('HUSH_BAD_REFERENCE', {
    message: `${describeMalformed(raw)} is not a valid reference`,
    reason: why,
    fix,
    ...(where ? { where } : {}),
  })
}

function decode(part: string, raw: string, where?: SourceLocation): string {
  try {
    return decodeURIComponent(part)
  } catch {
    throw bad(raw, 'It holds a broken percent-escape.', 'write "%" as "%25".', where)
  }
}

/**
 * Parses a reference. Throws `HUSH_BAD_REFERENCE` naming `where` it was written when the
 * string is not of the form `scheme://path[#key][?a=b]`.
 */
export function parseReference(raw: string, where?: SourceLocation): Reference {
  const scheme = schemeOf(raw)
  if (scheme === undefined) {
    throw bad(raw, 'A reference starts with a scheme such as "env://" or "aws-sm://".', 'write it as scheme://path, for example env://DB_PASSWORD.', where)
  }
  const body = raw.slice(scheme.length + 3)
  const hash = body.indexOf('#')
  const query = body.indexOf('?')
  const pathEnd = Math.min(hash === -1 ? body.length : hash, query === -1 ? body.length : query)
  const path = decode(body.slice(0, pathEnd), raw, where)
  if (path === '') {
    throw bad(raw, 'The part after "://" is empty.', `name what to read, for example ${scheme}://NAME.`, where)
  }
  let key: string | undefined
  let queryText: string | undefined
  if (hash !== -1) {
    const end = query > hash ? query : body.length
    key = decode(body.slice(hash + 1, end), raw, where)
    if (key === '') throw bad(raw, 'The "#" is followed by nothing.', 'name the JSON key after "#", or drop the "#".', where)
  }
  if (query !== -1) {
    const end = hash > query ? hash : body.length
    queryText = body.slice(query + 1, end)
  }
  const params: Record<string, string> = {}
  if (queryText !== undefined && queryText !== '') {
    for (const pair of queryText.split('&')) {
      const eq = pair.indexOf('=')
      if (eq <= 0) throw bad(raw, 'A parameter has no "name=value" form.', 'write parameters as ?name=value&other=value.', where)
      const name = decode(pair.slice(0, eq), raw, where)
      if (Object.prototype.hasOwnProperty.call(params, name)) {
        throw bad(raw, `The parameter "${name}" is given twice.`, 'give each parameter once.', where)
      }
      params[name] = decode(pair.slice(eq + 1), raw, where)
    }
  }
  const ref: Reference = { scheme, path, params, raw }
  if (key !== undefined) ref.key = key
  return ref
}

const PATH_SAFE = /[#?%]/g

/** Builds the canonical string of a reference: `scheme://path#key?a=b`. */
export function formatReference(ref: Omit<Reference, 'raw'> & { raw?: string }): string {
  const escape = (s: string) => s.replace(PATH_SAFE, (c) => encodeURIComponent(c))
  let out = `${ref.scheme}://${escape(ref.path)}`
  if (ref.key !== undefined) out += `#${escape(ref.key)}`
  const names = Object.keys(ref.params)
  if (names.length) {
    out += '?' + names.map((n) => `${encodeURIComponent(n)}=${encodeURIComponent(ref.params[n] ?? '')}`).join('&')
  }
  return out
}

/** Schemes of hush's own providers: never reported as typos, installed or not. */
export const KNOWN_SCHEMES = ['env', 'file', 'aws-sm', 'aws-ssm'] as const

/** Edit distance counting a swap of two neighbours as one edit (`evn` → `env`, `aws-ms` → `aws-sm`). */
function distance(a: string, b: string): number {
  const d: number[][] = Array.from({ length: a.length + 1 }, (_, i) => [i, ...Array<number>(b.length).fill(0)])
  for (let j = 1; j <= b.length; j++) d[0]![j] = j
  for (let i = 1; i <= a.length; i++) {
    for (let j = 1; j <= b.length; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1
      let best = Math.min(d[i - 1]![j]! + 1, d[i]![j - 1]! + 1, d[i - 1]![j - 1]! + cost)
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) best = Math.min(best, d[i - 2]![j - 2]! + 1)
      d[i]![j] = best
    }
  }
  return d[a.length]![b.length]!
}

const SCHEME_LIKE = /^([A-Za-z][A-Za-z0-9+.-]*):(\/{0,3})(.*)$/s

/**
 * For a value shaped like a reference whose scheme is not registered but close to one that is
 * (`evn://X`, `env:/X`, `file:secrets/x`, `aws-ms://prod/db`), the reference it was probably
 * meant to be. Values of other schemes (`postgres://...`, `https://...`) give `undefined`.
 */
export function suggestScheme(value: string, schemes: Iterable<string> = KNOWN_SCHEMES): { scheme: string; suggestion: string } | undefined {
  const m = SCHEME_LIKE.exec(value)
  if (!m) return undefined
  const [, written, slashes, rest] = m as unknown as [string, string, string, string]
  if (!rest) return undefined
  const lower = written.toLowerCase()
  const registered = new Set([...schemes, ...KNOWN_SCHEMES])
  if (slashes.length >= 2 && registered.has(written)) return undefined
  let best: string | undefined
  let bestDistance = Infinity
  for (const scheme of registered) {
    const d = distance(lower, scheme)
    const allowed = scheme.length <= 4 ? 1 : 2
    // Between two as near (`aws-sms` is one edit from aws-sm and from aws-ssm), the one of the
    // written length: a swap or a wrong letter is a likelier slip than a letter too many.
    const closer = d === bestDistance && best !== undefined && Math.abs(scheme.length - lower.length) < Math.abs(best.length - lower.length)
    if (d <= allowed && (d < bestDistance || closer)) {
      best = scheme
      bestDistance = d
    }
  }
  if (best === undefined) return undefined
  // A known scheme with the slashes wrong (`env:/X`, `file:x`), or a near one with or without them.
  if (best === written && slashes.length >= 2) return undefined
  // A near scheme with no slash at all (`enc:...`, `key:...`) is too common in plain values.
  if (best !== lower && slashes.length === 0) return undefined
  // file:// takes an absolute path, so `file:/run/x` and `file:secrets/x` both become file:///...
  // A Parameter Store name in a hierarchy starts with "/": `aws-ssn:///prod/x` keeps it, and a
  // path written without it (`aws-ssm:prod/x`) gets it.
  const rooted = best === 'file' || (best === 'aws-ssm' && (slashes.length % 2 === 1 || rest.includes('/')))
  return { scheme: best, suggestion: `${best}://${rooted ? '/' : ''}${rest}` }
}
