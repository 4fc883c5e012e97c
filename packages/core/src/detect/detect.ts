import { allMatches } from './all-matches.js'
import { matchCommands } from './commands.js'
import { type Claimed, matchKubernetesSecrets, matchNameValuePairs, matchXml } from './config-text.js'
import { TOKEN_FORMATS } from './formats.js'
import { compileFormats, type FormatMatch, scanFormats } from './formats/scan.js'
import { judgeNamedValue, perChar } from './judge.js'
import { describesNonSecret, NAME_HINT, NAME_HINT_WORDS, secretNameKind } from './names.js'
import { isPlaceholder } from './placeholder.js'
import { hasVendorPrefix, inPublicConfig, isEncodedText, isPublicValue, isSiteKey, keepFormatFinding } from './public.js'
import { matchSinks, SINK_WORDS } from './sinks.js'

export { judgeNamedValue }

/** A secret found in a value or a text: what it is, and where (in UTF-16 code units). */
export interface SecretFinding {
  /**
   * A format id (`github-token`) or how it was judged: `named`, `url-credentials`,
   * `url-parameter`, `authorization`, `assignment`, `command`, `sink`, `kubernetes-secret`,
   * `xml`, `entropy`.
   */
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

/** From `://` (found fast as a literal); the scheme before it is read backwards. */
const URL_CREDENTIALS = /:\/\/([^\s:@/?#'"`]+):([^\s@/?#'"`]+)@[^\s'"`]+/g
const URL_PARAMETER =
  /[?&#;](?:api[_-]?key|apikey|api[_-]?token|appid|app[_-]?key|app[_-]?secret|access[_-]?key|access[_-]?token|auth[_-]?token|private[_-]?token|refresh[_-]?token|token|secret|secret[_-]?key|client[_-]?secret|password|passwd|pwd|private[_-]?key|key|sig|signature)=([^&#;\s'"`]+)/gi
const AUTHORIZATION = /\b(?:Bearer|Basic|Token|Bot|Digest)\s+([A-Za-z0-9._~+/=-]{8,})/g
const AUTHORIZATION_WORDS = ['Bearer ', 'Basic ', 'Token ', 'Bot ', 'Digest ']
/**
 * A name given a value on one line, in the syntaxes of config files and languages: `name = v`,
 * `name: v`, `"name": "v"`, `name => v`, Go's `name := v`, `ENV['name'] = v`, a typed
 * `name: str = v`, and a call pair `("name", "v")`. The value is quoted (spaces and `;` allowed
 * inside) or runs to a delimiter.
 */
const ASSIGNMENT =
  /(?<name>[A-Za-z_][\w.-]*)(?:["']?\]?(?:[ \t]*:[ \t]*[A-Za-z_][\w.<>[\]|]*(?=[ \t]*=[^=>]))?[ \t]*(?::=|=>|=|:)|(?<pair>["'][ \t]*,))[ \t]*(?:(?<q>["'`])(?<quoted>[^"'`\n]{1,300}?)\k<q>|(?<bare>[^\s"'`,;&)}\]]+))/y
const SEALED_SECRET = /^kind:[ \t]*SealedSecret[ \t]*$/m

// `a == b`, `e.crossOrigin===` cut at a quote: code. `==` ending a value with no `.` in it is base64 padding.
const CODE_VALUE = /^[A-Za-z_$][\w$]*(?:\.[A-Za-z_$][\w$]*)+$|={3,}|={2}(?=[^=])|\.[\w$]*={2}$|=>|\)\s*[{?:]/

/** A token with no name to go by: only a long, random-looking, mixed-case string counts. */
function looksRandom(v: string, minLength = 32): boolean {
  if (v.length < minLength || v.length > 200 || !/^[A-Za-z0-9+/=_.-]+$/.test(v)) return false
  if (!/[a-z]/.test(v) || !/[A-Z]/.test(v) || !/[0-9]/.test(v)) return false
  if (/^[A-Za-z_$][\w$]*(?:\.[A-Za-z_$][\w$]*)+$/.test(v) || isPlaceholder(v) || hasVendorPrefix(v) || isSiteKey(v) || isEncodedText(v)) return false
  // Words in camelCase have long lower-case runs; random text rarely does. Identifiers made of
  // short words (`AWSSecurityTokenServiceV20110615`, `A_class_member_cannot_have_1248`) are
  // mostly runs of three or more lower-case letters; in random text a third of them at most.
  const runs = v.match(/[a-z]+/g) ?? ['']
  const longestLower = Math.max(...runs.map((s) => s.length))
  if (runs.reduce((n, s) => n + (s.length >= 3 ? s.length : 0), 0) >= v.length / 2) return false
  // A short string cannot reach the entropy of a long one: the bar follows its length.
  return longestLower < 8 && perChar(v) >= Math.min(4.2, Math.log2(v.length) - 0.4)
}

// Indexed once: one pass over a text finds every format's keywords, then only those formats run.
// The same pass finds where names and sink calls can start, for findSecrets.
const FORMAT_TABLE = compileFormats(TOKEN_FORMATS, [
  { words: NAME_HINT_WORDS, ignoreCase: true },
  { words: SINK_WORDS, ignoreCase: false },
  { words: AUTHORIZATION_WORDS, ignoreCase: false },
])
const HINT_PROBE = 0
const SINK_PROBE = 1
const AUTHORIZATION_PROBE = 2
const UNLESS_NAME = new Map(TOKEN_FORMATS.flatMap((format) => (format.unlessName ? [[format.id, format.unlessName] as const] : [])))
const FORMAT_LABELS = new Map(TOKEN_FORMATS.map((format) => [format, `${/^(?:[AEIOU]|npm|xAI)/i.test(format.label) ? 'an' : 'a'} ${format.label}`]))

/**
 * Known token formats in `text`; placeholders (`sk_live_xxxxxxxx…`, `AKIAXXXXXXXXXXXXXXXX`) are
 * not tokens. `before`: what stood before a value taken out of its line (`DD_API_KEY=`), for
 * the formats known only by their name.
 */
function matchFormats(text: string, before = ''): SecretFinding[] {
  return asFindings(scanFormats(text, FORMAT_TABLE, before))
}

const asFindings = (matches: FormatMatch[]): SecretFinding[] =>
  matches.map(({ format, index, length }) => ({ kind: format.id, label: FORMAT_LABELS.get(format)!, index, length }))

/** Format matches that hold up in their text (a key header with a body, not a public key). */
function formatsIn(text: string, matches = scanFormats(text, FORMAT_TABLE)): SecretFinding[] {
  return asFindings(matches).filter((f) => keepFormatFinding(text, f))
}

/** `authorizationWord`: whether the text holds one of {@link AUTHORIZATION_WORDS}, when a scan has looked already. */
function matchEmbedded(text: string, authorizationWord?: boolean): SecretFinding[] {
  const out: SecretFinding[] = []
  // Cheap guards first: most strings hold no URL, no parameter and no header value.
  if (text.includes('://') && text.includes('@'))
    for (const m of allMatches(URL_CREDENTIALS, text)) {
      const start = schemeStart(text, m.index)
      const password = m[2]!
      // `postgres://postgres:postgres@localhost`: a default that names itself, not a secret.
      if (start >= 0 && !isPlaceholder(decodeURIComponentSafe(password)) && !/^[:$%{<]/.test(password) && password.length >= 3 && password !== m[1]) {
        out.push({ kind: 'url-credentials', label: 'a password in a URL', index: start, length: m.index - start + m[0].length })
      }
    }
  if (text.includes('='))
    for (const m of allMatches(URL_PARAMETER, text)) {
      if (judgeNamedValue(decodeURIComponentSafe(m[1]!), 'key'))
        out.push({ kind: 'url-parameter', label: 'a key in a URL parameter', index: m.index, length: m[0].length })
    }
  if (authorizationWord ?? AUTHORIZATION_WORDS.some((w) => text.includes(w)))
    for (const m of allMatches(AUTHORIZATION, text)) {
      // Basic carries base64 of `user:password`; anything else after "Basic" is prose.
      const ok = m[0].startsWith('Basic') ? isBasicCredentials(m[1]!) : judgeNamedValue(m[1]!, 'key')
      if (ok) {
        out.push({ kind: 'authorization', label: 'an Authorization header value', index: m.index, length: m[0].length })
      }
    }
  return out
}

/** Where the scheme ending at `colon` starts (`postgres+srv` in `postgres+srv://`), or -1 when there is none. */
function schemeStart(text: string, colon: number): number {
  let i = colon
  while (i > 0 && /[A-Za-z0-9+.-]/.test(text[i - 1]!)) i--
  while (i < colon && !/[A-Za-z]/.test(text[i]!)) i++
  return i < colon && (i === 0 || !/\w/.test(text[i - 1]!)) ? i : -1
}

/** Secrets that structure gives away: commands, calls that take a key, Kubernetes Secrets, XML. */
function matchContext(text: string, claimed: Claimed, sinkHits?: readonly number[]): SecretFinding[] {
  const out = matchCommands(text)
  for (const found of [matchSinks(text, sinkHits), matchKubernetesSecrets(text, scanDecoded, claimed), matchXml(text), matchNameValuePairs(text)])
    if (found.length) out.push(...found)
  return out
}

/** A value decoded from a Kubernetes Secret: anything it holds that is a secret on its own. */
const scanDecoded = (text: string) => [...formatsIn(text), ...matchEmbedded(text), ...matchAssignments(text, [])]

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

/** Text holding settings: `Server=db;Password=...`, a JSON document, an .env file in a template, one `NAME=value` line. */
const isSettingsText = (value: string) =>
  (/[=:]/.test(value) && (/[\s;&,{"]/.test(value) || /^(?:\/\/\S*:)?[A-Za-z_][\w.-]*=/.test(value))) || /["'][ \t]*,[ \t]*["']/.test(value)
/** Two settings or more (`Server=db;Database=app`): a connection string, judged by what it holds, not as one key. */
const holdsSettings = (value: string) => (value.match(/(?:^|[\s;&,{"])[A-Za-z_][\w.-]*["']?[ \t]*[=:]/g)?.length ?? 0) >= 2

const named = (kind: 'password' | 'key', length: number): SecretFinding => ({
  kind: 'named',
  label: kind === 'password' ? 'a password' : 'a secret key or token',
  index: 0,
  length,
})

/**
 * Judges one value, such as a string literal: known token formats anywhere in it, URLs with
 * credentials or key parameters, Authorization values, commands, calls and config text that
 * carry a secret, then — when `name` says it holds a secret — the value itself. Returns the
 * strongest finding, or `undefined`.
 */
export function detectSecret(value: string, options: DetectOptions = {}): SecretFinding | undefined {
  if (value.length < 6 || isPublicValue(value)) return undefined
  const formats = matchFormats(value)
  const { name } = options
  // `apiKeySid: 'SK…'`: the name says which of a vendor's look-alike values this is.
  const format = formats.find((f) => keepFormatFinding(value, f) && !(name && UNLESS_NAME.get(f.kind)?.test(name)))
  if (format) return format
  // The whole value is a known token found public or an example (jwt.io's, a Supabase anon key):
  // what it is called does not make it a secret.
  if (formats.some((f) => f.index === 0 && f.length >= value.trim().length)) return undefined
  const claimed: Claimed = []
  if (value.length > 8) {
    const embedded = matchEmbedded(value)[0] ?? matchContext(value, claimed)[0]
    if (embedded) return embedded
  }
  const kind = options.kind === 'none' ? undefined : (options.kind ?? (name === undefined ? undefined : secretNameKind(name)))
  if (kind) {
    // A connection string under a secret name is judged by what it holds.
    if (holdsSettings(value)) return matchAssignments(value, claimed)[0]
    return judgeNamedValue(value, kind, name) ? named(kind, value.length) : undefined
  }
  // A name that says id, public or data (`clientId`, `siteKey`, `WASM_B64`): randomness is expected there.
  const quiet = options.kind === 'none' || (name !== undefined && describesNonSecret(name))
  if (!quiet && looksRandom(value.trim(), options.minRandomLength)) return { kind: 'entropy', label: 'a random-looking token', index: 0, length: value.length }
  return isSettingsText(value) ? matchAssignments(value, claimed)[0] : undefined
}

/** `[\w.-]` by character code: the name scan below asks it of every character it passes. */
const NAME_CODE = new Uint8Array(128)
for (const c of 'abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789_.-') NAME_CODE[c.charCodeAt(0)] = 1
const isNameCode = (c: number) => c < 128 && NAME_CODE[c] === 1
/** Compiled once; the scan below runs to its end before anything else can use it. */
const HINT_ALL = new RegExp(NAME_HINT.source, 'gi')
const ARN_BEFORE = /\barn:[\w-]*:[^\s]*$/

/**
 * Whether ASSIGNMENT's operator can follow a name ending at `at`: a quote and a `]` at most,
 * spaces, then `:` or `=` (or the `,` of a call pair). ASSIGNMENT's name runs to the end of the
 * name characters, so where this fails it cannot match; most names in code are not assigned a
 * literal there (`keys.map(`, `url)`), and this spares running the pattern for them.
 */
function operatorAt(text: string, at: number): boolean {
  let j = at
  let c = text.charCodeAt(j)
  if (c === 34 || c === 39) c = text.charCodeAt(++j)
  if (c === 93) c = text.charCodeAt(++j)
  while (c === 32 || c === 9) c = text.charCodeAt(++j)
  return c === 58 || c === 61 || c === 44
}

/** Every {@link NAME_HINT} in `text` as start and length pairs, in order: where any of its words starts. */
function hintsIn(text: string): number[] {
  const out: number[] = []
  const hint = HINT_ALL
  hint.lastIndex = 0
  for (let h = hint.exec(text); h; h = hint.exec(text)) {
    out.push(h.index, h[0].length)
    // No word of the hint starts another (none starts inside one either), so this finds them all.
    hint.lastIndex = h.index + 1
  }
  return out
}

/**
 * `name = value` pairs, read from the names only: a secret name holds one of a few parts
 * ({@link NAME_HINT}), so the text is searched for those and each hit widened to its name.
 * `hints`: where they are ({@link hintsIn}), when a scan has found them already.
 */
function assignments(text: string, hints = hintsIn(text)): RegExpExecArray[] {
  const out: RegExpExecArray[] = []
  // Where the search for the next hint resumes: hints before it are inside a name or a value already read.
  let resume = 0
  for (let k = 0; k < hints.length; k += 2) {
    const at = hints[k]!
    if (at < resume) continue
    const hintEnd = at + hints[k + 1]!
    let start = at
    while (start > 0 && isNameCode(text.charCodeAt(start - 1))) start--
    // `!PSK:!SRP` in a cipher list, `:secret:Name` in an ARN: parts of one token, not a name.
    const before = text.charCodeAt(start - 1)
    if (before === 33 || (before === 58 && ARN_BEFORE.test(text.slice(Math.max(0, start - 200), start)))) {
      resume = hintEnd
      continue
    }
    let end = hintEnd
    while (end < text.length && isNameCode(text.charCodeAt(end))) end++
    resume = end
    if (!operatorAt(text, end)) continue
    ASSIGNMENT.lastIndex = start
    const m = ASSIGNMENT.exec(text)
    if (m) {
      out.push(m)
      resume = Math.max(end, m.index + m[0].length)
    }
  }
  return out
}

function matchAssignments(text: string, claimed: Claimed, hints?: number[]): SecretFinding[] {
  const out: SecretFinding[] = []
  for (const m of assignments(text, hints)) {
    const { pair, quoted, bare } = m.groups!
    const name = m.groups!.name!
    const value = quoted ?? bare!
    // `("token", token)`: an argument next to a string, not a value given to a name.
    if (pair && (bare !== undefined || !givesPair(text, m.index))) continue
    const kind = secretNameKind(name)
    if (!kind || CODE_VALUE.test(value) || (bare !== undefined && isCode(value, name)) || claimed.some(([from, to]) => m.index >= from && m.index < to))
      continue
    if (!judgeNamedValue(value, kind, name) || inPublicConfig(text, m.index, name)) continue
    out.push({ kind: 'assignment', label: kind === 'password' ? 'a password' : 'a secret key or token', index: m.index, length: m[0].length })
  }
  return out
}

/** Calls that give a name its value: `headers.set(`, `os.Setenv(`, `config.put(`, `viper.SetDefault(`, `ENV.fetch(`. */
const PAIR_CALLEE = /(?:set|put|add|append|header|env|default|fetch|store|write|save|config|define|option|param|field|secret|credential)\w*\($/i

/**
 * Whether the quoted name at `at` opens a pair that sets a value: in a setter's arguments or an
 * entry (`['password', '…']`), not any two strings side by side (`argon2id('password', 'salt1234')`
 * hashes a password and a salt).
 */
function givesPair(text: string, at: number): boolean {
  let i = at - 1
  while (i >= 0 && (text[i] === ' ' || text[i] === '\t' || text[i] === '"' || text[i] === "'")) i--
  if (text[i] === '[') return true
  if (text[i] !== '(') return false
  return PAIR_CALLEE.test(text.slice(Math.max(0, i - 40), i + 1))
}

/**
 * A type name of three words or more glued on an upper-case letter (`MergeFunctionsOptions`,
 * `SSOAdminClientConfig`): what `^[A-Z](?:[A-Z0-9]*[a-z]{2,}){3,}[A-Z0-9]*$` says, counted run by
 * run, since that pattern tries every split of a long lower-case run before it fails.
 */
function isGluedWords(value: string): boolean {
  if (!/^[A-Z][A-Za-z0-9]*$/.test(value)) return false
  let words = 0
  for (const run of value.slice(1).match(/[a-z]+/g) ?? []) {
    if (run.length < 2) return false
    words += run.length >> 1
  }
  return words >= 3
}

/**
 * Whether an unquoted value is code rather than a setting: a call, an index, a type argument
 * (`stream.consume()`, `MergeFunctions<...>`), a chained assignment (`a.Token=a.Location=void 0`),
 * optional chaining, a type name (`password: BinaryLike`), or the name again (`ArrowToken = ArrowToken$1`).
 */
function isCode(value: string, name: string): boolean {
  // `!!config.x`, `/*#__PURE__*/function`: an expression, not a setting.
  if (/[([{<]|\?\.|=[^=]|^!|^\/\*/.test(value)) return true
  if (/^[A-Z][a-z]+(?:[A-Z][a-z]*)+$/.test(value) || isGluedWords(value)) return true
  const bare = (s: string) =>
    s
      .replace(/^.*\./, '')
      .replace(/[$\d]+/g, '')
      .toLowerCase()
  return /^[A-Za-z_$][\w$]*$/.test(value) && bare(value) === bare(name)
}

/**
 * Finds secrets in free text (comments, logs, files): known formats, credentials in URLs,
 * Authorization values, commands and calls that carry a secret, Kubernetes Secrets and XML
 * config, and `name = value` / `name: value` pairs whose name says secret.
 */
export function findSecrets(text: string): SecretFinding[] {
  const claimed: Claimed = []
  // A SealedSecret's `encryptedData` is ciphertext only the cluster can open: it is committed on purpose.
  if (SEALED_SECRET.test(text)) claimed.push([0, text.length])
  const hits: number[][] = [[], [], []]
  const formats = scanFormats(text, FORMAT_TABLE, '', hits)
  const context = matchContext(text, claimed, hits[SINK_PROBE])
  const candidates = formats.length ? formatsIn(text, formats) : []
  for (const found of [matchEmbedded(text, hits[AUTHORIZATION_PROBE]!.length > 0), context, matchAssignments(text, claimed, hits[HINT_PROBE])])
    if (found.length) candidates.push(...found)
  if (!candidates.length) return candidates
  // One report per place: where findings overlap, the stronger evidence (formats first) wins.
  const out: SecretFinding[] = []
  for (const f of candidates) {
    if (!out.some((o) => f.index < o.index + o.length && o.index < f.index + f.length)) out.push(f)
  }
  return out.sort((a, b) => a.index - b.index)
}
