/**
 * A token format as data: what it looks like, which literal text every match holds (so one
 * pass over a text finds the few formats worth trying), and what a real one must also pass.
 * Adding a vendor is adding an entry; the scan's cost follows the keywords found, not the
 * number of formats.
 */
export interface TokenFormat {
  /** Stable id, reported as the finding's `kind`. */
  id: string
  /** For messages ("a GitHub token"): what it is, never the value. */
  label: string
  /** The token's shape. A named group `body` marks its random part; without one, the whole match is. */
  pattern: RegExp
  /**
   * Literal text found in every match of `pattern` (in the case written, unless the pattern
   * ignores case), at least 3 characters long: the prefilter looks for all of them at once.
   * Empty for a format judged by `context`.
   */
  keywords: readonly string[]
  /**
   * For values with no prefix of their own (32 hex digits, a UUID): words, in any case, one of
   * which must name the value just before it on its line (`DATADOG_API_KEY=`,
   * `datadog: { apiKey: `, `new Wallet(`). Without one, the value is not this format.
   */
  context?: readonly string[]
  /** A name around the context word that says the value is public or not a secret (`ALGOLIA_SEARCH_KEY`). */
  unlessName?: RegExp
  /** Least Shannon entropy, in bits per character, of the random part: real ones clear it, `abcdef0123...` does not. */
  entropy?: number
  /** A check the shape cannot express: the vendor's checksum, or a structure inside the token. */
  validate?: (token: string, body: string) => boolean
  /**
   * How far a match can reach around a keyword: one run of characters with no space, quote or
   * bracket (`token`, the default), or a block of lines (a PEM key). Context formats search
   * the rest of the context word's line.
   */
  span?: 'token' | 'block'
  /** A phrase of lower-case words also found with no keyword or context when it is the whole text (a string holding just a mnemonic). */
  whole?: boolean
  /**
   * `validate` rejects stand-ins itself, so the generic placeholder check is skipped: it would
   * reject real ones (a PEM body's runs of `A`, a mnemonic holding the word "example").
   */
  checksPlaceholders?: boolean
}

const lookbehind = (extra: string) => `(?<![A-Za-z0-9_${extra}])`
const lookahead = (extra: string) => `(?![A-Za-z0-9_${extra}])`
const ESCAPED: Record<string, string> = { '+': '+', '/': '\\/', '=': '=', '.': '.', '~': '~', '-': '\\-' }

/** Not preceded by a token character: a prefix must start the token. */
export const B = lookbehind('')
/** Not followed by a token character: the token's length is the format's, not a prefix of a longer run. */
export const E = lookahead(ESCAPED['-']!)
export const HEX = '[a-f0-9]'
export const UUID = `${HEX}{8}-${HEX}{4}-${HEX}{4}-${HEX}{4}-${HEX}{12}`

const escape = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')

/**
 * Boundaries that follow the body's own alphabet: a body that may hold `+`, `/`, `=`, `.` or
 * `~` must not be followed by one either (else a long base64 run yields a token-sized piece of
 * it), and a base64 body must not start right after `+` or `/` (inside a blob).
 */
function bounds(body: string, before: string[], after: string[]): [string, string] {
  const inClasses = (body.match(/\[[^\]]*\]/g) ?? []).join('')
  const extra = ['+', '/', '=', '.', '~'].filter((c) => inClasses.includes(c))
  const b = new Set([...before, ...(extra.includes('+') || extra.includes('/') ? ['+', '/'] : [])])
  const e = new Set([...after, ...extra])
  const chars = (set: Set<string>) => [...set].map((c) => ESCAPED[c]).join('')
  return [lookbehind(chars(b)), lookahead(chars(e))]
}

/** `prefix` (one of several) then a random body, bounded on both sides. */
export function prefixed(prefixes: string | readonly string[], body: string, flags = ''): RegExp {
  const list = typeof prefixes === 'string' ? [prefixes] : prefixes
  const [b, e] = bounds(body, [], ['-'])
  return new RegExp(`${b}(?:${list.map(escape).join('|')})(?<body>${body})${e}`, flags)
}

/**
 * A value with no prefix, for context formats: bounded by anything but token and base64
 * characters, so no part of a longer value (after a `-` or a `/`) passes for a whole one. An
 * `=` may come before (`KEY=value`), not after.
 */
export function bare(body: string, flags = ''): RegExp {
  const [b, e] = bounds(body, ['+', '/', '-'], ['+', '/', '=', '-'])
  return new RegExp(`${b}(?<body>${body})${e}`, flags)
}
