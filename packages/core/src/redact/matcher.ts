import type { Encoding } from './variants.js'
import { wordAt, wordBefore } from './words.js'

/** One place where a secret (or an encoding of it) occurs in a text. */
export interface RedactMatch {
  start: number
  end: number
  name: string
  encoding: Encoding
  /**
   * A short value's match, which counts only when no letter or digit follows it: one that ends
   * where the data ends is not settled until the next character is known.
   */
  wordEnd: boolean
}

export interface Pattern {
  text: string
  name: string
  encoding: Encoding
  /** The match counts only when no letter or digit precedes it (a short value's word edge). */
  wholeStart: boolean
  /** The same for the character after it. */
  wholeEnd: boolean
}

/** Characters per sampled gram; patterns shorter than this cannot be searched. */
export const K = 4

/** A multiplicative hash of the 4 characters at `i`, keeping the top `32 - shift` bits. */
function gram(text: string, i: number, shift: number): number {
  const lo = text.charCodeAt(i) | (text.charCodeAt(i + 1) << 16)
  const hi = text.charCodeAt(i + 2) | (text.charCodeAt(i + 3) << 16)
  return Math.imul(lo ^ Math.imul(hi, 0x85ebca6b), 0x9e3779b1) >>> shift
}

/** The same hash over 4 bytes: a byte is the char code of its latin1 character. */
function gramOfBytes(bytes: Uint8Array, i: number, shift: number): number {
  const lo = bytes[i]! | (bytes[i + 1]! << 16)
  const hi = bytes[i + 2]! | (bytes[i + 3]! << 16)
  return Math.imul(lo ^ Math.imul(hi, 0x85ebca6b), 0x9e3779b1) >>> shift
}

function bytesStartWith(bytes: Uint8Array, latin1: string, at: number): boolean {
  if (at + latin1.length > bytes.length) return false
  for (let j = 0; j < latin1.length; j++) if (bytes[at + j] !== latin1.charCodeAt(j)) return false
  return true
}

/** The few bytes around `i` as latin1 text, and where `i` falls in it: enough to judge a word edge. */
function around(bytes: Uint8Array, i: number): [string, number] {
  const from = Math.max(0, i - 4)
  return [Buffer.from(bytes.buffer, bytes.byteOffset + from, Math.min(bytes.length, i + 4) - from).toString('latin1'), i - from]
}

/**
 * A Wu-Manber style search for many patterns at once. It samples one 4-character gram every
 * `m - 3` characters (m: the shortest pattern) and looks it up in a table of the grams at
 * every offset a sample can land on inside each pattern, so the cost grows with the text,
 * not with the number of patterns. A candidate is confirmed with `startsWith`.
 *
 * In byte mode the text and the patterns hold one character per byte (latin1 of the UTF-8
 * bytes), so offsets are byte offsets and bytes that are not UTF-8 are searched as they are.
 */
export class Matcher {
  readonly minLen: number
  readonly maxLen: number
  readonly #patterns: Pattern[]
  readonly #bytes: boolean
  // The buckets, packed: slot h's entries are pairs (pattern index, offset of the gram in that
  // pattern) in #entries from #starts[h] to #starts[h + 1]. Typed arrays, not an array per
  // slot: a thousand secrets make some 300,000 grams, built at start-up.
  readonly #starts: Uint32Array
  readonly #entries: Int32Array
  // One bit per table slot: most samples land on an empty slot, and this fits in cache.
  readonly #filled: Uint32Array
  readonly #shift: number
  #sorted: string[] | undefined

