// Synthetic credentials in the shapes vendors document (prefix, length, alphabet, checksum),
// drawn from a seeded generator when the corpus loads. The case files name a shape
// (`⟨ghp⟩`) and never hold a value, so no committed file carries anything a secret scanner
// or push protection would stop, and every run sees the same values.
import { crc32 } from 'node:zlib'
import { entropyToMnemonic } from '@scure/bip39'
import { wordlist } from '@scure/bip39/wordlists/english.js'

const UPPER = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ'
const LOWER = 'abcdefghijklmnopqrstuvwxyz'
const DIGITS = '0123456789'
const A62 = DIGITS + UPPER + LOWER
const ALPHABETS = {
  a62: A62,
  hex: '0123456789abcdef',
  HEX: '0123456789ABCDEF',
  b64: UPPER + LOWER + DIGITS + '+/',
  b64url: UPPER + LOWER + DIGITS + '-_',
  b32: UPPER + '234567',
  dig: DIGITS,
  lower: LOWER,
  alpha: UPPER + LOWER,
  lowernum: LOWER + DIGITS,
  uppernum: UPPER + DIGITS,
  // Azure AD client secrets use these besides letters and digits.
  azure: A62 + '_~.-',
}

/** FNV-1a: a stable 32-bit seed from a file's path, so adding a case never changes another's values. */
export function hashSeed(text) {
  let h = 0x811c9dc5
  for (let i = 0; i < text.length; i++) h = Math.imul(h ^ text.charCodeAt(i), 0x01000193) >>> 0
  return h
}

/** mulberry32: small, fast and good enough to make strings look random. */
export function prng(seed) {
  let a = seed >>> 0
  return () => {
    a = (a + 0x6d2b79f5) >>> 0
    let t = a
    t = Math.imul(t ^ (t >>> 15), t | 1)
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61)
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296
  }
}

const b64url = (text) => Buffer.from(text).toString('base64url')
const b64 = (text) => Buffer.from(text).toString('base64')

function base62(n, width) {
  let s = ''
  do {
    s = A62[n % 62] + s
    n = Math.floor(n / 62)
  } while (n > 0)
  return s.padStart(width, '0')
}

