// The one check behind "never show a value": does a text that a user could see (an error,
// a log, a build output, an inspected object) hold a secret, or any piece of it?
// Its failure message names which value, how long, where and in what, and never quotes
// either the value or the text around it: a failing test must not print the leak it found.

export interface NoValueOptions {
  /**
   * Also look for every run of this many characters of each value (a truncated or
   * partly masked copy still leaks). @default the whole value only
   */
  piece?: number
  /** Compare without case (hex and base32 copies change case). @default false */
  ignoreCase?: boolean
  /** What the text is, for the failure message. @default 'the text' */
  in?: string
}

export interface ValueFound {
  /** Index of the value in the list given. */
  value: number
  /** Where in the text it starts. */
  offset: number
  /** How many characters of it were found there. */
  length: number
}

/** Where the first value (or piece of one) appears in `text`, or `undefined`. */
export function findValue(text: Text, values: string | readonly string[], options: NoValueOptions = {}): ValueFound | undefined {
  const list = typeof values === 'string' ? [values] : values
  const haystack = options.ignoreCase ? printable(text).toLowerCase() : printable(text)
  for (const [index, raw] of list.entries()) {
    if (!raw) continue
    const value = options.ignoreCase ? raw.toLowerCase() : raw
    const size = options.piece && options.piece < value.length ? options.piece : value.length
    for (let i = 0; i + size <= value.length; i++) {
      const offset = haystack.indexOf(value.slice(i, i + size))
      if (offset !== -1) return { value: index, offset, length: size }
    }
  }
  return undefined
}

/** Fails (without quoting the value or the text) when `text` holds any of `values`. */
export function expectNoValue(text: Text, values: string | readonly string[], options: NoValueOptions = {}): void {
  const found = findValue(text, values, options)
  if (!found) return
  const list = typeof values === 'string' ? [values] : values
  const what = list.length > 1 ? `value #${found.value + 1} of ${list.length}` : 'the value'
  const piece =
    found.length < list[found.value]!.length
      ? `${found.length} characters of ${what} (${list[found.value]!.length} long)`
      : `${what} (${found.length} characters)`
  // A plain Error, not expect(): vitest's diff would print both sides.
  throw new Error(`${piece} is in ${options.in ?? 'the text'} at offset ${found.offset}`)
}

/** What a user could see: printed text, bytes written somewhere, or nothing at all. */
export type Text = string | Uint8Array | null | undefined

function printable(text: Text): string {
  if (typeof text === 'string') return text
  if (text === undefined || text === null) return ''
  return Buffer.from(text).toString('latin1')
}
