import type { SecretFinding } from './detect.js'

/**
 * Values that look random but are public by design: SRI hashes, data URIs, public keys and
 * certificates, publishable keys (Stripe `pk_`, Mapbox `pk.`, Paddle client-side tokens,
 * Supabase `sb_publishable_`, PostHog `phc_`, Datadog RUM `pub...`), Stripe object ids
 * (`price_...`, `cus_...`, `cs_test_...`), browser keys (New Relic `NRJS-`, Braintree tokenization keys), certificate pins (`sha256/...`) and IPFS content ids
 * (`Qm...`, `bafy...`), which name or fingerprint things and grant nothing.
 */
const PUBLIC_VALUE =
  /^(?:data:[\w.+-]+\/[\w.+-]+[;,]|sha(?:256|384|512)-[A-Za-z0-9+/]+=*(?:\s+sha(?:256|384|512)-[A-Za-z0-9+/]+=*)*$|-----BEGIN (?:PUBLIC KEY|RSA PUBLIC KEY|CERTIFICATE|X509 CRL|PGP PUBLIC KEY BLOCK|CERTIFICATE REQUEST)-----|(?:ssh-(?:rsa|ed25519|dss)|ecdsa-sha2-nistp\d+) AAAA|pk_(?:live|test)_|pk\.eyJ|(?:live|test)_[0-9a-f]{27}$|sb_publishable_|phc_[A-Za-z0-9]{30,}$|pub[0-9a-f]{32}$|sha(?:1|256)\/[A-Za-z0-9+/]{27,43}=*$|NRJS-[a-f0-9]{19}$|(?:production|sandbox)_[a-z0-9]{8}_[a-z0-9]{16}$|Qm[A-Za-z0-9]{44}$|bafy[a-z2-7]{52,}$|(?:price|prod|pi|cus|sub|acct|ch|in|evt|seti|pm|src|card|ba|txn|po|tr|re|si|plan|cs|bpc|file|link|ii|il|cn|dp|du|pl|prv|sku|tok)_(?:(?:test|live)_)?[A-Za-z0-9]{8,}$)/

/** The first bytes of files, base64-encoded: PNG, JPEG, GIF, WebP, wasm, gzip, zip, PDF, WOFF, TTF, OTF, SVG, XML, ICO. */
const DATA_MAGIC = /^(?:iVBORw0KGgo|\/9j\/|R0lGOD|UklGR|AGFzbQ|H4sI|UEsDB|UEsFB|JVBERi|d09GRg|d09GMg|AAEAAA|T1RUTw|PHN2Zy|PD94bWw|AAABAA)/

/** A P-256 public key, uncompressed (`0x04` + 64 bytes), base64url: what a VAPID public key is. */
const EC_PUBLIC_POINT = /^B[A-P][A-Za-z0-9+/_-]{85}=?$/

/**
 * Site keys for captchas: reCAPTCHA (`6L` + 38) and Turnstile (`0x4AAAAAAA` + 14). They are
 * put in pages on purpose; reCAPTCHA's secret has the same shape, so a name that says secret
 * still counts (the caller checks the name first).
 */
const SITE_KEY = /^(?:6L[\w-]{38}|0x4AAAAAAA[\w-]{14})$/

const BASE64 = /^[A-Za-z0-9+/_-]{16,}={0,2}$/

/** Whether `v` is public by design or data, never a credential, whatever it is called. */
export function isPublicValue(v: string): boolean {
  return PUBLIC_VALUE.test(v) || (BASE64.test(v) && (DATA_MAGIC.test(v) || EC_PUBLIC_POINT.test(v) || isJsonHeader(v)))
}

/** Whether `v` is public when nothing says it is a secret: captcha site keys. */
export const isSiteKey = (v: string) => SITE_KEY.test(v)

/** `eyJhbGciOi...` alone: a JWT header (or any JSON object) encoded, with no payload or signature. */
function isJsonHeader(v: string): boolean {
  if (!v.startsWith('eyJ')) return false
  const text = decodeText(v)
  return text !== undefined && /^\{.*\}$/s.test(text)
}

/** The text base64 (or base64url) `v` encodes, when it is printable text; `undefined` for bytes. */
export function decodeText(v: string): string | undefined {
  // Node's base64 decoder reads the URL-safe alphabet too.
  const text = Buffer.from(v, 'base64').toString('latin1')
  return /^[\t\n\r\x20-\x7e]*$/.test(text) ? text : undefined
}

/**
 * Whether a random-looking string is encoded text rather than random bytes: a random key
 * decodes to bytes, `SGVsbG8gd29ybGQ=` decodes to words.
 */
export function isEncodedText(v: string): boolean {
  if (!BASE64.test(v) || v.replace(/=+$/, '').length % 4 === 1) return false
  const text = decodeText(v)
  return text !== undefined && text.length >= 8
}

/**
 * Values that start like a vendor's token but do not have its shape (wrong length, alphabet
 * or suffix): documentation stand-ins and test fixtures. A real token always has the full
 * shape, which the format list finds first.
 */
const VENDOR_PREFIX =
  /^(?:gh[pousr]_|github_pat_|glpat-|xox[abposr]-|[rs]k_(?:live|test)_|whsec_|AKIA|ASIA|AIza|GOCSPX-|npm_|sk-ant-|sk-proj-|SG\.|do[por]_v1_|shp(?:at|ca|pa|ss)_|hf_|pypi-)/

export const hasVendorPrefix = (v: string) => VENDOR_PREFIX.test(v)

/** Firebase web config and Algolia search settings: an `apiKey` beside these is public. */
const PUBLIC_CONFIG_NEAR = /authDomain|messagingSenderId|firebaseapp\.com|firebaseio\.com|indexName|algolianet|docsearch/

/** Whether an API key at `index` sits in a Firebase web config or Algolia search settings. */
export function inPublicConfig(text: string, index: number, name = 'apiKey'): boolean {
  return /api.?key/i.test(name) && PUBLIC_CONFIG_NEAR.test(text.slice(Math.max(0, index - 400), index + 400))
}

/**
 * Whether a format match is real in its text: a private key header needs a key body after
 * it, a Supabase `anon` JWT is public, a Google API key inside a Firebase web config is public.
 */
export function keepFormatFinding(text: string, f: SecretFinding): boolean {
  switch (f.kind) {
    case 'jwt':
      // Supabase's anon key is for browsers; jwt.io's example (John Doe, 1234567890) is in every tutorial.
      return !/"role"\s*:\s*"anon"|"sub"\s*:\s*"1234567890"|"name"\s*:\s*"John Doe"/.test(
        decodeText(text.slice(f.index, f.index + f.length).split('.')[1] ?? '') ?? '',
      )
    case 'google-api-key':
      return !inPublicConfig(text, f.index)
    default:
      return true
  }
}