  constructor(patterns: Pattern[], bytes: boolean) {
    this.#patterns = patterns
    this.#bytes = bytes
    let min = Infinity
    let max = 0
    for (const p of patterns) {
      min = Math.min(min, p.text.length)
      max = Math.max(max, p.text.length)
    }
    this.minLen = min
    this.maxLen = max
    const window = patterns.length ? min - K : 0 // last offset a sample can land on
    // Size the table to about a quarter full, so most samples of ordinary text hit an empty slot.
    const grams = patterns.length * (window + 1)
    const bits = Math.min(22, Math.max(10, Math.ceil(Math.log2(grams * 4 + 1))))
    this.#shift = 32 - bits
    const size = 1 << bits
    this.#filled = new Uint32Array(Math.max(1, size >>> 5))
    const hashes = new Uint32Array(grams)
    const starts = new Uint32Array(size + 1)
    let g = 0
    for (const p of patterns) {
      for (let offset = 0; offset <= window; offset++) {
        const h = gram(p.text, offset, this.#shift)
        hashes[g++] = h
        starts[h + 1]!++
        this.#filled[h >>> 5]! |= 1 << (h & 31)
      }
    }
    for (let h = 0; h < size; h++) starts[h + 1]! += starts[h]!
    const next = starts.slice(0, size)
    const entries = new Int32Array(grams * 2)
    g = 0
    for (let index = 0; index < patterns.length; index++) {
      for (let offset = 0; offset <= window; offset++) {
        const at = next[hashes[g++]!]!++ * 2
        entries[at] = index
        entries[at + 1] = offset
      }
    }
    this.#starts = starts
    this.#entries = entries
  }

  /**
   * Where the part of `text` that could still become a match begins: the earliest position
   * from which the rest of the text is the start of some pattern (`text.length` when none is).
   * A stream that must emit what it holds (its source went quiet) keeps only that part.
   */
  pendingFrom(text: string): number {
    const sorted = (this.#sorted ??= this.#patterns.map((p) => p.text).sort())
    for (let s = Math.max(0, text.length - this.maxLen + 1); s < text.length; s++) {
      const rest = text.slice(s)
      // The first pattern not below `rest` in sort order starts with it, if any pattern does.
      let lo = 0
      let hi = sorted.length
      while (lo < hi) {
        const mid = (lo + hi) >>> 1
        if (sorted[mid]! < rest) lo = mid + 1
        else hi = mid
      }
      if (lo < sorted.length && sorted[lo]!.startsWith(rest)) return s
    }
    return text.length
  }

  /** Every occurrence, sorted by position; overlapping occurrences are merged into one. */
  findAll(text: string): RedactMatch[] {
    const patterns = this.#patterns
    if (!patterns.length || text.length < this.minLen) return []
    const starts = this.#starts
    const entries = this.#entries
    const filled = this.#filled
    const shift = this.#shift
    const step = this.minLen - K + 1
    const last = text.length - K
    let found: RedactMatch[] | undefined
    for (let i = 0; i <= last; i += step) {
      const h = gram(text, i, shift)
      if ((filled[h >>> 5]! & (1 << (h & 31))) === 0) continue
      for (let e = starts[h]! * 2, stop = starts[h + 1]! * 2; e < stop; e += 2) {
        const start = i - entries[e + 1]!
        const p = patterns[entries[e]!]!
        if (start < 0 || !text.startsWith(p.text, start)) continue
        const end = start + p.text.length
        if (p.wholeStart && wordBefore(text, start, this.#bytes)) continue
        if (p.wholeEnd && wordAt(text, end, this.#bytes)) continue
        ;(found ??= []).push({ start, end, name: p.name, encoding: p.encoding, wordEnd: p.wholeEnd })
      }
    }
    return found ? merge(found) : []
  }

  /**
   * `findAll` over bytes (byte mode only), read in place: a stream of output is searched
   * without first copying it into a string.
   */
  findAllInBytes(bytes: Uint8Array, merged = true): RedactMatch[] {
    const patterns = this.#patterns
    if (!patterns.length || bytes.length < this.minLen) return []
    const starts = this.#starts
    const entries = this.#entries
    const filled = this.#filled
    const shift = this.#shift
    const step = this.minLen - K + 1
    const last = bytes.length - K
    let found: RedactMatch[] | undefined
    for (let i = 0; i <= last; i += step) {
      const h = gramOfBytes(bytes, i, shift)
      if ((filled[h >>> 5]! & (1 << (h & 31))) === 0) continue
      for (let e = starts[h]! * 2, stop = starts[h + 1]! * 2; e < stop; e += 2) {
        const start = i - entries[e + 1]!
        const p = patterns[entries[e]!]!
        if (start < 0 || !bytesStartWith(bytes, p.text, start)) continue
        const end = start + p.text.length
        if (p.wholeStart && wordBefore(...around(bytes, start), true)) continue
        if (p.wholeEnd && wordAt(...around(bytes, end), true)) continue
        ;(found ??= []).push({ start, end, name: p.name, encoding: p.encoding, wordEnd: p.wholeEnd })
      }
    }
    return found ? (merged ? merge(found) : found) : []
  }
}

/** Sorted by position, overlapping occurrences merged into one. */
export function merge(found: RedactMatch[]): RedactMatch[] {
  found.sort((a, b) => a.start - b.start || b.end - a.end)
  const merged: RedactMatch[] = [found[0]!]
  for (let j = 1; j < found.length; j++) {
    const m = found[j]!
    const top = merged[merged.length - 1]!
    if (m.start < top.end) {
      if (m.end > top.end) {
        top.end = m.end
        top.wordEnd = m.wordEnd
      }
    } else merged.push(m)
  }
  return merged
}
