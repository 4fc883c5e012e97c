import { entropyBits } from '../../redact/variants.js'
import { isPlaceholder } from '../placeholder.js'
import type { TokenFormat } from './define.js'

/** A token found in a text: which format, and where (UTF-16 code units). */
export interface FormatMatch {
  format: TokenFormat
  index: number
  length: number
}

interface Compiled {
  format: TokenFormat
  /** Global copy of the pattern, run over one window at a time. */
  re: RegExp
  /** The pattern anchored to a whole text, for `whole` formats. */
  whole?: RegExp
  order: number
}

interface Keyword {
  /** Lower case, as the scan compares it. */
  lower: string
  /** The case a case-sensitive keyword must have. */
  exact?: string
  context: boolean
  targets: Compiled[]
  /** For a probe's word: which probe, whose hits the scan records instead of running formats. */
  probe?: number
}

/**
 * Words another matcher looks for (a name part such as `token`, a call such as `createHmac`),
 * found in the same pass over the text as the formats' keywords instead of a pass of its own.
 * A word may be 2 characters long; one of 3 or more holds no separator.
 */
export interface Probe {
  words: readonly string[]
  ignoreCase: boolean
}

/** How the scan folds a UTF-16 unit: ASCII to lower case, anything else to 0, which no keyword holds. */
const FOLD = new Uint8Array(65536)
for (let c = 0; c < 128; c++) FOLD[c] = c >= 65 && c <= 90 ? c + 32 : c

/** Characters no token holds: a token-span window ends at them, so a keyword hit costs one short run. */
const SEPARATOR = new Uint8Array(128)
for (let c = 0; c <= 32; c++) SEPARATOR[c] = 1
for (const c of `"'\`,;(){}[]<>|\\^!*`) SEPARATOR[c.charCodeAt(0)] = 1
const isSeparator = (code: number) => code >= 128 || SEPARATOR[code] === 1

/** How far a window reaches: a run of token characters, a context word's line, a key block. */
const RUN_CAP = 4096
const CONTEXT_REACH = 400
const BLOCK_BEFORE = 200
const BLOCK_AFTER = 20000
/** `whole` formats are phrases of lower-case words: tried only on texts of this size starting with one. */
const WHOLE_MIN = 24
const WHOLE_CAP = 600
const SPACE = /\s/
/** Whether the text's first character after white space (what `trimStart` removes) is a lower-case letter; asked of most lines of code, so it copies nothing. */
const startsLower = (text: string) => {
  let i = 0
  if (text.charCodeAt(0) === 32 || text.charCodeAt(0) === 10) while (i < text.length && SPACE.test(text[i]!)) i++
  const c = text.charCodeAt(i)
  return c >= 97 && c <= 122
}

/**
 * Between a context word and its value: the rest of the name (`_API_KEY`, `.apiKey`, `']`),
 * then one to three assignment steps (`=`, `:`, `=>`, `(`, `,`, `{`) with quotes and spaces,
 * as in `DATADOG_API_KEY="`, `datadog: { apiKey: '`, `new Wallet(`.
 */
