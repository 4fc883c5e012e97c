import type { SecretFinding } from './detect.js'
import { judgeNamedValue } from './judge.js'
import { secretNameKind } from './names.js'

/**
 * Calls whose argument is a key whatever it looks like: `jwt.sign(payload, '...')`,
 * `createHmac('sha256', '...')`, `createCipheriv(alg, '...', iv)`, `cookieParser('...')`,
 * jose's `new TextEncoder().encode('...')` handed to a signer. Read in text (a file, a code
 * sample in a string); the ESLint rule reads the same calls from the syntax tree.
 */

/**
 * A sink: the call (matched where it starts), which argument (0-based) is the key, a label.
 * Each pattern starts where {@link SINK_START} finds a start, so it is tried only there.
 */
const SINKS: Array<[RegExp, number, string]> = [
  [/\b(?:jwt|jsonwebtoken|JWT|jsonWebToken)\.(?:sign|verify)\s*\(/y, 1, 'a JWT signing secret'],
  [/\bcreateHmac\s*\(/y, 1, 'an HMAC key'],
  [/\bcreate(?:Dec|C)ipheriv\s*\(/y, 1, 'an encryption key'],
  [/\bcreateSecretKey\s*\(/y, 0, 'a secret key'],
  [/\bcookieParser\s*\(/y, 0, 'a cookie signing secret'],
  [/\b(?:jwtVerify|jwtDecrypt|compactVerify|compactDecrypt|flattenedVerify)\s*\(/y, 1, 'a JWT signing secret'],
  [/\.(?:sign|encrypt)\s*\((?=\s*new\s+TextEncoder\b)/y, 0, 'a JWT signing secret'],
]

/**
 * Words every sink call starts with, after its `\b`: found by the format scan's single pass
 * over a text (a probe), each is where the sinks' patterns are tried.
 */
export const SINK_WORDS = [
  'jwt.',
  'JWT.',
  'jsonwebtoken.',
  'jsonWebToken.',
  'createHmac',
  'createSecretKey',
  'createDecipheriv',
  'createCipheriv',
  'cookieParser',
  'jwtVerify',
  'jwtDecrypt',
  'compactVerify',
  'compactDecrypt',
  'flattenedVerify',
  '.sign',
  '.encrypt',
]

/**
 * Where any sink's call can start, in one pass over the text, when no probe has found them:
 * searched one position past each hit, so starts inside another (`.sign(` in `jwt.sign(`) are
 * found too.
 */
const SINK_START =
  /\b(?:jwt|jsonwebtoken|JWT|jsonWebToken)\.(?:sign|verify)|\bcreate(?:Hmac|SecretKey|Decipheriv|Cipheriv)|\bcookieParser|\b(?:jwtVerify|jwtDecrypt|compactVerify|compactDecrypt|flattenedVerify)|\.(?:sign|encrypt)\s*\(/g

/**
 * A string literal, bare or wrapped in a call that keeps its meaning: `'...'`,
 * `Buffer.from('...', 'hex')`, `new TextEncoder().encode('...')`.
 */
const LITERAL_ARG =
  /^\s*(?:Buffer\.from\s*\(|new\s+TextEncoder\s*\(\s*\)\s*\.encode\s*\(|\w+\.encode\s*\()?\s*(['"`])((?:(?!\1)[^\\\n$]|\\.)*)\1\s*(?:,\s*['"]\w+['"]\s*)?\)?\s*$/

/** `const secret = new TextEncoder().encode('...')`: a key by its name and its encoding; tried where the name of a `TextEncoder` found before can start. */
const ENCODED_KEY = /\b([A-Za-z_$][\w$]*)\s*=\s*new\s+TextEncoder\s*\(\s*\)\s*\.encode\s*\(\s*(['"`])((?:(?!\2)[^\\\n$]|\\.)*)\2/y
const SPACE = /\s/
const isNameChar = (c: number) => (c >= 48 && c <= 57) || (c >= 65 && c <= 90) || (c >= 97 && c <= 122) || c === 95 || c === 36

/**
 * Matches of `re` (sticky) at the `starts` given, ascending and apart as a global search
 * would find them: a start inside the last match is skipped.
 */
function* matchesAt(text: string, re: RegExp, starts: Iterable<number>): Generator<RegExpExecArray> {
  let next = 0
  for (const at of starts) {
    if (at < next) continue
    re.lastIndex = at
    const m = re.exec(text)
    if (m) {
      next = at + Math.max(m[0].length, 1)
      yield m
    }
  }
}

/** Where the name in `name = new TextEncoder(` can start, for each `new TextEncoder` in the text. */
function* encodedKeyStarts(text: string): Generator<number> {
  for (let p = text.indexOf('TextEncoder'); p >= 0; p = text.indexOf('TextEncoder', p + 1)) {
    let i = p
    if (i === 0 || !SPACE.test(text[i - 1]!)) continue
    while (i > 0 && SPACE.test(text[i - 1]!)) i--
    if (!text.startsWith('new', i - 3)) continue
    i -= 3
    while (i > 0 && SPACE.test(text[i - 1]!)) i--
    if (text[i - 1] !== '=') continue
    i--
    while (i > 0 && SPACE.test(text[i - 1]!)) i--
    const nameEnd = i
    while (i > 0 && isNameChar(text.charCodeAt(i - 1))) i--
    for (let at = i; at < nameEnd; at++) yield at
  }
}

/** The text of argument `n` of the call whose `(` is just before `from`, and where it starts. */
function argument(text: string, from: number, n: number): { text: string; at: number } | undefined {
  let depth = 0
  let index = 0
  let start = from
  const end = Math.min(text.length, from + 400)
  for (let i = from; i < end; i++) {
    const c = text[i]!
    if (c === '"' || c === "'" || c === '`') {
      // Skip the string, escapes included; an unclosed one ends the search.
      let j = i + 1
      while (j < end && text[j] !== c) j += text[j] === '\\' ? 2 : 1
      if (j >= end) return undefined
      i = j
    } else if (c === '(' || c === '[' || c === '{') depth++
    else if (depth > 0 && (c === ')' || c === ']' || c === '}')) depth--
    else if (depth === 0 && (c === ',' || c === ')')) {
      if (index === n) return { text: text.slice(start, i), at: start }
      if (c === ')') return undefined
      index++
      start = i + 1
    }
  }
  return undefined
}

function judgeLiteral(arg: { text: string; at: number }, label: string): SecretFinding | undefined {
  const m = LITERAL_ARG.exec(arg.text)
  if (!m) return undefined
  const value = m[2]!
  // The key is a secret whatever it looks like, so a human one (`my-jwt-secret`) counts too.
  if (!judgeNamedValue(value, 'password')) return undefined
  return { kind: 'sink', label, index: arg.at + m.index + m[0].indexOf(m[1]! + value) + 1, length: value.length }
}

/** `hits`: where {@link SINK_WORDS} are in the text, as start and length pairs; searched for when not given. */
export function matchSinks(text: string, hits?: readonly number[]): SecretFinding[] {
  const out: SecretFinding[] = []
  let starts: number[] | undefined
  if (hits) {
    if (hits.length) starts = hits.filter((_, i) => i % 2 === 0)
  } else
    for (let m = SINK_START.exec(text); m; m = SINK_START.exec(text)) {
      ;(starts ??= []).push(m.index)
      SINK_START.lastIndex = m.index + 1
    }
  if (starts)
    for (const [re, n, label] of SINKS) {
      for (const m of matchesAt(text, re, starts)) {
        const arg = argument(text, m.index + m[0].length, n)
        const hit = arg && judgeLiteral(arg, label)
        if (hit) out.push(hit)
      }
    }
  if (text.includes('TextEncoder'))
    for (const m of matchesAt(text, ENCODED_KEY, encodedKeyStarts(text))) {
      const name = m[1]!
      if (!secretNameKind(name) && !/key/i.test(name)) continue
      if (judgeNamedValue(m[3]!, 'password'))
        out.push({ kind: 'sink', label: 'a JWT signing secret', index: m.index + m[0].length - m[3]!.length - 1, length: m[3]!.length })
    }
  return out
}
