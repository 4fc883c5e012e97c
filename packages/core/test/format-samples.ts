// Synthetic tokens in each vendor's documented shape, built from random bytes on every run:
// nothing real is committed and no scanner has a fixed string to flag. Checksums are computed
// here with code of the test's own (zlib's CRC-32, BigInt base 62, node:crypto for BIP-39), not
// with the detector's, so a wrong checksum in the detector cannot agree with itself.
import { createHash, randomBytes, randomInt } from 'node:crypto'
import { crc32 as zlibCrc32 } from 'node:zlib'

export const LOWER = 'abcdefghijklmnopqrstuvwxyz'
export const UPPER = LOWER.toUpperCase()
export const DIGITS = '0123456789'
export const ALNUM = UPPER + LOWER + DIGITS
export const HEX = '0123456789abcdef'
export const B64 = ALNUM + '+/'
export const B64URL = ALNUM + '-_'

export const pick = (alphabet: string, n: number) => Array.from({ length: n }, () => alphabet[randomInt(alphabet.length)]).join('')
/** Random, with a character of each class the alphabet has (lower, upper, digit), as real tokens of that length have. */
export function mixed(alphabet: string, n: number): string {
  const classes = [/[a-z]/, /[A-Z]/, /\d/].filter((c) => c.test(alphabet))
  for (;;) {
    const s = pick(alphabet, n)
    if (classes.every((c) => c.test(s))) return s
  }
}
export const uuid = () =>
  randomBytes(16)
    .toString('hex')
    .replace(/^(.{8})(.{4})(.{4})(.{4})(.{12})$/, '$1-$2-$3-$4-$5')

const BASE62 = DIGITS + UPPER + LOWER
function toBase62(n: number, width: number): string {
  let v = BigInt(n)
  let out = ''
  while (v > 0n) {
    out = BASE62[Number(v % 62n)] + out
    v /= 62n
  }
  return out.padStart(width, '0')
}
/** GitHub's and npm's format: 30 random base62 characters and their CRC-32 in six base62 digits. */
export const withBase62Crc = (prefix: string, random = mixed(ALNUM, 30)) => prefix + random + toBase62(zlibCrc32(random), 6)
/** The same with the checksum's last digit changed. */
export const withBadCrc = (token: string) => token.slice(0, -1) + BASE62[(BASE62.indexOf(token.at(-1)!) + 1 + randomInt(60)) % 62]

/** Grafana service account token: the CRC-32 of all before it as little-endian hex. */
export function grafanaToken(): string {
  const head = 'glsa_' + mixed(ALNUM, 32)
  const le = Buffer.alloc(4)
  le.writeUInt32LE(zlibCrc32(head))
  return `${head}_${le.toString('hex')}`
}

/** A BIP-39 mnemonic from random entropy: 128 bits (12 words) or 256 (24). */
export function mnemonic(list: readonly string[], entropyBytes: 16 | 32 = 16): string {
  const entropy = randomBytes(entropyBytes)
  const checksumBits = entropyBytes / 4
  const hash = createHash('sha256').update(entropy).digest()
  const bits = [...entropy].map((b) => b.toString(2).padStart(8, '0')).join('') + hash[0]!.toString(2).padStart(8, '0').slice(0, checksumBits)
  return bits
    .match(/.{11}/g)!
    .map((b) => list[parseInt(b, 2)])
    .join(' ')
}
/** A mnemonic whose last word is changed so the checksum cannot hold. */
export function badMnemonic(list: readonly string[]): string {
  const good = mnemonic(list).split(' ')
  const last = list.indexOf(good[11]!)
  // The last word's low 4 bits are the checksum: keep the entropy bits, change those.
  good[11] = list[(last & ~0xf) | ((last + 1 + randomInt(15)) & 0xf)]!
  return good.join(' ')
}

export function pem(type: string, { escaped = false, aRuns = true } = {}): string {
  const nl = escaped ? '\\n' : '\n'
  const lines = Array.from({ length: 6 }, () => pick(B64, 64))
  // DER is full of zero bytes: real key bodies have runs of `A`, which must not read as a placeholder.
  if (aRuns) lines[0] = 'MIIEvQIBADANBgkqhkiG9w0BAQEFAASCBKcwggSjAgEAAoIBAQ' + 'AAAAAAAAAAAA' + pick(B64, 2)
  return `-----BEGIN ${type}PRIVATE KEY-----${nl}${lines.join(nl)}${nl}-----END ${type}PRIVATE KEY-----`
}

export function puttyKey(): string {
  const lines = (n: number) => Array.from({ length: n }, () => pick(B64, 64)).join('\n')
  return `PuTTY-User-Key-File-2: ssh-rsa\nEncryption: none\nComment: rsa-key-20240101\nPublic-Lines: 2\n${lines(2)}\nPrivate-Lines: 3\n${lines(3)}\nPrivate-MAC: ${pick(HEX, 40)}`
}

export function jwt(): string {
  const b64 = (o: object) => Buffer.from(JSON.stringify(o)).toString('base64url')
  return `${b64({ alg: 'HS256', typ: 'JWT' })}.${b64({ sub: String(randomInt(1e6)), iat: 1_700_000_000 + randomInt(1e7) })}.${pick(B64URL, 43)}`
}