const GAP = /^[\w.$-]{0,40}(?:["'`\]]{0,2}\s{0,3}(?:[:=]=?>?|\(|,|\{)\s{0,3}["'`]?[\w.$-]{0,40}){1,3}$/
const GAP_CAP = 80
const NAME_CHAR = /[\w.$-]/

export interface FormatTable {
  formats: readonly TokenFormat[]
  /** 3-gram (7 bits a character) → the keywords starting with it. */
  index: Map<number, Keyword[]>
  /** The same 3-grams as a bitset: the scan's one test per character. */
  bits: Uint32Array
  wholes: Compiled[]
  /** Probe words of 2 characters (lower case, all probes ignoring case): 3-grams cannot see them in a text's last 2 characters. */
  pairs: { lower: string; probe: number }[]
}

const gram = (s: string) => ((s.charCodeAt(0) & 127) << 14) | ((s.charCodeAt(1) & 127) << 7) | (s.charCodeAt(2) & 127)

/** Indexes the formats' keywords and context words, and the probes' words, for `scanFormats`. */
export function compileFormats(formats: readonly TokenFormat[], probes: readonly Probe[] = []): FormatTable {
  const index = new Map<number, Keyword[]>()
  const byKey = new Map<string, Keyword>()
  const wholes: Compiled[] = []
  const pairs: FormatTable['pairs'] = []
  const add = (g: number, keyword: Keyword) => {
    const list = index.get(g) ?? []
    list.push(keyword)
    index.set(g, list)
  }
  formats.forEach((format, order) => {
    const flags = format.pattern.flags.replace(/[gy]/g, '')
    const compiled: Compiled = { format, re: new RegExp(format.pattern.source, flags + 'g'), order }
    if (format.whole) {
      compiled.whole = new RegExp(`^\\s*(?:${format.pattern.source})\\s*$`, flags)
      wholes.push(compiled)
    }
    const words = [
      ...format.keywords.map((w) => ({ w, context: false, exact: format.pattern.ignoreCase ? undefined : w })),
      ...(format.context ?? []).map((w) => ({ w, context: true, exact: undefined })),
    ]
    for (const { w, context, exact } of words) {
      if (w.length < 3 || /[^\x20-\x7e]/.test(w))
        throw new Error(`format ${format.id}: keyword ${JSON.stringify(w)} must be 3 or more printable ASCII characters`)
      const lower = w.toLowerCase()
      const key = `${context ? 'c' : 'k'}${exact ?? ''}\0${lower}`
      let keyword = byKey.get(key)
      if (!keyword) {
        keyword = { lower, exact, context, targets: [] }
        byKey.set(key, keyword)
        add(gram(lower), keyword)
      }
      if (!keyword.targets.includes(compiled)) keyword.targets.push(compiled)
    }
  })
  probes.forEach(({ words, ignoreCase }, probe) => {
    for (const w of words) {
      if (w.length < 2 || /[^\x20-\x7e]/.test(w) || (w.length === 2 && !ignoreCase))
        throw new Error(`probe word ${JSON.stringify(w)} must be 3 or more printable ASCII characters, or 2 when case is ignored`)
      const lower = w.toLowerCase()
      const keyword: Keyword = { lower, exact: ignoreCase ? undefined : w, context: false, targets: [], probe }
      if (w.length > 2) add(gram(lower), keyword)
      else {
        // Any third character follows: every 3-gram starting with the pair (FOLD gives 0 to 127).
        for (let c = 0; c < 128; c++) add(gram(lower + String.fromCharCode(c)), keyword)
        pairs.push({ lower, probe })
      }
    }
  })
  const bits = new Uint32Array(1 << 16)
  for (const g of index.keys()) bits[g >>> 5]! |= 1 << (g & 31)
  return { formats, index, bits, wholes, pairs }
}

/**
 * Finds every token of the table's formats in `text`. One pass over the text looks for all
 * keywords at once (a 3-gram bitset, then a comparison where one starts); each hit runs only
 * its own formats' patterns, over the few characters a match there could span.
 *
 * `before` is what precedes a value that was taken out of its text (`DD_API_KEY=`, a callee
 * `twilio(`): context formats read it as the value's line; only matches in `text` count.
 *
 * `hits`, one array per probe of the table: each probe word found is pushed there as its
 * start and its length, in order of start. Not with `before`.
 */
export function scanFormats(text: string, table: FormatTable, before = '', hits?: number[][]): FormatMatch[] {
  if (before) {
    return scanFormats(before + text, table)
      .filter((m) => m.index >= before.length)
      .map((m) => ({ ...m, index: m.index - before.length }))
  }
  const n = text.length
  let scan: Scan | undefined
  if (n >= 3) {
    const { bits, index } = table
    let g = (FOLD[text.charCodeAt(0)]! << 7) | FOLD[text.charCodeAt(1)]!
    for (let i = 2; i < n; i++) {
      g = ((g << 7) | FOLD[text.charCodeAt(i)]!) & 0x1fffff
      if ((bits[g >>> 5]! >>> (g & 31)) & 1) {
        for (const keyword of index.get(g)!) {
          const start = i - 2
          if (!keywordAt(text, start, keyword)) continue
          if (keyword.probe === undefined) (scan ??= new Scan(text)).hit(start, keyword)
          else hits?.[keyword.probe]!.push(start, keyword.lower.length)
        }
      }
    }
  }
  if (hits && n >= 2)
    for (const { lower, probe } of table.pairs)
      if (FOLD[text.charCodeAt(n - 2)] === lower.charCodeAt(0) && FOLD[text.charCodeAt(n - 1)] === lower.charCodeAt(1)) hits[probe]!.push(n - 2, 2)
  if (n >= WHOLE_MIN && n <= WHOLE_CAP && table.wholes.length && startsLower(text)) {
    for (const compiled of table.wholes) {
      const m = compiled.whole!.exec(text)
      if (m) {
        const token = text.trim()
        ;(scan ??= new Scan(text)).accept(compiled, text.indexOf(token), token, m.groups?.body ?? token)
      }
    }
  }
  return scan ? scan.results() : []
}

function keywordAt(text: string, start: number, keyword: Keyword): boolean {
  const { lower } = keyword
  if (start + lower.length > text.length) return false
  for (let j = 3; j < lower.length; j++) if (FOLD[text.charCodeAt(start + j)] !== lower.charCodeAt(j)) return false
  return keyword.exact === undefined || text.startsWith(keyword.exact, start)
}

/** The state of one scan, made only when a keyword is found (most texts have none). */
class Scan {
  private found: (FormatMatch & { order: number })[] = []
  private seen = new Set<number>()
  /** Where each format's last window started or ended, so a run or block is searched once. */
  private lastWindow = new Map<Compiled, number>()

  constructor(private readonly text: string) {}

  hit(start: number, keyword: Keyword): void {
    for (const target of keyword.targets) {
      if (keyword.context) this.context(target, start, keyword.lower.length)
      else if (target.format.span === 'block') this.block(target, start)
      else this.run(target, start, keyword.lower.length)
    }
  }

  private run(target: Compiled, start: number, length: number): void {
    const { text } = this
    let from = start
    const floor = Math.max(0, start - RUN_CAP)
    while (from > floor && !isSeparator(text.charCodeAt(from - 1))) from--
    if (this.lastWindow.get(target) === from) return
    this.lastWindow.set(target, from)
    const to = this.runEnd(start + length, text.length)
    this.search(target, from, to)
  }

  private block(target: Compiled, start: number): void {
    const { text } = this
    if ((this.lastWindow.get(target) ?? -1) > start) return
    const from = Math.max(text.lastIndexOf('\n', start) + 1, start - BLOCK_BEFORE, 0)
    const to = Math.min(text.length, start + BLOCK_AFTER)
    this.lastWindow.set(target, to)
    this.search(target, from, to)
  }

  private search(target: Compiled, from: number, to: number): void {
    const window = this.text.slice(from, to)
    const { re } = target
    re.lastIndex = 0
    for (let m = re.exec(window); m; m = re.exec(window)) {
      this.accept(target, from + m.index, m[0], m.groups?.body ?? m[0])
      if (m[0].length === 0) re.lastIndex++
    }
  }

  /** A context word at `start`: its value is the first match after it on its line, joined to it by an assignment. */
  private context(target: Compiled, start: number, length: number): void {
    const { text } = this
    const wordEnd = start + length
    const lineEnd = text.indexOf('\n', wordEnd)
    const limit = Math.min(lineEnd === -1 ? text.length : lineEnd, wordEnd + CONTEXT_REACH)
    const to = this.runEnd(limit, lineEnd === -1 ? text.length : lineEnd)
    // One character before the window keeps the pattern's look-behind honest at its edge.
    const from = wordEnd - 1
    const window = text.slice(from, to)
    const { re, format } = target
    re.lastIndex = 1
    const m = re.exec(window)
    if (!m) return
    const at = from + m.index
    const gap = text.slice(wordEnd, at)
    // A context word that ends in its own operator (`.login(`) needs nothing more than a quote.
    const assigned = NAME_CHAR.test(text[wordEnd - 1]!) ? GAP.test(gap) : /^["'`]?$/.test(gap)
    if (gap.length > GAP_CAP || !assigned) return
    if (format.unlessName) {
      let nameStart = start
      while (nameStart > 0 && start - nameStart < 40 && NAME_CHAR.test(text[nameStart - 1]!)) nameStart--
      if (format.unlessName.test(text.slice(nameStart, at))) return
    }
    this.accept(target, at, m[0], m.groups?.body ?? m[0])
  }

  private runEnd(from: number, cap: number): number {
    const { text } = this
    const limit = Math.min(cap, from + RUN_CAP)
    let to = from
    while (to < limit && !isSeparator(text.charCodeAt(to))) to++
    return to
  }

  accept(target: Compiled, index: number, token: string, body: string): void {
    const { format, order } = target
    const key = index * 1024 + order
    if (this.seen.has(key)) return
    if (format.entropy !== undefined && entropyBits(body) / body.length < format.entropy) return
    if (!format.checksPlaceholders && isPlaceholder(token)) return
    if (format.validate && !format.validate(token, body)) return
    this.seen.add(key)
    this.found.push({ format, index, length: token.length, order })
  }

  results(): FormatMatch[] {
    return this.found.sort((a, b) => a.index - b.index || a.order - b.order).map(({ format, index, length }) => ({ format, index, length }))
  }
}