export function tokenMaker(rand) {
  const pick = (alphabet) => alphabet[Math.floor(rand() * alphabet.length)]
  const str = (alphabet, n) => {
    let s = ''
    for (let i = 0; i < n; i++) s += pick(alphabet)
    return s
  }
  const int = (lo, hi) => lo + Math.floor(rand() * (hi - lo + 1))
  const a = (kind, n) => str(ALPHABETS[kind], n)
  // GitHub's and npm's documented format: 30 random base62 characters, then their CRC32 in 6 base62 digits.
  const crcToken = (prefix) => {
    const body = a('a62', 30)
    return prefix + body + base62(crc32(body), 6)
  }
  const uuid = () => {
    const h = a('hex', 32)
    return `${h.slice(0, 8)}-${h.slice(8, 12)}-4${h.slice(13, 16)}-${'89ab'[int(0, 3)]}${h.slice(17, 20)}-${h.slice(20, 32)}`
  }
  const pemBody = (start, lines) => {
    const out = [start + a('b64', 64 - start.length)]
    for (let i = 1; i < lines - 1; i++) out.push(a('b64', 64))
    out.push(a('b64', int(20, 60)) + '==')
    return out
  }
  const PEM = {
    rsa: ['RSA PRIVATE KEY', 'MIIEpAIBAAKCAQEA', 25],
    pkcs8: ['PRIVATE KEY', 'MIIEvQIBADANBgkqhkiG9w0BAQEFAASCBKcwggSjAgEAAoIBAQ', 26],
    ec: ['EC PRIVATE KEY', 'MHcCAQEEI', 4],
    openssh: ['OPENSSH PRIVATE KEY', 'b3BlbnNzaC1rZXktdjEAAAAABG5vbmUAAAAEbm9uZQAAAAAAAAABAAAAMwAAAAtzc2gtZW', 7],
    dsa: ['DSA PRIVATE KEY', 'MIIBuwIBAAKBgQD', 10],
    encrypted: ['ENCRYPTED PRIVATE KEY', 'MIIFHDBOBgkqhkiG9w0BBQ0wQTApBgkqhkiG9w0BBQwwHAQI', 28],
  }
  const pem = (kind = 'rsa', sep = '\n') => {
    const [label, start, lines] = PEM[kind]
    return [`-----BEGIN ${label}-----`, ...pemBody(start, lines), `-----END ${label}-----`].join(sep)
  }
  const jwt = (payload, alg = 'HS256') => {
    const head = b64url(JSON.stringify({ alg, typ: 'JWT' }))
    return `${head}.${b64url(JSON.stringify(payload))}.${a('b64url', alg === 'HS256' ? 43 : 342)}`
  }
  const now = 1_700_000_000 + int(0, 50_000_000)
  const email = () => `${str(LOWER, int(4, 8))}@${['acme.io', 'example-corp.com', 'northwind.dev'][int(0, 2)]}`
  const bytes = (n) => Uint8Array.from({ length: n }, () => int(0, 255))
  const WORDS = ['maple', 'orbit', 'canyon', 'velvet', 'harbor', 'falcon', 'ember', 'quartz', 'tundra', 'cobalt', 'lantern', 'meadow']

  const gens = {
    // Generic alphabets: ⟨a62:32⟩, ⟨hex:40⟩, ⟨b64:44⟩ ...
    ...Object.fromEntries(Object.keys(ALPHABETS).map((k) => [k, (n) => a(k, Number(n))])),
    uuid,
    int: (range) => {
      const [lo, hi] = range.split('-').map(Number)
      return String(int(lo, hi))
    },
    // A human password as people pick them: words, digits, a symbol.
    // A generated password: letters, digits and symbols that need no escaping in any quotes.
    pwr: (n = '16') => {
      let s = ''
      while (!/[a-z]/.test(s) || !/[A-Z]/.test(s) || !/\d/.test(s) || !/[!#%*@^]/.test(s)) s = a('a62', Number(n) - 2) + '!#%*@^'[int(0, 5)] + a('dig', 1)
      return s
    },
    pw: () => `${WORDS[int(0, 11)][0].toUpperCase()}${WORDS[int(0, 11)].slice(1)}${'!#$%&*@'[int(0, 6)]}${WORDS[int(0, 11)]}${int(10, 99)}`,

    // GitHub: classic and app tokens (prefix + 30 + CRC32), fine-grained PATs.
    ghp: () => crcToken('ghp_'),
    gho: () => crcToken('gho_'),
    ghu: () => crcToken('ghu_'),
    ghs: () => crcToken('ghs_'),
    ghr: () => crcToken('ghr_'),
    github_pat: () => `github_pat_11${a('uppernum', 20)}_${a('a62', 59)}`,
    npm: () => crcToken('npm_'),
    // GitLab: personal, deploy, runner, pipeline trigger, feed tokens.
    glpat: () => `glpat-${a('b64url', 20)}`,
    gldt: () => `gldt-${a('b64url', 20)}`,
    glrt: () => `glrt-${a('b64url', 20)}`,
    glptt: () => `glptt-${a('hex', 40)}`,
    glrr: () => `GR1348941${a('b64url', 20)}`,
    // Slack: bot, user, app-level tokens and incoming webhooks.
    xoxb: () => `xoxb-${a('dig', 11)}-${a('dig', 13)}-${a('a62', 24)}`,
    xoxp: () => `xoxp-${a('dig', 11)}-${a('dig', 11)}-${a('dig', 13)}-${a('hex', 32)}`,
    xapp: () => `xapp-1-A${a('uppernum', 10)}-${a('dig', 13)}-${a('hex', 64)}`,
    xoxe: () => `xoxe.xoxp-1-${a('a62', 140)}`,
    slack_webhook: () => `https://hooks.slack.com/services/T${a('uppernum', 8)}/B${a('uppernum', 10)}/${a('a62', 24)}`,
    // Stripe: secret and restricted keys (older 24-character and current 99-character bodies), webhook secrets.
    sk_live: (n = '99') => `sk_live_${n === '99' ? '51' + a('a62', 97) : a('a62', Number(n))}`,
    rk_live: () => `rk_live_51${a('a62', 97)}`,
    whsec: () => `whsec_${a('a62', 32)}`,
    // AWS: access key ids, secret access keys, session tokens.
    akia: () => `AKIA${a('b32', 16)}`,
    asia: () => `ASIA${a('b32', 16)}`,
    aws_secret: () => a('b64', 40),
    aws_session: () => `IQoJb3JpZ2luX2Vj${a('b64', 340)}`,
    // Google: API keys, OAuth client secrets and access tokens, service account keys.
    aiza: () => `AIza${a('b64url', 35)}`,
    gocspx: () => `GOCSPX-${a('b64url', 28)}`,
    ya29: () => `ya29.a0${a('b64url', 150)}`,
    gcp_sa_key_id: () => a('hex', 40),
    // Twilio: account SID (an id), API key SID, auth token / API secret.
    twilio_ac: () => `AC${a('hex', 32)}`,
    twilio_sk: () => `SK${a('hex', 32)}`,
    sendgrid: () => `SG.${a('b64url', 22)}.${a('b64url', 43)}`,
    mailgun: () => `key-${a('hex', 32)}`,
    mailchimp: () => `${a('hex', 32)}-us${int(1, 21)}`,
    pypi: () => `pypi-AgEIcHlwaS5vcmcCJ${a('b64url', 160)}`,
    shpat: () => `shpat_${a('hex', 32)}`,
    shpss: () => `shpss_${a('hex', 32)}`,
    shpca: () => `shpca_${a('hex', 32)}`,
    shppa: () => `shppa_${a('hex', 32)}`,
    // Atlassian API tokens: ATATT3xFfGF0, a long body, '=' and an 8-hex checksum.
    atatt: () => `ATATT3xFfGF0${a('b64url', 170)}=${a('HEX', 8)}`,
    dop_v1: () => `dop_v1_${a('hex', 64)}`,
    doo_v1: () => `doo_v1_${a('hex', 64)}`,
    hrku: () => `HRKU-AA${a('b64url', 58)}`,
    sntryu: () => `sntryu_${a('hex', 64)}`,
    sntrys: () =>
      `sntrys_${b64(JSON.stringify({ iat: now, url: 'https://sentry.io', region_url: 'https://us.sentry.io', org: 'acme' })).replace(/=+$/, '')}_${a('b64', 43)}`,
    // Discord: bot tokens (base64 of the bot's id, timestamp, HMAC) and webhooks.
    discord_bot: () => `${b64(`1${a('dig', 18)}`).replace(/=+$/, '')}.G${a('b64url', 5)}.${a('b64url', 38)}`,
    discord_webhook: () => `https://discord.com/api/webhooks/1${a('dig', 18)}/${a('b64url', 68)}`,
    telegram: () => `${int(1, 7)}${a('dig', 9)}:AA${a('b64url', 33)}`,
    notion: () => `secret_${a('a62', 43)}`,
    ntn: () => `ntn_${a('dig', 11)}${a('a62', 35)}`,
    linear: () => `lin_api_${a('a62', 40)}`,
    sbp: () => `sbp_${a('hex', 40)}`,
    sb_secret: () => `sb_secret_${a('b64url', 31)}`,
    doppler_st: () => `dp.st.prd.${a('a62', 43)}`,
    doppler_pt: () => `dp.pt.${a('lowernum', 43)}`,
    tskey: () => `tskey-auth-k${a('a62', 10)}CNTRL-${a('a62', 33)}`,
    tskey_api: () => `tskey-api-k${a('a62', 10)}CNTRL-${a('a62', 33)}`,
    op_sa: () =>
      `ops_${b64(
        JSON.stringify({
          signInAddress: 'my.1password.com',
          userAuth: { method: 'SRPg-4096', alg: 'PBES2g-HS256', iterations: 650000, salt: a('b64url', 22) },
          email: `${a('lowernum', 13)}@1passwordserviceaccounts.com`,
          srpX: a('hex', 64),
          muk: { alg: 'A256GCM', ext: true, k: a('b64url', 43), key_ops: ['encrypt', 'decrypt'], kty: 'oct', kid: 'mp' },
          secretKey: `A3-${a('uppernum', 6)}-${a('uppernum', 6)}-${a('uppernum', 5)}-${a('uppernum', 5)}-${a('uppernum', 5)}-${a('uppernum', 5)}`,
          throttleSecret: { seed: a('hex', 64), uuid: uuid() },
          deviceUuid: a('lowernum', 26),
        }),
      ).replace(/=+$/, '')}`,
    op_secret_key: () => `A3-${a('uppernum', 6)}-${a('uppernum', 6)}-${a('uppernum', 5)}-${a('uppernum', 5)}-${a('uppernum', 5)}-${a('uppernum', 5)}`,
    // Azure: storage and Cosmos account keys (64 bytes, base64), AD client secrets, DevOps PATs.
    azure_key: () => b64(bytes(64)),
    azure_ad: () => `${a('a62', 3)}${int(0, 9)}Q~${a('azure', 34)}`,
    azure_devops: () => a('b32', 52).toLowerCase(),
    azure_sas_sig: () => encodeURIComponent(b64(bytes(32))),
    dapi: () => `dapi${a('hex', 32)}`,
    glsa: () => `glsa_${a('a62', 32)}_${a('hex', 8)}`,
    glc: () => `glc_${b64(JSON.stringify({ o: a('dig', 6), n: `stack-${a('dig', 6)}-hm-read`, k: a('a62', 24), m: { r: 'prod-us-east-0' } }))}`,
    openai: () => `sk-proj-${a('b64url', 74)}T3BlbkFJ${a('b64url', 74)}`,
    openai_legacy: () => `sk-${a('a62', 20)}T3BlbkFJ${a('a62', 20)}`,
    anthropic: () => `sk-ant-api03-${a('b64url', 93)}AA`,
    hf: () => `hf_${a('alpha', 34)}`,
    postman: () => `PMAK-${a('hex', 24)}-${a('hex', 34)}`,
    newrelic: () => `NRAK-${a('uppernum', 27)}`,
    pulumi: () => `pul-${a('hex', 40)}`,
    fly: () => `FlyV1 fm2_${a('b64', 300)}`,
    sourcegraph: () => `sgp_${a('hex', 16)}_${a('hex', 40)}`,
    docker_pat: () => `dckr_pat_${a('b64url', 27)}`,
    age_secret: () => `AGE-SECRET-KEY-1${a('uppernum', 58)}`,
    square: () => `EAAA${a('b64url', 60)}`,
    okta: () => `00${a('b64url', 40)}`,
    // Private keys, PEM (real line breaks, or `\n` escapes as in a service account JSON).
    pem: (kind) => pem(kind || 'rsa'),
    pem_escaped: (kind) => pem(kind || 'pkcs8', '\\n'),
    // Wallets: an Ethereum private key and BIP-39 mnemonics with a valid checksum.
    eth_key: () => `0x${a('hex', 64)}`,
    mnemonic: (n = '12') => entropyToMnemonic(bytes(n === '24' ? 32 : 16), wordlist),
    // JWTs: a signed user token and Supabase's service-role and anon keys.
    jwt: () => jwt({ sub: uuid(), email: email(), iat: now, exp: now + 3600 }),
    jwt_service_role: () => jwt({ iss: 'supabase', ref: a('lower', 20), role: 'service_role', iat: now, exp: now + 315_360_000 }),
    jwt_anon: () => jwt({ iss: 'supabase', ref: a('lower', 20), role: 'anon', iat: now, exp: now + 315_360_000 }),
    jwt_header: () => b64url(JSON.stringify({ alg: 'RS256', typ: 'JWT', kid: a('hex', 16) })),

    // Look-alikes that are public by design or not secrets at all.
    pk_live: () => `pk_live_51${a('a62', 97)}`,
    recaptcha_site: () => `6L${a('b64url', 2)}${a('uppernum', 6)}AAAAA${a('b64url', 27)}`,
    turnstile_site: () => `0x4AAAAAAA${a('b64url', 14)}`,
    hcaptcha_site: uuid,
    google_client_id: () => `${a('dig', 12)}-${a('lowernum', 32)}.apps.googleusercontent.com`,
    github_client_id: () => `Iv1.${a('hex', 16)}`,
    vapid_public: () => Buffer.from([4, ...bytes(64)]).toString('base64url'),
    mapbox_public: () => `pk.${b64url(JSON.stringify({ u: 'acme-maps', a: a('lowernum', 25) })).replace(/=+$/, '')}.${a('b64url', 22)}`,
    posthog: () => `phc_${a('a62', 43)}`,
    sentry_dsn: () => `https://${a('hex', 32)}@o${a('dig', 6)}.ingest.sentry.io/${a('dig', 7)}`,
    sha256: () => a('hex', 64),
    sha1: () => a('hex', 40),
    sri: () => `sha384-${a('b64', 64)}`,
    integrity: () => `sha512-${a('b64', 86)}==`,
    png_b64: (n = '600') => `iVBORw0KGgoAAAANSUhEUgAA${a('b64', Number(n))}`,
    wasm_b64: (n = '800') => `AGFzbQEAAAAB${a('b64', Number(n))}`,
    woff2_b64: (n = '600') => `d09GMgABAAAA${a('b64', Number(n))}`,
    gif_b64: () => `R0lGODlh${a('b64', 60)}`,
    ga_id: () => `G-${a('uppernum', 10)}`,
    ld_client_id: () => a('hex', 24),
  }
  return (name, arg) => {
    const gen = gens[name]
    if (!gen) throw new Error(`unknown token shape ⟨${name}⟩`)
    return arg === undefined ? gen() : gen(arg)
  }
}
