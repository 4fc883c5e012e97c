import type { RedactMatch, Redactor } from './redactor.js'

/** What the log guard needs from a redactor. */
export type GuardRedactor = Pick<Redactor, 'findAll' | 'apply' | 'findAllBytes' | 'applyBytes'>

/** Masks one write's data; each method returns its input itself when nothing matched. */
export interface Masker {
  text(text: string, where: string): string
  bytes(bytes: Uint8Array, where: string): Uint8Array
  /** A string chunk written with `encoding`: text when the encoding is a text one, else its bytes. */
  chunk(chunk: string, encoding: unknown, where: string): string | Uint8Array
}

// Encodings whose string is the text itself; any other (base64, hex, latin1...) spells bytes.
const TEXT_ENCODINGS = new Set(['utf8', 'utf-8', 'utf16le', 'utf-16le', 'ucs2', 'ucs-2'])
const ONE_BYTE_ENCODINGS = new Set(['latin1', 'binary', 'ascii'])

export function createMasker(redactor: GuardRedactor, onMask?: (matches: RedactMatch[], where: string) => void): Masker {
  // A report that writes (a sink on stdout) is masked like any write but not reported again,
  // so a careless sink cannot loop.
  let reporting = false
  const report = (matches: RedactMatch[], where: string) => {
    if (!onMask || reporting) return
    reporting = true
    try {
      onMask(matches, where)
    } finally {
      reporting = false
    }
  }
  const masker: Masker = {
    text(text, where) {
      const matches = redactor.findAll(text)
      if (!matches.length) return text
      report(matches, where)
      return redactor.apply(text, matches, text.length).text
    },
    bytes(bytes, where) {
      const matches = redactor.findAllBytes(bytes)
      if (!matches.length) return bytes
      report(matches, where)
      return redactor.applyBytes(bytes, matches)
    },
    chunk(chunk, encoding, where) {
      const name = typeof encoding === 'string' ? encoding.toLowerCase() : 'utf8'
      if (TEXT_ENCODINGS.has(name) || !Buffer.isEncoding(name)) return masker.text(chunk, where)
      // latin1, binary and ascii keep one byte per character and drop the rest of it: a value
      // with characters above U+00FF must be found in the string before that loss.
      const text = ONE_BYTE_ENCODINGS.has(name) ? masker.text(chunk, where) : chunk
      const bytes = Buffer.from(text, name)
      const masked = masker.bytes(bytes, where)
      return masked === bytes ? text : masked
    },
  }
  return masker
}
