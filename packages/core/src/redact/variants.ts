import { inspect } from 'node:util'

/**
 * How a secret value can appear in text besides itself. A label names a family: `base64`
 * and `base64url` cover every byte alignment, `url` both percent-encoding flavours (URI
 * component and HTML form), `json` every string-literal escape (JSON, JSON inside JSON,
 * `\uXXXX` ASCII-only JSON, `util.inspect`); `upper` and `lower` are case-changed copies.
 */
export type Encoding = 'raw' | 'base64' | 'base64url' | 'url' | 'json' | 'hex' | 'HEX' | 'upper' | 'lower'

export interface Variant {
  text: string
  encoding: Encoding
}

/**
 * The encoded forms of `value` worth searching for, each once (a form equal to an earlier
 * one is skipped). Case-changed copies are separate (`caseCopiesOf`): they are the value
 * altered by a program, not the value's bytes written another way.
 */
export function variantsOf(value: string): Variant[] {
  const buf = Buffer.from(value, 'utf8')
  const out: Variant[] = []
  const seen = new Set<string>()
  const add = (text: string, encoding: Encoding) => {
    if (text && !seen.has(text)) {
      seen.add(text)
      out.push({ text, encoding })
    }
  }
  add(value, 'raw')
  // A terminal turns every line feed into CR LF (a pseudo-terminal's output included), as do
  // programs that write Windows line ends: a multi-line value (a PEM key) shows that way.
  if (value.includes('\n')) add(value.replaceAll('\n', '\r\n'), 'raw')
  for (const text of base64Forms(buf, 'base64')) add(text, 'base64')
  for (const text of base64Forms(buf, 'base64url')) add(text, 'base64url')
  for (const text of percentForms(value)) add(text, 'url')
  for (const text of escapedForms(value)) add(text, 'json')
  const hex = buf.toString('hex')
  add(hex, 'hex')
  add(hex.toUpperCase(), 'HEX')
  return out
}

/** Upper- and lower-case copies of a value, when they differ from it. */
export function caseCopiesOf(value: string): Variant[] {
  const upper = value.toUpperCase()
  const lower = value.toLowerCase()
  const out: Variant[] = []
  if (upper !== value) out.push({ text: upper, encoding: 'upper' })
  if (lower !== value && lower !== upper) out.push({ text: lower, encoding: 'lower' })
  return out
}

/**
 * Base64 of the value wherever it sits in the encoded data. Each base64 character carries 6
 * bits, so a value starting 1 or 2 bytes into a 3-byte group encodes differently from one
 * starting on a group (as in `Basic base64("user:" + token)`). For each of the three
 * alignments, keep the characters that depend on the value's bytes only: the run that
 * holds when more data follows, and that run plus the last partial character, which is
 * what is written when the value ends the data (its padding bits are zeros).
 */
function base64Forms(buf: Buffer, encoding: 'base64' | 'base64url'): string[] {
  const out: string[] = []
  for (let shift = 0; shift < 3; shift++) {
    const encoded = Buffer.concat([Buffer.alloc(shift), buf])
      .toString(encoding)
      .replace(/=+$/, '')
    const from = Math.ceil((8 * shift) / 6)
    const whole = Math.floor((8 * (shift + buf.length)) / 6)
    out.push(encoded.slice(from), encoded.slice(from, whole))
  }
  return out
}

/**
 * `encodeURIComponent`, form encoding (`+` for space, `~!'()*` escaped), `encodeURI` (keeps `/`,
 * `+`, `=` and the like), and RFC 3986's strict form, which escapes `!'()*` too (Python's
 * `quote(v, safe='')`), with `/` kept (Python's `quote`) and with `+` for space (Python's
 * `quote_plus`, curl's `--data-urlencode`): secrets made of base64 hold `/` and `+`. Each with
 * upper- and lower-case escapes.
 */
function percentForms(value: string): string[] {
  const out: string[] = []
  try {
    const component = encodeURIComponent(value)
    const strict = component.replace(/[!'()*]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`)
    out.push(component, encodeURI(value), strict, strict.replaceAll('%2F', '/'), strict.replaceAll('%20', '+'))
  } catch {
    // A lone surrogate cannot be URI-encoded, so no program writes this form.
  }
  out.push(new URLSearchParams([['', value]]).toString().slice(1))
  // Each with lower-case escapes too (curl writes `%2f`).
  return [...out, ...out.map((form) => form.replace(/%[0-9A-F]{2}/g, (e) => e.toLowerCase()))]
}

/**
 * String-literal escapes: JSON, JSON of that (a log line holding a JSON string, where `"`
 * and `\` are escaped twice), ASCII-only JSON (`\u00e9`, as Python and others write it),
 * and `util.inspect`, which escapes `\` and control characters, and `'` only when the
 * whole string it quotes holds all three quote kinds.
 */
function escapedForms(value: string): string[] {
  const json = JSON.stringify(value).slice(1, -1)
  const ascii = json.replace(/[\u0080-\uffff]/g, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`)
  let stand = 0xe000 // a character absent from the value stands in for `'`, so inspect escapes nothing else
  while (value.includes(String.fromCharCode(stand))) stand++
  const standIn = String.fromCharCode(stand)
  const inspected = inspect(value.replaceAll("'", standIn)).slice(1, -1).replaceAll(standIn, "'")
  const quoteEscaped = inspect(`${value}'"\``).slice(1, -5)
  return [json, JSON.stringify(json).slice(1, -1), ascii, inspected, quoteEscaped]
}

const COMMON = new Set([
  'true',
  'false',
  'null',
  'undefined',
  'localhost',
  'production',
  'development',
  'staging',
  'enabled',
  'disabled',
  'default',
  'secret',
  'password',
  'changeme',
  'example',
])

/** Shannon entropy of a string in bits (per character times length). */
export function entropyBits(value: string): number {
  const counts = new Map<number, number>()
  for (let i = 0; i < value.length; i++) {
    const c = value.charCodeAt(i)
    counts.set(c, (counts.get(c) ?? 0) + 1)
  }
  let perChar = 0
  for (const n of counts.values()) {
    const p = n / value.length
    perChar -= p * Math.log2(p)
  }
  return perChar * value.length
}

/** Why a value can or cannot be masked; see `maskability`. */
export type Maskability = 'ok' | 'too-short' | 'common' | 'low-entropy'

/**
 * Whether a value can be masked, and if not why, so a resolver can warn that it will show in
 * logs. Masking `1`, `true` or `8080` would shred ordinary output and hint at the value anyway.
 */
export function maskability(value: string, minLength = 6, minEntropyBits = 12): Maskability {
  if (value.length < minLength) return 'too-short'
  if (COMMON.has(value.toLowerCase())) return 'common'
  return entropyBits(value) >= minEntropyBits ? 'ok' : 'low-entropy'
}

/** Whether a value is worth masking (`maskability(...) === 'ok'`). */
export function isMaskable(value: string, minLength: number, minEntropyBits: number): boolean {
  return maskability(value, minLength, minEntropyBits) === 'ok'
}
