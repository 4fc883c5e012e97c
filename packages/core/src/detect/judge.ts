import { entropyBits } from '../redact/variants.js'
import { wordsOf } from './names.js'
import { isPlaceholder } from './placeholder.js'
import { hasVendorPrefix, isPublicValue } from './public.js'

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i
const NOT_A_VALUE =
  /^ENC\[|^0x[0-9a-fA-F]{1,16}$|^_*[A-Z][A-Z0-9]*(?:_+[A-Z0-9]+)+_*$|^(?:process\.env|import\.meta\.env|env|config|secrets?)\.|:\/\/|\.(?:pem|key|crt|cer|p12|pfx|json|ya?ml|txt|env|js|ts)$|\$\{|\{\{|%s|^\w+\(/

/**
 * `/usr/local/bin`, `./config/app.json`, `~/.ssh/id_rsa`: words between slashes. A base64 key
 * may start with `/` too (AWS secret keys do), but its letters do not run into words.
 */
function isPath(v: string): boolean {
  if (!/^[./~]/.test(v)) return false
  const words = (v.match(/[a-z]{3,}/g) ?? []).reduce((n, w) => n + w.length, 0)
  return words >= v.length * 0.4 || v.length < 12
}

/**
 * Words and numbers run together (`SimpleBlockToken`, `getV2Config`, `parseURL`): each run of
 * lower-case letters or digits is taken whole, so a value that fails (a lone letter between
 * digits) fails once instead of after trying every split of every run.
 */
const CAMEL_WORDS = /^(?:[A-Z][a-z]+(?![a-z])|[a-z]{2,}(?![a-z])|[0-9]+(?![0-9]))+(?:[A-Z]{2,5})?$/

export const charClasses = (v: string) => (/[a-z]/.test(v) ? 1 : 0) + (/[A-Z]/.test(v) ? 1 : 0) + (/[0-9]/.test(v) ? 1 : 0) + (/[^A-Za-z0-9]/.test(v) ? 1 : 0)
const caseFlips = (v: string) => {
  let flips = 0
  for (let i = 1; i < v.length; i++) if (v[i]! < 'a' !== v[i - 1]! < 'a') flips++
  return flips
}
export const perChar = (v: string) => entropyBits(v) / v.length

/**
 * Words as identifiers spell them: `x`, `token`, `tokenExpired`, `TOKEN`; `ZtL` is not one.
 * One lower-case letter a step, so a long run that fails at its end is not re-split every way.
 */
const WORD = /^(?:(?:[A-Z]?[a-z])+|[A-Z]{2,})$/
const SECRET_WORD = /^(?:pass(?:word|wd|phrase)?|pwd|secret|token|key|auth|credentials?|creds|jwt|session|login|signin|apikey)$/

/** "Password" in the languages apps are translated into: the label of a password field in a locale file. */
const PASSWORD_LABEL =
  /^(?:passwort|kennwort|contrase[ñn]a|senha|wachtwoord|has[łl]o|пароль|парола|パスワード|密码|密碼|비밀번호|parola|l[öo]senord|adgangskode|passord|salasana|heslo|jelsz[óo]|[şs]ifre|κωδικός|סיסמה|पासवर्ड|geslo|lozinka|lozinke)\s*[:*]?$/i

/**
 * Whether `v` is an identifier made of words (an event id `auth/token-expired`, an action
 * type `@@auth/TOKEN_REFRESH`, a key path `session:token`) rather than a secret. Passwords may
 * be words (`Cobalt-Canyon`), so for them it takes more: the value names a secret or the
 * name's own words, or is built like a path.
 */
function isIdentifier(v: string, kind: 'password' | 'key', name: string | undefined): boolean {
  // `X_AWS_EC2_METADATA_TOKEN = 'x-aws-ec2-metadata-token'`: a constant spelling out its own name.
  if (name !== undefined && wordsOf(v).join(' ') === wordsOf(name).join(' ')) return true
  if (/[0-9]/.test(v)) return false
  const segments = v.split(/[-_./:@#[\]]+/).filter(Boolean)
  if (!segments.length || !segments.every((s) => WORD.test(s))) return false
  if (kind === 'key') return true
  const words = wordsOf(v)
  const own = name ? new Set(wordsOf(name)) : new Set<string>()
  return words.some((w) => SECRET_WORD.test(w) || own.has(w)) || /[/:.@]/.test(v) || /^[a-z]+[A-Z]/.test(v)
}

/**
 * Whether `value`, said to hold a secret of `kind` by its name, is one. Passwords may be
 * human (`hunter2!`), keys and tokens must look random; placeholders, env var names, paths,
 * references, identifiers, public values and sentences never count. `name`, when given,
 * lets a password that is an identifier about it (`PASSWORD_RESET = 'auth/password-reset'`)
 * pass; without one the value is where a command or a call takes a password, words or not.
 */
export function judgeNamedValue(value: string, kind: 'password' | 'key', name?: string): boolean {
  const v = value.trim()
  // Google's app passwords are four groups of four letters: the one value with spaces that counts.
  if (kind === 'password' && /^[a-z]{4}(?: [a-z]{4}){3}$/.test(v)) return !isPlaceholder(v.replace(/ /g, ''))
  if (kind === 'password' && PASSWORD_LABEL.test(v)) return false
  if (v.length < 6 || /\s/.test(v) || isPlaceholder(v) || NOT_A_VALUE.test(v) || isPath(v) || isPublicValue(v)) return false
  // `ghp_` + the wrong length: a stand-in; a real token has the full shape, found as a format.
  if (hasVendorPrefix(v)) return false
  // Without a name, a password is where a command or a call takes one: words count there.
  if ((kind === 'key' || name !== undefined) && isIdentifier(v, kind, name)) return false
  if (kind === 'password') return charClasses(v) >= 2 || v.length >= 12
  // Keys and tokens are ASCII: text in another script is a message.
  if (v.length < 12 || /[^\x21-\x7e]/.test(v)) return false
  if (/^[0-9a-f]+$/i.test(v) || UUID.test(v)) return v.length >= 16
  // Letters only: random when the case flips often (`TxNPANHxJPEs`), a word when it does not.
  if (/^[A-Za-z]+$/.test(v) && v.length < 24 && caseFlips(v) < v.length / 4) return false
  // Words joined in camelCase or PascalCase (`SimpleBlockToken`) are a name, not a key.
  if (CAMEL_WORDS.test(v.replace(/^[^A-Za-z0-9]+|[^A-Za-z0-9]+$/g, ''))) return false
  return charClasses(v) >= 2 && perChar(v) >= 3
}
