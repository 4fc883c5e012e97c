import { K, Matcher, merge, type Pattern, type RedactMatch } from './matcher.js'
import { caseCopiesOf, type Encoding, isMaskable, variantsOf } from './variants.js'
import { isWordCodePoint } from './words.js'

export type { RedactMatch } from './matcher.js'

export interface RedactorOptions {
  /** Values shorter than this are not masked. @default 6 */
  minLength?: number
  /** Values with less Shannon entropy than this (in bits, whole value) are not masked. @default 12 */
  minEntropyBits?: number
  /** The text that replaces a value. @default name => `[redacted:${name}]` */
  mask?: (name: string, encoding: Encoding) => string
}

/**
 * Values shorter than this are masked only where they stand as a whole word. Below 10
 * characters values are PINs, one-time codes, ports, dates, short numeric ids and short
 * passwords, which turn up inside longer numbers and words (timestamps, ids, hashes):
 * masking `123456` inside `1234567` mangles the output and shows where those digits were.
 * From 10 characters on a value that passed the entropy check is unlikely to sit inside an
 * unrelated token, while a secret glued to other text (`Bearer` + value, a key pasted
 * behind a prefix) is a real leak, so longer values stay masked wherever they appear.
 */
export const WHOLE_WORD_BELOW = 10

const inspectCustom = Symbol.for('nodejs.util.inspect.custom')

/**
 * Finds and masks every registered value in text, in all its common encodings (see
 * `variantsOf`) and upper- and lower-case copies.
 *
 * - Values shorter than `minLength` (default 6), common words and low-entropy values are
 *   never masked: `add` returns false for them (`maskability` says why).
 * - Values shorter than 10 characters (`WHOLE_WORD_BELOW`) are masked only when no letter or
 *   digit is glued to them, so `123456` is masked in `pin=123456` but not in `x1234567`.
 *   Their base64 forms are masked anywhere, since those sit inside longer base64 by nature.
 *
 * Values live in private state: inspecting, logging, serialising, spreading or cloning a
 * Redactor shows only how many values it holds.
 */
export class Redactor {
  readonly minLength: number
  readonly minEntropyBits: number
  readonly #mask: (name: string, encoding: Encoding) => string
  readonly #values = new Map<string, string>() // value -> name
  #text: Matcher | undefined
  #bytes: Matcher | undefined

  constructor(options: RedactorOptions = {}) {
    this.minLength = Math.max(options.minLength ?? 6, K)
    this.minEntropyBits = options.minEntropyBits ?? 12
    this.#mask = options.mask ?? ((name) => `[redacted:${name}]`)
  }

