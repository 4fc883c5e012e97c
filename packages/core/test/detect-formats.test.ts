import { createHash, randomBytes } from 'node:crypto'
import { crc32 as zlibCrc32 } from 'node:zlib'
import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { crc32, hasBase62Crc, hasGrafanaCrc } from '../src/detect/checksum.js'
import { BIP39_ENGLISH } from '../src/detect/formats/bip39-english.js'
import { compileFormats, scanFormats } from '../src/detect/formats/scan.js'
import { detectSecret, findSecrets, isPlaceholder, TOKEN_FORMATS, type TokenFormat } from '../src/detect/index.js'
import { entropyBits } from '../src/redact/variants.js'
import { SPECS, type Spec } from './format-specs.js'
import { ALNUM, B64, badMnemonic, grafanaToken, HEX, mnemonic, pem, pick, uuid, withBadCrc, withBase62Crc } from './format-samples.js'

const TABLE = compileFormats(TOKEN_FORMATS)
const IDS = TOKEN_FORMATS.map((f) => f.id)
const FORMAT = new Map(TOKEN_FORMATS.map((f) => [f.id, f]))
const ROUNDS = 12

const tokenOf = (s: Spec) => (s.prefix ?? '') + s.body + (s.suffix ?? '')
const textOf = (s: Spec, token: string) => (s.text ? s.text(token) : s.name ? `${s.name}=${token}` : `see the value ${token} here`)
const kindsIn = (text: string) => findSecrets(text).map((f) => f.kind)
/** Token formats found; a URL near-miss may still hold a password or a `sig=` parameter, which other checks report. */
const formatsIn = (text: string) => kindsIn(text).filter((k) => FORMAT.has(k))
const covers = (text: string, token: string, id: string) => {
  const at = text.indexOf(token)
  return findSecrets(text).some((f) => f.kind === id && f.index <= at && f.index + f.length >= at + token.length)
}
const swapCase = (s: string) => s.replace(/[a-zA-Z]/g, (c) => (c === c.toLowerCase() ? c.toUpperCase() : c.toLowerCase()))

