import { entropyBits } from '../redact/variants.js'
import { TOKEN_FORMATS } from './formats.js'
import { compileFormats, scanFormats } from './formats/scan.js'
import { secretNameKind } from './names.js'
import { isPlaceholder } from './placeholder.js'

/** A secret found in a value or a text: what it is, and where (in UTF-16 code units). */
export interface SecretFinding {
  /** A format id (`github-token`) or how it was judged: `named`, `url-credentials`, `url-parameter`, `authorization`, `assignment`, `entropy`. */
  kind: string
  /** For messages: "a GitHub token", "a password". Never the value. */
  label: string
  index: number
  length: number
}

export interface DetectOptions {
  /** The name the value is assigned to: a variable, property, parameter, header or env var. */
  name?: string
  /**
   * What the name is known to hold, when the caller knows better than the name's words (a
   * secret declared in hush.config is one whatever it is called; a public one never is).
   */
  kind?: 'password' | 'key' | 'none'
  /** How long a string with no name to go by must be to count as a random token. @default 32 */
  minRandomLength?: number
}

/** Values that look random but are public by design. */
const PUBLIC_VALUE =
  /^(?:data:[\w.+-]+\/[\w.+-]+[;,]|sha(?:256|384|512)-[A-Za-z0-9+/]+=*(?:\s+sha(?:256|384|512)-[A-Za-z0-9+/]+=*)*$|-----BEGIN (?:PUBLIC KEY|RSA PUBLIC KEY|CERTIFICATE|X509 CRL|PGP PUBLIC KEY BLOCK|CERTIFICATE REQUEST)-----|(?:ssh-(?:rsa|ed25519|dss)|ecdsa-sha2-nistp\d+) AAAA|pk_(?:live|test)_)/
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i
const URL_CREDENTIALS = /\b[a-z][a-z0-9+.-]*:\/\/([^\s:@/?#'"`]+):([^\s@/?#'"`]+)@[^\s'"`]+/gi
const URL_PARAMETER =
  /[?&#;](?:api[_-]?key|apikey|access[_-]?token|auth[_-]?token|token|secret|client[_-]?secret|password|passwd|pwd|private[_-]?key|key|sig|signature)=([^&#\s'"`]+)/gi
const AUTHORIZATION = /\b(?:Bearer|Basic|Token|Bot|Digest)\s+([A-Za-z0-9._~+/=-]{8,})/g
const ASSIGNMENT = /([A-Za-z_][\w.-]*)["']?\s*(?:=|:|=>)\s*["'`]?([^\s"'`,;&)]+)/g
const NOT_A_VALUE =
  /^_*[A-Z][A-Z0-9]*(?:_+[A-Z0-9]+)+_*$|^(?:process\.env|import\.meta\.env|env|config|secrets?)\.|:\/\/|^[./~]|\.(?:pem|key|crt|cer|p12|pfx|json|ya?ml|txt|env|js|ts)$|\$\{|\{\{|%s|^\w+\(/

const CODE_VALUE = /^[A-Za-z_$][\w$]*(?:\.[A-Za-z_$][\w$]*)+$|={2,}|=>|\)\s*[{?:]/

const charClasses = (v: string) => (/[a-z]/.test(v) ? 1 : 0) + (/[A-Z]/.test(v) ? 1 : 0) + (/[0-9]/.test(v) ? 1 : 0) + (/[^A-Za-z0-9]/.test(v) ? 1 : 0)
const caseFlips = (v: string) => {
  let flips = 0
  for (let i = 1; i < v.length; i++) if (v[i]! < 'a' !== v[i - 1]! < 'a') flips++
  return flips
}
const perChar = (v: string) => entropyBits(v) / v.length

/**
 * Whether `value`, said to hold a secret of `kind` by its name, is one. Passwords may be
 * human (`hunter2!`), keys and tokens must look random; placeholders, env var names, paths,
 * references and sentences never count.
 */
export function judgeNamedValue(value: string, kind: 'password' | 'key'): boolean {
  const v = value.trim()
  if (v.length < 6 || /\s/.test(v) || isPlaceholder(v) || NOT_A_VALUE.test(v) || PUBLIC_VALUE.test(v)) return false
  if (kind === 'password') return charClasses(v) >= 2 || v.length >= 12
  if (v.length < 12) return false
  if (/^[0-9a-f]+$/i.test(v) || UUID.test(v)) return v.length >= 16
  // Slugs and identifiers (`stripe-secret-key`, `accessToken`) name a key, they are not one.
  if (/^[a-z]+(?:[-_.][a-z]+)*$/.test(v)) return false
  // Letters only: random when the case flips often (`TxNPANHxJPEs`), a word when it does not.
  if (/^[A-Za-z]+$/.test(v) && v.length < 24 && caseFlips(v) < v.length / 4) return false
  // Words joined in camelCase or PascalCase (`SimpleBlockToken`) are a name, not a key.
  if (/^(?:[A-Z][a-z]+|[a-z]{2,}|[0-9]{1,4})+(?:[A-Z]{2,5})?$/.test(v.replace(/^[^A-Za-z0-9]+|[^A-Za-z0-9]+$/g, ''))) return false
  return charClasses(v) >= 2 && perChar(v) >= 3
}

/** A token with no name to go by: only a long, random-looking, mixed-case string counts. */
function looksRandom(v: string, minLength = 32): boolean {
  if (v.length < minLength || v.length > 200 || !/^[A-Za-z0-9+/=_.-]+$/.test(v)) return false
  if (!/[a-z]/.test(v) || !/[A-Z]/.test(v) || !/[0-9]/.test(v)) return false
  if (/^[A-Za-z_$][\w$]*(?:\.[A-Za-z_$][\w$]*)+$/.test(v) || isPlaceholder(v)) return false
  // Words in camelCase have long lower-case runs; random text rarely does.
  const longestLower = Math.max(...(v.match(/[a-z]+/g) ?? ['']).map((s) => s.length))
  // A short string cannot reach the entropy of a long one: the bar follows its length.
  return longestLower < 8 && perChar(v) >= Math.min(4.2, Math.log2(v.length) - 0.4)
}

// Indexed once: one pass over a text finds every format's keywords, then only those formats run.
const FORMAT_TABLE = compileFormats(TOKEN_FORMATS)
const FORMAT_LABELS = new Map(TOKEN_FORMATS.map((format) => [format, `${/^(?:[AEIOU]|npm|xAI)/i.test(format.label) ? 'an' : 'a'} ${format.label}`]))

/**
 * Known token formats in `text`; placeholders (`sk_live_xxxxxxxx…`, `AKIAXXXXXXXXXXXXXXXX`) are
 * not tokens. `before`: what stood before a value taken out of its line (`DD_API_KEY=`), for
 * the formats known only by their name.
 */
function matchFormats(text: string, before = ''): SecretFinding[] {
  return scanFormats(text, FORMAT_TABLE, before).map(({ format, index, length }) => ({ kind: format.id, label: FORMAT_LABELS.get(format)!, index, length }))
}

function matchEmbedded(text: string): SecretFinding[] {
  const out: SecretFinding[] = []
  // Cheap guards first: most strings hold no URL, no parameter and no header value.
  if (text.includes('://') && text.includes('@'))
    for (const m of text.matchAll(URL_CREDENTIALS)) {
      const password = m[2]!
      if (!isPlaceholder(password) && !/^[:$%{<]/.test(password) && password.length >= 3) {
        out.push({ kind: 'url-credentials', label: 'a password in a URL', index: m.index, length: m[0].length })
      }
    }
  if (text.includes('='))
    for (const m of text.matchAll(URL_PARAMETER)) {
      if (judgeNamedValue(decodeURIComponentSafe(m[1]!), 'key'))
        out.push({ kind: 'url-parameter', label: 'a key in a URL parameter', index: m.index, length: m[0].length })
    }
  if (text.includes(' '))
    for (const m of text.matchAll(AUTHORIZATION)) {
      // Basic carries base64 of `user:password`; anything else after "Basic" is prose.
      const ok = m[0].startsWith('Basic') ? isBasicCredentials(m[1]!) : judgeNamedValue(m[1]!, 'key')
      if (ok) {
        out.push({ kind: 'authorization', label: 'an Authorization header value', index: m.index, length: m[0].length })
      }
    }
  return out
}

function isBasicCredentials(token: string): boolean {
  if (!/^[A-Za-z0-9+/]+={0,2}$/.test(token) || token.length % 4 !== 0) return false
  const decoded = Buffer.from(token, 'base64').toString('utf8')
  const colon = decoded.indexOf(':')
  return colon > 0 && !/[\u0000-\u001f\ufffd]/.test(decoded) && judgeNamedValue(decoded.slice(colon + 1), 'password')
}

function decodeURIComponentSafe(s: string): string {
  try {
    return decodeURIComponent(s)
  } catch {
    return s
  }
}

/**
 * Judges one value, such as a string literal: known token formats anywhere in it, URLs with
 * credentials or key parameters, Authorization values, then — when `name` says it holds a
 * secret — the value itself. Returns the strongest finding, or `undefined`.
 */
export function detectSecret(value: string, options: DetectOptions = {}): SecretFinding | undefined {
  if (value.length < 6 || PUBLIC_VALUE.test(value)) return undefined
  const format = matchFormats(value)[0]
  if (format) return format
  if (value.length > 8) {
    const embedded = matchEmbedded(value)[0]
    if (embedded) return embedded
  }
  const kind = options.kind === 'none' ? undefined : (options.kind ?? (options.name === undefined ? undefined : secretNameKind(options.name)))
  if (kind) {
    return judgeNamedValue(value, kind)
      ? { kind: 'named', label: kind === 'password' ? 'a password' : 'a secret key or token', index: 0, length: value.length }
      : undefined
  }
  if (looksRandom(value.trim(), options.minRandomLength)) return { kind: 'entropy', label: 'a random-looking token', index: 0, length: value.length }
  // Text holding settings: `Server=db;Password=...`, a JSON document, an .env file in a template.
  if (/[=:]/.test(value) && /[\s;&,{"]/.test(value)) return matchAssignments(value)[0]
  return undefined
}

function matchAssignments(text: string): SecretFinding[] {
  const out: SecretFinding[] = []
  for (const m of text.matchAll(ASSIGNMENT)) {
    const kind = secretNameKind(m[1]!)
    // In code held in a string, `credentials=e.crossOrigin===...` assigns an expression.
    if (kind && !CODE_VALUE.test(m[2]!) && judgeNamedValue(m[2]!, kind))
      out.push({ kind: 'assignment', label: kind === 'password' ? 'a password' : 'a secret key or token', index: m.index, length: m[0].length })
  }
  return out
}

/**
 * Finds secrets in free text (comments, logs, files): known formats, credentials in URLs,
 * Authorization values, and `name = value` / `name: value` pairs whose name says secret.
 */
export function findSecrets(text: string): SecretFinding[] {
  const candidates = [...matchFormats(text), ...matchEmbedded(text), ...matchAssignments(text)]
  // One report per place: where findings overlap, the stronger evidence (formats first) wins.
  const out: SecretFinding[] = []
  for (const f of candidates) {
    if (!out.some((o) => f.index < o.index + o.length && o.index < f.index + f.length)) out.push(f)
  }
  return out.sort((a, b) => a.index - b.index)
}
