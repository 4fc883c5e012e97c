// Fake credentials in the vendors' documented shapes, from a seeded generator: the corpus is
// the same on every run and no real credential is involved.
import { crc32 } from 'node:zlib'

export function rng(seed) {
  let a = seed >>> 0
  const next = () => {
    a = (a + 0x6d2b79f5) >>> 0
    let t = a
    t = Math.imul(t ^ (t >>> 15), t | 1)
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61)
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296
  }
  const int = (n) => Math.floor(next() * n)
  const pick = (list) => list[int(list.length)]
  const from = (alphabet, n) => Array.from({ length: n }, () => alphabet[int(alphabet.length)]).join('')
  return { next, int, pick, from }
}

const LOWER = 'abcdefghijklmnopqrstuvwxyz'
const UPPER = LOWER.toUpperCase()
const DIGITS = '0123456789'
const ALNUM = LOWER + UPPER + DIGITS
const HEX = '0123456789abcdef'
const B64 = ALNUM + '+/'
const B64URL = ALNUM + '-_'
const WORDS = [
  'autumn',
  'river',
  'falcon',
  'marble',
  'copper',
  'winter',
  'summer',
  'orchid',
  'harbor',
  'velvet',
  'cobalt',
  'meadow',
  'thunder',
  'canyon',
  'lantern',
  'saffron',
]

const BASE62 = DIGITS + UPPER + LOWER
/** GitHub's and npm's token shape: the random part, then its CRC-32 in six base62 digits. */
function withCrc(prefix, random) {
  let sum = ''
  for (let n = crc32(random); n > 0; n = Math.floor(n / 62)) sum = BASE62[n % 62] + sum
  return prefix + random + sum.padStart(6, '0')
}

export function values(r) {
  const alnum = (n) => r.from(ALNUM, n)
  const b64url = (s) => Buffer.from(s).toString('base64url')
  const word = () => r.pick(WORDS)
  const cap = (s) => s[0].toUpperCase() + s.slice(1)
  return {
    alnum,
    hex: (n) => r.from(HEX, n),
    b64: (n) => r.from(B64, n),
    awsKeyId: () => r.pick(['AKIA', 'ASIA']) + r.from(UPPER + '234567', 16),
    awsSecret: () => r.from(B64, 40),
    // 36 draws as before, so the seeded corpus stays the same; the last 6 become the checksum.
    github: () => withCrc(r.pick(['ghp_', 'gho_', 'ghs_', 'ghu_']), alnum(36).slice(0, 30)),
    githubPat: () => 'github_pat_' + alnum(22) + '_' + alnum(59),
    gitlab: () => 'glpat-' + r.from(B64URL, 20),
    slack: () => `xox${r.pick(['b', 'p'])}-${r.from(DIGITS, 11)}-${r.from(DIGITS, 13)}-${alnum(24)}`,
    slackWebhook: () => `https://hooks.slack.com/services/T${r.from(UPPER + DIGITS, 8)}/B${r.from(UPPER + DIGITS, 10)}/${alnum(24)}`,
    stripe: () => `${r.pick(['sk', 'rk'])}_${r.pick(['live', 'test'])}_${alnum(24 + r.int(76))}`,
    stripeWebhook: () => 'whsec_' + alnum(32),
    google: () => 'AIza' + r.from(B64URL, 35),
    googleOauth: () => 'GOCSPX-' + r.from(B64URL, 28),
    npm: () => withCrc('npm_', alnum(36).slice(0, 30)),
    openai: () => 'sk-proj-' + r.from(B64URL, 48 + r.int(60)),
    anthropic: () => 'sk-ant-api03-' + r.from(B64URL, 93) + 'AA',
    twilioKey: () => 'SK' + r.from(HEX, 32),
    sendgrid: () => 'SG.' + r.from(B64URL, 22) + '.' + r.from(B64URL, 43),
    mailgun: () => 'key-' + r.from(HEX, 32),
    jwt: () =>
      `${b64url(JSON.stringify({ alg: 'HS256', typ: 'JWT' }))}.${b64url(JSON.stringify({ sub: String(r.int(1e6)), role: r.pick(['admin', 'user']), iat: 1700000000 + r.int(1e7) }))}.${r.from(B64URL, 43)}`,
    privateKeyPem: (type = r.pick(['RSA ', 'EC ', 'OPENSSH ', ''])) =>
      `-----BEGIN ${type}PRIVATE KEY-----\n${Array.from({ length: 4 }, () => r.from(B64, 64)).join('\n')}\n-----END ${type}PRIVATE KEY-----`,
    humanPassword: () =>
      r.pick([
        () => `${cap(word())}${r.int(90) + 10}${r.pick(['!', '#', '$', '@', '?', ''])}`,
        () => `${word()}.${word()}.${r.int(900) + 100}`,
        () => `${cap(word())}-${cap(word())}-${r.int(99)}`,
        () => `${word().replace(/o/g, '0').replace(/e/g, '3')}${r.pick(['!', '&', '%'])}${r.int(10)}`,
      ])(),
    randomToken: (n = 20 + r.int(21)) => alnum(n),
    base64Secret: () => r.from(B64, 43) + '=',
    uuid: () => `${r.from(HEX, 8)}-${r.from(HEX, 4)}-4${r.from(HEX, 3)}-${r.pick(['8', '9', 'a', 'b'])}${r.from(HEX, 3)}-${r.from(HEX, 12)}`,
    sha: () => r.from(HEX, 40),
    word,
    host: () => `${word()}-${r.pick(['db', 'cache', 'mq', 'api'])}.${r.pick(['internal', 'prod.example.com', 'svc.cluster.local'])}`,
  }
}
