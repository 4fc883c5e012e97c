import { entropyBits } from '../../redact/variants.js'
import { B, E, type TokenFormat } from './define.js'
import { isMnemonic } from './mnemonic.js'

/**
 * What may stand between a key's lines: a newline, an escaped one (`\n` in a JSON or JS
 * string), or the quotes and `+` or `,` of a key written as concatenated or listed strings.
 */
const SEP = `(?:\\s|\\\\[rn]|["'\`]\\s*[+,]?\\s*["'\`])`
const PEM_HEADERS = `(?:${SEP}+(?:Proc-Type|DEK-Info|Version|Comment|Hash): ?[^\\r\\n\\\\"'\`]*)*`
const BODY = `(?<body>[A-Za-z0-9+/=]{32,}(?:${SEP}+[A-Za-z0-9+/=]{4,})*)`

/** A key's body is base64 that looks random, not `MIIE...` or a run of X's standing in for one. */
function realBody(_: string, body: string): boolean {
  const b64 = body.replace(/[^A-Za-z0-9+/=]/g, '')
  if (/x{4}|X{4}|(?:abc|123){2}|[.]{3}|[*]{3}/.test(body)) return false
  const sample = b64.slice(0, 256)
  return entropyBits(sample) / sample.length >= 3.5
}

/** Private keys, wallets and signed tokens. */
export const KEY_FORMATS: readonly TokenFormat[] = [
  {
    // A header alone (`startsWith('-----BEGIN RSA PRIVATE KEY-----')`) is code handling keys,
    // not a key: only a header followed by a body counts.
    id: 'private-key',
    label: 'private key',
    pattern: new RegExp(
      `-----BEGIN (?:[A-Z0-9]+ ){0,3}PRIVATE KEY(?: BLOCK)?-----${PEM_HEADERS}${SEP}+${BODY}(?:${SEP}+-----END (?:[A-Z0-9]+ ){0,3}PRIVATE KEY(?: BLOCK)?-----)?`,
    ),
    keywords: ['PRIVATE KEY'],
    span: 'block',
    checksPlaceholders: true,
    validate: realBody,
  },
  {
    id: 'putty-private-key',
    label: 'PuTTY private key',
    pattern: new RegExp(
      `PuTTY-User-Key-File-[23]: ?[\\w@.-]+[^]{0,3000}?Private-Lines: ?\\d+${SEP}+(?<body>[A-Za-z0-9+/=]{32,}(?:${SEP}+(?!Private-)[A-Za-z0-9+/=]{4,})*)(?:${SEP}+Private-MAC: ?[0-9a-fA-F]{40,128})?`,
    ),
    keywords: ['PuTTY-User-Key-File-'],
    span: 'block',
    checksPlaceholders: true,
    validate: realBody,
  },
  {
    id: 'age-secret-key',
    label: 'age secret key',
    // Bech32 upper case in real keys; any upper-case alphanumeric body after this unique prefix is one too.
    pattern: new RegExp(`${B}AGE-SECRET-KEY-1(?<body>[A-Z0-9]{58})${E}`),
    keywords: ['AGE-SECRET-KEY-1'],
    entropy: 3.6,
  },
  {
    // 32 bytes in hex is a private key for most curves (Ethereum and other wallets, Nostr,
    // Ed25519 seeds), and also every hash and transaction id: only a name says which.
    id: 'hex-private-key',
    label: 'hex-encoded private key',
    pattern: new RegExp(`${B}(?:0x)?(?<body>[a-fA-F0-9]{64})${E}`),
    keywords: [],
    context: ['private_key', 'privatekey', 'private-key', 'priv_key', 'privkey', 'wallet', 'signer', 'deployer_key', 'eth_key'],
    unlessName: /public|pub_?key|address|hash|digest|checksum|salt|contract|tx|message|msg|block|topic|root/i,
    entropy: 3.2,
  },
  {
    id: 'bip39-mnemonic',
    label: 'BIP-39 mnemonic (wallet seed phrase)',
    pattern: /(?<![A-Za-z])(?<body>[a-z]{3,8}(?:[ \t]+[a-z]{3,8}){11,23})(?![A-Za-z])/,
    keywords: [],
    context: ['mnemonic', 'seed', 'phrase', 'recovery', 'bip39', 'wallet', 'secret_words'],
    whole: true,
    checksPlaceholders: true,
    validate: (_, body) => isMnemonic(body),
  },
  {
    id: 'jwt',
    label: 'JSON Web Token',
    pattern: new RegExp(`${B}eyJ[A-Za-z0-9_-]{10,}\\.eyJ[A-Za-z0-9_-]{10,}\\.(?<body>[A-Za-z0-9_-]{16,})${E}`),
    keywords: ['eyJ'],
  },
]
