/**
 * Checksums vendors build into their tokens. A valid checksum proves a token whose body has too
 * little variety to pass as random; where the format's body is plain random base62 (GitHub, npm), a wrong checksum
 * alone does not clear it, because test fixtures and leaked copies typed by hand are random
 * without one and are still worth a finding (see `randomOrChecksummed`).
 */

const CRC_TABLE = (() => {
  const table = new Uint32Array(256)
  for (let n = 0; n < 256; n++) {
    let c = n
    for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1
    table[n] = c >>> 0
  }
  return table
})()

/** CRC-32 (IEEE 802.3, as zlib computes it) of an ASCII string. */
export function crc32(text: string): number {
  let crc = 0xffffffff
  for (let i = 0; i < text.length; i++) crc = CRC_TABLE[(crc ^ text.charCodeAt(i)) & 0xff]! ^ (crc >>> 8)
  return (crc ^ 0xffffffff) >>> 0
}

const BASE62 = '0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz'

/** `n` in base 62 (digits, then upper case, then lower case), left-padded with `0` to `width`. */
export function base62(n: number, width: number): string {
  let out = ''
  for (let v = n; v > 0; v = Math.floor(v / 62)) out = BASE62[v % 62]! + out
  return out.padStart(width, '0')
}

/**
 * GitHub's token format (`ghp_`, `gho_`, `ghu_`, `ghs_`, `ghr_`), which npm adopted for `npm_`:
 * 30 random base62 characters, then the CRC-32 of those 30 in base 62, six characters wide.
 */
export function hasBase62Crc(body: string): boolean {
  return body.length === 36 && base62(crc32(body.slice(0, 30)), 6) === body.slice(30)
}

/**
 * Upper, lower and digits, and close to the entropy 36 random base62 characters have (4.6 bits
 * a character on average; below 3.9 in fewer than one in a million; `AbCdEf0123…` has 3.3).
 */
function randomBase62(body: string): boolean {
  if (!/[A-Z]/.test(body) || !/[a-z]/.test(body) || !/\d/.test(body)) return false
  const counts = new Map<string, number>()
  for (const c of body) counts.set(c, (counts.get(c) ?? 0) + 1)
  let bits = 0
  for (const n of counts.values()) bits -= (n / body.length) * Math.log2(n / body.length)
  return bits >= 3.9
}

/**
 * A GitHub/npm body: its checksum holds (a real token, whatever it looks like), or it is random
 * enough to be one (a fixture, a truncated copy). `aaaa…123456` and `abcdefghij…` are neither.
 */
export function randomOrChecksummed(body: string): boolean {
  return hasBase62Crc(body) || (body.length === 36 && randomBase62(body))
}

/** Grafana service account tokens: `glsa_` + 32 characters, `_`, then the CRC-32 of all before it as little-endian hex. */
export function hasGrafanaCrc(token: string): boolean {
  const [, hex] = /^.{37}_([0-9a-fA-F]{8})$/.exec(token) ?? []
  if (!hex) return false
  const le = hex.match(/../g)!.reverse().join('')
  return parseInt(le, 16) === crc32(token.slice(0, 37))
}
