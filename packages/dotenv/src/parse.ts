/** What `parse` returns: one string per key, like `dotenv.parse`. */
export interface DotenvParseOutput {
  [name: string]: string
}

export interface DotenvParseOptions {
  /** Accepted for compatibility with dotenv's `fast` flag; both of dotenv's parsers give the same result, and so does this one. */
  fast?: boolean
}

// Character classes of the .env grammar, indexed by char code.
const KEY_CHAR = new Uint8Array(128)
for (let c = 48; c <= 57; c++) KEY_CHAR[c] = 1
for (let c = 65; c <= 90; c++) KEY_CHAR[c] = 1
for (let c = 97; c <= 122; c++) KEY_CHAR[c] = 1
KEY_CHAR[45] = KEY_CHAR[46] = KEY_CHAR[95] = 1 // - . _

const isKeyChar = (c: number) => c < 128 && KEY_CHAR[c] === 1

/** JavaScript's `\s`: ASCII and Unicode spaces, line terminators and the BOM. */
function isSpace(c: number): boolean {
  if (c <= 32) return c === 32 || (c >= 9 && c <= 13)
  if (c < 160) return false
  return c === 160 || c === 5760 || (c >= 8192 && c <= 8202) || c === 8232 || c === 8233 || c === 8239 || c === 8287 || c === 12288 || c === 65279
}

/** Line terminators once `\r` is normalised: where a `#` comment or a regex `$` stops. */
const isLineEnd = (c: number) => c === 10 || c === 8232 || c === 8233

const QUOTES = /^(['"`])([\s\S]*)\1$/gm

/** Index of the next line terminator at or after `i` (or `end`). */
function lineEnd(text: string, i: number, end: number, separators: boolean): number {
  if (!separators) {
    const nl = text.indexOf('\n', i)
    return nl === -1 ? end : nl
  }
  while (i < end && !isLineEnd(text.charCodeAt(i))) i++
  return i
}

// The closing quote found by closingQuote(), kept in module state to avoid an allocation per value.
let closeAt = -1
let afterClose = -1

/**
 * Finds where a quoted value that opens at `open` closes (sets closeAt, afterClose; false if
 * it does not). The closing quote is the first unescaped one, or failing that the last escaped
 * one, that is followed only by blanks up to the end of the line or a `#` comment: the first
 * match dotenv's line regex finds, without its backtracking.
 */
function closingQuote(text: string, open: number, end: number): boolean {
  const quote = text[open]!
  closeAt = -1
  for (let q = text.indexOf(quote, open + 1); q !== -1; q = text.indexOf(quote, q + 1)) {
    let after = q + 1
    let c = 0
    while (after < end && !isLineEnd((c = text.charCodeAt(after))) && isSpace(c)) after++
    if (after === end || isLineEnd(c) || c === 35) {
      closeAt = q
      afterClose = after
    }
    if (text.charCodeAt(q - 1) !== 92) break
  }
  return closeAt !== -1
}

/**
 * Parses `.env` text into an object, giving exactly what `dotenv.parse` (dotenv 18) gives for
 * every input: a single pass over the characters instead of dotenv's backtracking regex.
 */
export function parse<T extends DotenvParseOutput = DotenvParseOutput>(src: string | Buffer | Uint8Array, _options?: DotenvParseOptions): T {
  const out: DotenvParseOutput = {}
  let text = typeof src === 'string' ? src : src.toString()
  if (text.indexOf('\r') !== -1) text = text.replace(/\r\n?/g, '\n')
  const end = text.length
  // U+2028/U+2029 end comments but not unquoted values; most files have none, so plain
  // indexOf searches serve until one is seen.
  const separators = text.indexOf('\u2028') !== -1 || text.indexOf('\u2029') !== -1
  let nextNewline = -1
  let nextHash = -1
  let i = 0
  while (i < end) {
    let c = text.charCodeAt(i)
    while (i < end && isSpace(c)) c = text.charCodeAt(++i)
    if (i >= end) break
    if (c === 35) {
      i = lineEnd(text, i, end, separators)
      continue
    }

    // `export KEY=...`: the prefix counts only when a key follows it.
    let afterExport = -1
    if (c === 101 && text.startsWith('export', i) && i + 6 < end && isSpace(text.charCodeAt(i + 6))) {
      let k = i + 7
      while (k < end && isSpace(text.charCodeAt(k))) k++
      if (isKeyChar(text.charCodeAt(k))) {
        afterExport = i + 6
        i = k
      }
    }

    const keyStart = i
    while (i < end && isKeyChar(text.charCodeAt(i))) i++
    if (i === keyStart) {
      i = lineEnd(text, i, end, separators)
      continue
    }
    const key = text.slice(keyStart, i)
    const keyEnd = i

    // `KEY = value` (blanks, even newlines, before "=") or `KEY: value` (colon right after the key).
    c = i < end ? text.charCodeAt(i) : 0
    while (isSpace(c)) c = ++i < end ? text.charCodeAt(i) : 0
    if (c === 61) i++
    else if (c === 58 && i === keyEnd && i + 1 < end && isSpace(text.charCodeAt(i + 1))) i += 2
    else {
      i = lineEnd(text, afterExport === -1 ? keyEnd : afterExport, end, separators)
      continue
    }

    const valueStart = i
    let first = i
    while (first < end && isSpace(text.charCodeAt(first))) first++
    const opener = text.charCodeAt(first)
    let value: string | undefined
    let quoted = false
    if (opener === 39 || opener === 34 || opener === 96) {
      if (closingQuote(text, first, end)) {
        value = text.slice(first + 1, closeAt)
        i = afterClose
        if (text.charCodeAt(i) === 35) i = lineEnd(text, i, end, separators)
        quoted = true
      }
    }
    if (!quoted) {
      // Unquoted: up to a "#" or "\n" (a U+2028 does not end it), blanks trimmed.
      if (nextNewline < valueStart) {
        nextNewline = text.indexOf('\n', valueStart)
        if (nextNewline === -1) nextNewline = end
      }
      if (nextHash < valueStart && nextHash !== end) {
        nextHash = text.indexOf('#', valueStart)
        if (nextHash === -1) nextHash = end
      }
      const hashFirst = nextHash < nextNewline
      const stop = hashFirst ? nextHash : nextNewline
      let from = valueStart
      let to = stop
      while (from < to && isSpace(text.charCodeAt(from))) from++
      while (to > from && isSpace(text.charCodeAt(to - 1))) to--
      value = text.slice(from, to)
      const q = text.charCodeAt(from)
      if (separators && (value.indexOf('\u2028') !== -1 || value.indexOf('\u2029') !== -1)) {
        // Line separators make dotenv's quote-stripping regex work per "line"; do as it does.
        value = value.replace(QUOTES, '$2')
      } else if (to - from >= 2 && (q === 39 || q === 34 || q === 96) && text.charCodeAt(to - 1) === q) {
        value = text.slice(from + 1, to - 1)
      }
      i = hashFirst ? lineEnd(text, stop, end, separators) : stop
    }
    if (opener === 34 && (quoted || first < i) && value!.indexOf('\\') !== -1) {
      // Replacing "\n" cannot create a new "\r", so each can be skipped when absent.
      if (value!.indexOf('\\n') !== -1) value = value!.replaceAll('\\n', '\n')
      if (value!.indexOf('\\r') !== -1) value = value!.replaceAll('\\r', '\r')
    }
    out[key] = value!
  }
  return out as T
}
