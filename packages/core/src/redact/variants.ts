/** How a secret value can appear in text besides itself. */
export type Encoding = 'raw' | 'base64' | 'base64url' | 'url' | 'json' | 'hex' | 'HEX'

/**
 * The forms of `value` worth searching for. Base64 forms drop their padding so they also
 * match when the value ends a longer padded blob; forms equal to an earlier one are skipped.
 */
export function variantsOf(value: string): Array<{ text: string; encoding: Encoding }> {
  const buf = Buffer.from(value, 'utf8')
  const out: Array<{ text: string; encoding: Encoding }> = []
  const seen = new Set<string>()
  const add = (text: string, encoding: Encoding) => {
    if (text && !seen.has(text)) {
      seen.add(text)
      out.push({ text, encoding })
    }
  }
  add(value, 'raw')
  add(buf.toString('base64').replace(/=+$/, ''), 'base64')
  add(buf.toString('base64url'), 'base64url')
  add(encodeURIComponent(value), 'url')
  add(JSON.stringify(value).slice(1, -1), 'json')
  const hex = buf.toString('hex')
  add(hex, 'hex')
  add(hex.toUpperCase(), 'HEX')
  return out
}

const COMMON = new Set([
  'true', 'false', 'null', 'undefined', 'localhost', 'production', 'development', 'staging',
  'enabled', 'disabled', 'default', 'secret', 'password', 'changeme', 'example',
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

/**
 * Whether a value is worth masking: masking `1`, `true` or `8080` would shred ordinary
 * output and hint at the value anyway.
 */
export function isMaskable(value: string, minLength: number, minEntropyBits: number): boolean {
  if (value.length < minLength) return false
  if (COMMON.has(value.toLowerCase())) return false
  return entropyBits(value) >= minEntropyBits
}
