/**
 * Whether the characters around a match continue a word, for values short enough to occur
 * by chance inside longer numbers and words. Text is searched either as UTF-16 (text mode)
 * or as one character per byte of UTF-8 (byte mode), so both are handled here.
 */

const WORD = /[\p{L}\p{N}\p{M}]/u

/** Letters, digits and combining marks: the characters that glue a match into a longer token. */
export function isWordCodePoint(cp: number): boolean {
  if (cp < 0x80) return (cp >= 0x30 && cp <= 0x39) || ((cp | 0x20) >= 0x61 && (cp | 0x20) <= 0x7a)
  return WORD.test(String.fromCodePoint(cp))
}

/** The code point that starts at `i` in a text, or -1 at its end. */
function codePointAt(text: string, i: number, bytes: boolean): number {
  if (i >= text.length) return -1
  if (!bytes) return text.codePointAt(i)!
  const lead = text.charCodeAt(i)
  if (lead < 0x80) return lead
  const size = lead >= 0xf0 ? 4 : lead >= 0xe0 ? 3 : lead >= 0xc0 ? 2 : 0
  if (!size) return -1 // a continuation byte: not the start of a character
  const decoded = Buffer.from(text.slice(i, i + size), 'latin1').toString('utf8')
  return decoded.length && decoded.charCodeAt(0) !== 0xfffd ? decoded.codePointAt(0)! : -1
}

/** The code point that ends just before `i`, or -1 at the text's start. */
function codePointBefore(text: string, i: number, bytes: boolean): number {
  if (i <= 0) return -1
  let start = i - 1
  if (bytes) {
    while (start > 0 && i - start < 4 && (text.charCodeAt(start) & 0xc0) === 0x80) start--
  } else {
    const c = text.charCodeAt(start)
    if (c >= 0xdc00 && c <= 0xdfff && start > 0) start--
  }
  return codePointAt(text, start, bytes)
}

export const wordBefore = (text: string, i: number, bytes: boolean): boolean => {
  const cp = codePointBefore(text, i, bytes)
  return cp >= 0 && isWordCodePoint(cp)
}

export const wordAt = (text: string, i: number, bytes: boolean): boolean => {
  const cp = codePointAt(text, i, bytes)
  return cp >= 0 && isWordCodePoint(cp)
}
