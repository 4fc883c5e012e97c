import { type Encoding, isMaskable, variantsOf } from './variants.js'

export interface RedactorOptions {
  /** Values shorter than this are not masked. @default 6 */
  minLength?: number
  /** Values with less Shannon entropy than this (in bits, whole value) are not masked. @default 12 */
  minEntropyBits?: number
  /** The text that replaces a value. @default name => `[redacted:${name}]` */
  mask?: (name: string, encoding: Encoding) => string
}

/** One place where a secret (or an encoding of it) occurs in a text. */
export interface RedactMatch {
  start: number
  end: number
  name: string
  encoding: Encoding
}

interface Pattern {
  text: string
  name: string
  encoding: Encoding
}

const K = 4 // characters per sampled gram

/** A multiplicative hash of the 4 characters at `i`, keeping the top `32 - shift` bits. */
function gram(text: string, i: number, shift: number): number {
  const lo = text.charCodeAt(i) | (text.charCodeAt(i + 1) << 16)
  const hi = text.charCodeAt(i + 2) | (text.charCodeAt(i + 3) << 16)
  return Math.imul(lo ^ Math.imul(hi, 0x85ebca6b), 0x9e3779b1) >>> shift
}

/**
 * Finds and masks every registered value in text, in all its common encodings.
 *
 * The search samples one 4-character gram every `m - 3` characters (m: the shortest
 * pattern) and checks it against a table of the grams that open each pattern, so the cost
 * grows with the text, not with the number of secrets (the Wu-Manber idea). A candidate is
 * confirmed with `startsWith` before it counts.
 */
export class Redactor {
  readonly minLength: number
  readonly minEntropyBits: number
  private readonly mask: (name: string, encoding: Encoding) => string
  private values = new Map<string, string>() // value -> name
  private patterns: Pattern[] = []
  private table: Array<Array<[number, number]> | undefined> = []
  private shift = 32
  private minLen = Infinity
  private maxLen = 0
  private dirty = false

  constructor(options: RedactorOptions = {}) {
    this.minLength = Math.max(options.minLength ?? 6, K)
    this.minEntropyBits = options.minEntropyBits ?? 12
    this.mask = options.mask ?? ((name) => `[redacted:${name}]`)
  }

  /** Registers a value under a name. Returns false when it is too short or plain to mask. */
  add(name: string, value: string): boolean {
    if (!isMaskable(value, this.minLength, this.minEntropyBits)) return false
    if (this.values.get(value) === name) return true
    this.values.set(value, name)
    this.dirty = true
    return true
  }

  /** Forgets one value, or every value of a name. */
  remove(name: string, value?: string): void {
    for (const [v, n] of this.values) {
      if (n === name && (value === undefined || v === value)) {
        this.values.delete(v)
        this.dirty = true
      }
    }
  }

  clear(): void {
    this.values.clear()
    this.dirty = true
  }

  /** Number of registered values. */
  get size(): number {
    return this.values.size
  }

  /** Length of the longest pattern; a stream must hold back one less than this. */
  get longest(): number {
    this.build()
    return this.maxLen
  }

  private build(): void {
    if (!this.dirty) return
    this.dirty = false
    this.patterns = []
    this.minLen = Infinity
    this.maxLen = 0
    for (const [value, name] of this.values) {
      for (const v of variantsOf(value)) {
        this.patterns.push({ text: v.text, name, encoding: v.encoding })
        this.minLen = Math.min(this.minLen, v.text.length)
        this.maxLen = Math.max(this.maxLen, v.text.length)
      }
    }
    const window = this.minLen - K // last offset a sample can land on
    // Size the table to about a quarter full, so most samples of ordinary text hit an empty slot.
    const grams = this.patterns.length * (window + 1)
    const bits = Math.min(22, Math.max(10, Math.ceil(Math.log2(grams * 4 + 1))))
    this.shift = 32 - bits
    this.table = new Array(1 << bits)
    this.patterns.forEach((p, index) => {
      for (let offset = 0; offset <= window; offset++) {
        const h = gram(p.text, offset, this.shift)
        const bucket = this.table[h]
        if (bucket) bucket.push([index, offset])
        else this.table[h] = [[index, offset]]
      }
    })
  }

  /** Every occurrence, sorted by position; overlapping occurrences are merged into one. */
  findAll(text: string): RedactMatch[] {
    this.build()
    const patterns = this.patterns
    if (!patterns.length || text.length < this.minLen) return []
    const table = this.table
    const shift = this.shift
    const step = this.minLen - K + 1
    const last = text.length - K
    let found: RedactMatch[] | undefined
    for (let i = 0; i <= last; i += step) {
      const bucket = table[gram(text, i, shift)]
      if (bucket === undefined) continue
      for (let b = 0; b < bucket.length; b++) {
        const [index, offset] = bucket[b]!
        const start = i - offset
        const p = patterns[index]!
        if (start >= 0 && text.startsWith(p.text, start)) {
          ;(found ??= []).push({ start, end: start + p.text.length, name: p.name, encoding: p.encoding })
        }
      }
    }
    if (!found) return []
    found.sort((a, b) => a.start - b.start || b.end - a.end)
    const merged: RedactMatch[] = [found[0]!]
    for (let j = 1; j < found.length; j++) {
      const m = found[j]!
      const top = merged[merged.length - 1]!
      if (m.start < top.end) top.end = Math.max(top.end, m.end)
      else merged.push(m)
    }
    return merged
  }

  /** The text with every registered value (and its encodings) masked. */
  redact(text: string): string {
    const matches = this.findAll(text)
    if (!matches.length) return text
    return this.apply(text, matches, text.length).text
  }

  /** Masks `matches` in `text[0, upTo)`; used by streams that keep a tail back. */
  apply(text: string, matches: RedactMatch[], upTo: number): { text: string; consumed: number } {
    let out = ''
    let pos = 0
    for (const m of matches) {
      if (m.start >= upTo) break
      out += text.slice(pos, m.start) + this.mask(m.name, m.encoding)
      pos = m.end
    }
    const consumed = Math.max(pos, upTo)
    return { text: out + text.slice(pos, consumed), consumed }
  }
}