describe('token formats as data', () => {
  it('every format has a unique id, a generated sample, and keywords or context words the scan can index', () => {
    expect(new Set(IDS).size).toBe(IDS.length)
    expect(IDS.length).toBeGreaterThanOrEqual(120)
    expect(Object.keys(SPECS).sort()).toEqual([...IDS].sort())
    for (const f of TOKEN_FORMATS) {
      expect(f.keywords.length + (f.context?.length ?? 0), f.id).toBeGreaterThan(0)
      for (const w of [...f.keywords, ...(f.context ?? [])]) expect(/^[\x20-\x7e]{3,}$/.test(w), `${f.id}: ${w}`).toBe(true)
      expect(f.pattern.global || f.pattern.sticky, f.id).toBe(false)
      // Context formats are found by the name before them, and prefixed ones by their keyword:
      // a keyword-less format with no context would never be tried.
      if (!f.context) expect(f.keywords.length, f.id).toBeGreaterThan(0)
    }
    // A keyword holding a separator could never sit inside one run of token characters.
    for (const f of TOKEN_FORMATS.filter((f) => f.span !== 'block'))
      for (const k of f.keywords) expect(/[\s"'`,;(){}[\]<>|\\^!*]/.test(k), `${f.id}: ${k}`).toBe(false)
  })

  it.each(IDS)('%s: generated tokens are found, in a value and in text, and no label holds them', (id) => {
    for (let r = 0; r < ROUNDS; r++) {
      const spec = SPECS[id]!()
      const token = tokenOf(spec)
      const text = textOf(spec, token)
      expect(covers(text, token, id), `${id} in text`).toBe(true)
      const value = spec.name ? text : token
      expect(detectSecret(value)?.kind, `${id} as a value`).toBe(id)
      expect(
        findSecrets(text).some((f) => f.label.includes(token)),
        'a label holds the value',
      ).toBe(false)
    }
  })

  it.each(IDS)('%s: near-misses (wrong length, placeholder, wrong case, bad checksum, no context) stay unflagged', (id) => {
    const format = FORMAT.get(id)!
    for (let r = 0; r < ROUNDS; r++) {
      const spec = SPECS[id]!()
      const { prefix = '', body, suffix = '' } = spec
      const token = tokenOf(spec)
      const variants: string[] = [prefix + 'X'.repeat(body.length) + suffix, prefix + 'x'.repeat(body.length) + suffix]
      if (spec.short) variants.push(prefix + body.slice(0, -1) + suffix)
      if (spec.long) variants.push(prefix + body + body.at(-2)! + suffix)
      const keyword = format.keywords.find((k) => token.includes(k))
      if (keyword && !format.pattern.ignoreCase && swapCase(keyword) !== keyword) variants.push(token.replace(keyword, swapCase(keyword)))
      if (spec.name) {
        // Without its name the value is anything at all.
        expect(kindsIn(`see the value ${token} here`), `${id} with no context`).toEqual([])
        expect(kindsIn(`${spec.name}\n${token}`), `${id} with the name on another line`).not.toContain(id)
        expect(kindsIn(`${spec.name} is documented at https://example.com and ${token}`), `${id} not assigned`).not.toContain(id)
        if (spec.blocked) expect(kindsIn(`${spec.blocked}=${token}`), `${id} under ${spec.blocked}`).not.toContain(id)
        for (const v of variants) expect(kindsIn(`${spec.name}=${v}`), `${id} near-miss`).not.toContain(id)
      } else {
        for (const v of variants) expect(formatsIn(`see the value ${v} here`), `${id} near-miss`).toEqual([])
      }
      for (const v of spec.nearMisses ?? []) expect(kindsIn(v.includes('=') || v.includes('\n') ? v : `see ${v} here`), `${id} near-miss`).not.toContain(id)
    }
  })

  it('property: random blobs, UUIDs, hashes, integrity strings and identifiers match no format', () => {
    const words = ['user', 'token', 'refresh', 'handler', 'secret', 'cache', 'key', 'value', 'http', 'client', 'Id', 'Name', 'Config']
    const blob = fc.oneof(
      fc.uint8Array({ minLength: 12, maxLength: 150 }).map((b) => Buffer.from(b).toString('base64')),
      fc.uint8Array({ minLength: 12, maxLength: 150 }).map((b) => Buffer.from(b).toString('base64url')),
      fc.uint8Array({ minLength: 8, maxLength: 64 }).map((b) => Buffer.from(b).toString('hex')),
      fc.constant(0).map(() => uuid()),
      fc.constant(0).map(() => createHash('sha1').update(randomBytes(8)).digest('hex')),
      fc.constant(0).map(() => `0x${createHash('sha256').update(randomBytes(8)).digest('hex')}`),
      fc.constant(0).map(() => `sha512-${createHash('sha512').update(randomBytes(8)).digest('base64')}`),
      fc.array(fc.constantFrom(...words), { minLength: 2, maxLength: 6 }).map((w) => w.join('')),
      fc.array(fc.constantFrom(...words.map((w) => w.toUpperCase())), { minLength: 2, maxLength: 6 }).map((w) => w.join('_')),
    )
    fc.assert(
      fc.property(blob, fc.constantFrom('', 'const x = "', 'id: ', 'hash=', 'integrity '), (b, before) => {
        expect(scanFormats(`${before}${b}`, TABLE).map((m) => m.format.id)).toEqual([])
      }),
      { numRuns: 3000 },
    )
  })

  it('property: the one-pass keyword scan finds exactly what running every pattern over the whole text finds', () => {
    const keywordFormats = TOKEN_FORMATS.filter((f) => !f.context)
    const pool = [
      ...new Set(keywordFormats.flatMap((f) => f.keywords)),
      ...keywordFormats.map((f) => tokenOf(SPECS[f.id]!())),
      ...[' ', '\n', '"', "'", ',', ';', '(', ')', '=', ':', '.', '-', '_', '/', '+', '\\n', 'XXXXXXXX', 'é'],
      ...Array.from({ length: 20 }, () => pick(ALNUM, 8)),
      ...Array.from({ length: 10 }, () => pick(HEX, 16)),
    ]
    const reference = (text: string) => {
      const out: string[] = []
      for (const f of keywordFormats) {
        for (const m of text.matchAll(new RegExp(f.pattern.source, f.pattern.flags + 'g'))) {
          // The prefilter's promise: every match holds one of its format's keywords.
          expect(
            f.keywords.some((k) => (f.pattern.ignoreCase ? m[0].toLowerCase().includes(k.toLowerCase()) : m[0].includes(k))),
            `${f.id} matched text with none of its keywords`,
          ).toBe(true)
          if (accepts(f, m)) out.push(`${f.id}@${m.index}+${m[0].length}`)
        }
      }
      return out.sort()
    }
    fc.assert(
      fc.property(fc.array(fc.oneof(fc.constantFrom(...pool), fc.string({ maxLength: 6 })), { maxLength: 24 }), (parts) => {
        const text = parts.join('')
        const scanned = scanFormats(text, TABLE)
          .filter((m) => !m.format.context)
          .map((m) => `${m.format.id}@${m.index}+${m.length}`)
          .sort()
        expect(scanned).toEqual(reference(text))
      }),
      { numRuns: 1500 },
    )
  })
})

function accepts(f: TokenFormat, m: RegExpMatchArray): boolean {
  const body = m.groups?.body ?? m[0]
  if (f.entropy !== undefined && entropyBits(body) / body.length < f.entropy) return false
  if (!f.checksPlaceholders && isPlaceholder(m[0])) return false
  return !f.validate || f.validate(m[0], body)
}

describe('checksums', () => {
  it('CRC-32 agrees with zlib on any text', () => {
    fc.assert(fc.property(fc.string({ unit: 'binary-ascii', maxLength: 80 }), (s) => crc32(s) === zlibCrc32(s)))
  })

  it('the GitHub/npm base62 checksum accepts a token built by an independent implementation and rejects any other last digit', () => {
    for (let i = 0; i < 200; i++) {
      const token = withBase62Crc('ghp_')
      expect(hasBase62Crc(token.slice(4))).toBe(true)
      expect(hasBase62Crc(withBadCrc(token).slice(4))).toBe(false)
      expect(hasBase62Crc(token.slice(4, -1))).toBe(false)
    }
  })

  it('a random GitHub/npm body is reported with or without its checksum; a patterned one only with it', () => {
    for (let i = 0; i < 100; i++) {
      const random = withBadCrc(withBase62Crc('ghp_'))
      expect(kindsIn(`see ${random} here`)).toContain('github-token')
      expect(kindsIn(`see ${withBadCrc(withBase62Crc('npm_'))} here`)).toContain('npm-token')
    }
    const patterned = 'AbCdEf0123'.repeat(3)
    const crc = withBase62Crc('npm_', patterned)
    expect(kindsIn(`see ${crc} here`)).toContain('npm-token')
    expect(kindsIn(`see ${withBadCrc(crc)} here`)).not.toContain('npm-token')
  })

  it('the Grafana service account checksum holds for a built token and not for a changed one', () => {
    for (let i = 0; i < 100; i++) {
      const token = grafanaToken()
      expect(hasGrafanaCrc(token)).toBe(true)
      expect(hasGrafanaCrc(token.slice(0, 10) + (token[10] === 'a' ? 'b' : 'a') + token.slice(11))).toBe(false)
    }
  })
})

describe('keys and wallets', () => {
  it('ships the published BIP-39 English list', () => {
    expect(BIP39_ENGLISH).toHaveLength(2048)
    // SHA-256 of bip-0039/english.txt as listed in bitcoin/bips.
    expect(
      createHash('sha256')
        .update(BIP39_ENGLISH.join('\n') + '\n')
        .digest('hex'),
    ).toBe('2f5eed53a4727b4bf8880d8f3f199efc90e58503646d9ff8eff3a2ed3b24dbda')
  })

  it('a mnemonic is found under its name, or as a whole value; list words with a wrong checksum are not', () => {
    for (let i = 0; i < 50; i++) {
      const phrase = mnemonic(BIP39_ENGLISH, i % 2 ? 16 : 32)
      expect(kindsIn(`const mnemonic = "${phrase}"`)).toContain('bip39-mnemonic')
      expect(kindsIn(`accounts: { mnemonic: '${phrase}' }`)).toContain('bip39-mnemonic')
      expect(detectSecret(phrase)?.kind).toBe('bip39-mnemonic')
      // In prose with no name to go by, a phrase is a phrase.
      expect(kindsIn(`// ${phrase}`)).not.toContain('bip39-mnemonic')
      const bad = badMnemonic(BIP39_ENGLISH)
      expect(detectSecret(bad)).toBeUndefined()
      expect(kindsIn(`const mnemonic = "${bad}"`)).not.toContain('bip39-mnemonic')
    }
    expect(detectSecret('abandon abandon abandon abandon abandon abandon abandon abandon abandon abandon abandon about')).toBeUndefined()
    expect(detectSecret('test test test test test test test test test test test junk')).toBeUndefined()
  })

  it('a PEM private key needs its body: raw, in an escaped string, or written as concatenated strings', () => {
    for (const type of ['', 'RSA ', 'EC ', 'OPENSSH ', 'ENCRYPTED ', 'DSA ']) {
      expect(kindsIn(pem(type)), type).toContain('private-key')
      expect(kindsIn(`const key = "${pem(type, { escaped: true })}"`), type).toContain('private-key')
      const lines = pem(type).split('\n')
      expect(kindsIn(`const key =\n  '${lines.join("\\n' +\n  '")}'`), type).toContain('private-key')
      expect(kindsIn(`const key = [\n  '${lines.join("',\n  '")}',\n].join('\\n')`), type).toContain('private-key')
    }
    const encrypted = `-----BEGIN RSA PRIVATE KEY-----\nProc-Type: 4,ENCRYPTED\nDEK-Info: AES-128-CBC,${pick(HEX, 32).toUpperCase()}\n\n${pick(B64, 64)}\n${pick(B64, 64)}\n-----END RSA PRIVATE KEY-----`
    expect(kindsIn(encrypted)).toContain('private-key')
    for (const text of [
      `if (pem.startsWith('-----BEGIN RSA PRIVATE KEY-----')) return 'pkcs1'`,
      `const HEADER = '-----BEGIN PRIVATE KEY-----\\n'`,
      '-----BEGIN EC PRIVATE KEY-----\n...\n-----END EC PRIVATE KEY-----',
      `-----BEGIN PRIVATE KEY-----\n${'x'.repeat(64)}\n-----END PRIVATE KEY-----`,
      '-----BEGIN PUBLIC KEY-----\n' + pick(B64, 64) + '\n-----END PUBLIC KEY-----',
    ])
      expect(kindsIn(text)).not.toContain('private-key')
  })

  it('64 hex digits are a private key only under a private-key name', () => {
    const key = pick(HEX, 64)
    expect(kindsIn(`PRIVATE_KEY=0x${key}`)).toContain('hex-private-key')
    expect(kindsIn(`const wallet = new ethers.Wallet('0x${key}')`)).toContain('hex-private-key')
    expect(kindsIn(`privateKey: "${key}",`)).toContain('hex-private-key')
    for (const text of [`const txHash = '0x${key}'`, `const root = "0x${key}"`, `walletAddress: '0x${key.slice(0, 40)}'`, `keccak256: 0x${key}`])
      expect(kindsIn(text)).toEqual([])
  })
})

describe('context formats', () => {
  it('the value must be what the context name is set to on its line', () => {
    const hex = pick(HEX, 32)
    for (const text of [
      `DD_API_KEY=${hex}`,
      `export DATADOG_API_KEY="${hex}"`,
      `datadog: { apiKey: '${hex}' }`,
      `headers: { 'DD-API-KEY': '${hex}' }`,
      `const datadogKey = process.env.X ?? '${hex}'`.replace(' ?? ', ' || ').replace('process.env.X || ', ''),
    ])
      expect(kindsIn(text), text.slice(0, 20)).toContain('datadog-key')
    for (const text of [
      `// datadog\nconst x = '${hex}'`,
      `datadog docs mention the commit ${hex} in passing`,
      `"@datadog/browser-rum": "4.1.0", "resolved": "${hex}"`.replace('"resolved": ', '"a": [1, 2], "b": '),
      `DD_CLIENT_TOKEN=pub${hex}`,
    ])
      expect(kindsIn(text), text.slice(0, 20)).not.toContain('datadog-key')
  })

  it('a UUID is a Heroku key under HEROKU_API_KEY and nothing at all on its own', () => {
    const id = uuid()
    expect(kindsIn(`HEROKU_API_KEY=${id}`)).toContain('heroku-legacy-api-key')
    expect(kindsIn(`const requestId = '${id}'`)).toEqual([])
  })

  it('a value taken out of its line is judged with what stood before it', () => {
    const hex = pick(HEX, 32)
    expect(scanFormats(hex, TABLE).map((m) => m.format.id)).toEqual([])
    expect(scanFormats(hex, TABLE, 'DD_API_KEY = ').map((m) => [m.format.id, m.index, m.length])).toEqual([['datadog-key', 0, 32]])
    expect(scanFormats(hex, TABLE, `twilio('AC${pick(HEX, 32)}', `).map((m) => m.format.id)).toEqual(['twilio-auth-token'])
    // A match inside `before` alone is not the value's.
    expect(scanFormats('plain', TABLE, `DD_API_KEY=${hex} `).map((m) => m.format.id)).toEqual([])
  })

  it('a Discord bot token must start with a numeric id in base64', () => {
    const token = `${Buffer.from('123456789012345678').toString('base64url')}.${pick(ALNUM, 6)}.${pick(ALNUM, 38)}`
    expect(kindsIn(`client.login('${token}')`)).toContain('discord-bot-token')
    expect(kindsIn(`client.login('M${pick(ALNUM, 23)}.${pick(ALNUM, 6)}.${pick(ALNUM, 38)}')`)).not.toContain('discord-bot-token')
  })
})