  /** Registers a value under a name. Returns false when it is too short or plain to mask. */
  add(name: string, value: string): boolean {
    if (!isMaskable(value, this.minLength, this.minEntropyBits)) return false
    if (this.#values.get(value) === name) return true
    this.#values.set(value, name)
    this.#changed()
    return true
  }

  /** Forgets one value, or every value of a name. */
  remove(name: string, value?: string): void {
    for (const [v, n] of this.#values) {
      if (n === name && (value === undefined || v === value)) {
        this.#values.delete(v)
        this.#changed()
      }
    }
  }

  clear(): void {
    this.#values.clear()
    this.#changed()
  }

  /** Number of registered values. */
  get size(): number {
    return this.#values.size
  }

  /**
   * Length of the longest pattern. A stream must hold back this many characters, plus one
   * more character to see whether a short value is glued to what follows it.
   */
  get longest(): number {
    return this.#textMatcher().maxLen
  }

  /** Length in bytes of the longest UTF-8 pattern: what a byte stream holds back. */
  get longestBytes(): number {
    return this.#byteMatcher().maxLen
  }

  /**
   * The offset from which `bytes` could still be the start of a value (or an encoding of one)
   * that the next bytes complete; `bytes.length` when no value starts in its tail.
   */
  pendingBytes(bytes: Uint8Array): number {
    if (!this.#values.size) return bytes.byteLength
    const tail = Math.max(0, bytes.byteLength - this.longestBytes)
    return tail + this.#byteMatcher().pendingFrom(Buffer.from(bytes.buffer, bytes.byteOffset + tail, bytes.byteLength - tail).toString('latin1'))
  }

  /** Every occurrence, sorted by position; overlapping occurrences are merged into one. */
  findAll(text: string): RedactMatch[] {
    return this.#textMatcher().findAll(text)
  }

  /** Every occurrence in bytes (UTF-8 forms, byte offsets); bytes that are not UTF-8 are fine. */
  findAllBytes(bytes: Uint8Array): RedactMatch[] {
    const matcher = this.#byteMatcher()
    if (bytes.byteLength < matcher.minLen) return []
    return matcher.findAllInBytes(bytes)
  }

  /**
   * `findAllBytes` over `head` followed by `body`, without joining them: offsets count from
   * the start of `head`. A stream keeps a short tail back (`head`) and searches it with the
   * next chunk; joining them would copy every chunk once more.
   */
  findAllBytesAcross(head: Uint8Array, body: Uint8Array): RedactMatch[] {
    if (!head.byteLength) return this.findAllBytes(body)
    const matcher = this.#byteMatcher()
    // Occurrences starting in `head` or in the first 4 bytes of `body` (whose word edge looks
    // back into `head`) are searched in a small join that also holds their whole length and
    // the character after it; every other occurrence lies in `body` alone.
    const edge = head.byteLength + 4
    const seamEnd = edge + matcher.maxLen + 4
    if (head.byteLength + body.byteLength <= seamEnd) return this.findAllBytes(Buffer.concat([head, body]))
    const seam = Buffer.concat([head, body.subarray(0, seamEnd - head.byteLength)])
    const found = matcher.findAllInBytes(seam, false).filter((m) => m.start < edge)
    for (const m of matcher.findAllInBytes(body, false)) if (m.start >= 4) found.push({ ...m, start: m.start + head.byteLength, end: m.end + head.byteLength })
    return found.length ? merge(found) : []
  }

  /** The text with every registered value (and its encodings) masked. */
  redact(text: string): string {
    const matches = this.findAll(text)
    if (!matches.length) return text
    return this.apply(text, matches, text.length).text
  }

  /** The bytes with every value masked; the same object when nothing matched, byte for byte. */
  redactBytes(bytes: Uint8Array): Uint8Array {
    const matches = this.findAllBytes(bytes)
    return matches.length ? this.applyBytes(bytes, matches) : bytes
  }

  /** Masks `matches` in `text[0, upTo)`; used by streams that keep a tail back. */
  apply(text: string, matches: RedactMatch[], upTo: number): { text: string; consumed: number } {
    let out = ''
    let pos = 0
    for (const m of matches) {
      if (m.start >= upTo) break
      out += text.slice(pos, m.start) + this.#mask(m.name, m.encoding)
      pos = m.end
    }
    const consumed = Math.max(pos, upTo)
    return { text: out + text.slice(pos, consumed), consumed }
  }

  /** The text that replaces a match, as UTF-8 bytes. */
  maskBytes(match: RedactMatch): Buffer {
    return Buffer.from(this.#mask(match.name, match.encoding), 'utf8')
  }

  /** Masks `matches` (from `findAllBytes`) in bytes; the bytes between them are copied as they are. */
  applyBytes(bytes: Uint8Array, matches: RedactMatch[]): Buffer {
    const parts: Uint8Array[] = []
    let pos = 0
    for (const m of matches) {
      parts.push(bytes.subarray(pos, m.start), Buffer.from(this.#mask(m.name, m.encoding), 'utf8'))
      pos = m.end
    }
    parts.push(bytes.subarray(pos))
    return Buffer.concat(parts)
  }

  [inspectCustom](): string {
    return `Redactor { values: ${this.#values.size} }`
  }

  toJSON(): { values: number } {
    return { values: this.#values.size }
  }

  #changed(): void {
    this.#text = undefined
    this.#bytes = undefined
  }

  #byteMatcher(): Matcher {
    return (this.#bytes ??= new Matcher(this.#patterns(true), true))
  }

  #textMatcher(): Matcher {
    return (this.#text ??= new Matcher(this.#patterns(false), false))
  }

  #patterns(bytes: boolean): Pattern[] {
    const patterns: Pattern[] = []
    for (const [value, name] of this.#values) {
      const short = value.length < WHOLE_WORD_BELOW
      const seen = new Set<string>()
      for (const v of [...variantsOf(value), ...caseCopiesOf(value)]) {
        if (v.text.length < K || seen.has(v.text)) continue
        seen.add(v.text)
        // Base64 forms sit inside longer base64 by nature, so only plain forms need word edges.
        const edges = short && v.encoding !== 'base64' && v.encoding !== 'base64url'
        patterns.push({
          text: bytes ? Buffer.from(v.text, 'utf8').toString('latin1') : v.text,
          name,
          encoding: v.encoding,
          wholeStart: edges && isWordCodePoint(v.text.codePointAt(0)!),
          wholeEnd: edges && isWordCodePoint(lastCodePoint(v.text)),
        })
      }
    }
    return patterns
  }
}

function lastCodePoint(text: string): number {
  const c = text.charCodeAt(text.length - 1)
  return c >= 0xdc00 && c <= 0xdfff && text.length > 1 ? text.codePointAt(text.length - 2)! : c
}
