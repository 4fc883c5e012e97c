import { BIP39_ENGLISH } from './bip39-english.js'

// node:crypto is taken when a phrase gets as far as its checksum, not when detection loads: the
// `hush` binary loads detection on every run, and loading crypto's modules took about 10 ms of
// it. getBuiltinModule is synchronous (Node 20.16+; hush needs 20.19).
const sha256 = (data: Buffer) => process.getBuiltinModule('node:crypto').createHash('sha256').update(data).digest()

const INDEX = new Map(BIP39_ENGLISH.map((word, i) => [word, i]))

/**
 * Whether `phrase` is a BIP-39 mnemonic: 12 to 24 words (a multiple of 3), all from the English
 * list, with the checksum the standard builds into the last word (the first bits of the SHA-256
 * of the entropy the other bits carry). Prose made of list words fails the checksum 15 times in
 * 16 for 12 words and 255 in 256 for 24; a phrase of a few repeated words (the test vectors'
 * `abandon abandon … about`) is a stand-in, not a wallet.
 */
export function isMnemonic(phrase: string): boolean {
  const words = phrase.trim().split(/\s+/)
  if (words.length < 12 || words.length > 24 || words.length % 3 !== 0) return false
  if (new Set(words).size < words.length * 0.75) return false
  let bits = ''
  for (const word of words) {
    const i = INDEX.get(word)
    if (i === undefined) return false
    bits += i.toString(2).padStart(11, '0')
  }
  const checksumBits = words.length / 3
  const entropyBits = bits.length - checksumBits
  const entropy = Buffer.alloc(entropyBits / 8)
  for (let i = 0; i < entropy.length; i++) entropy[i] = parseInt(bits.slice(i * 8, i * 8 + 8), 2)
  const hash = sha256(entropy)
  const expected = [...hash.subarray(0, 1)].map((b) => b.toString(2).padStart(8, '0')).join('')
  return bits.slice(entropyBits) === expected.slice(0, checksumBits)
}
