import type { SecretFinding } from './detect.js'
import { judgeNamedValue } from './judge.js'
import { secretNameKind } from './names.js'

/**
 * Calls whose argument is a key whatever it looks like: `jwt.sign(payload, '...')`,
 * `createHmac('sha256', '...')`, `createCipheriv(alg, '...', iv)`, `cookieParser('...')`,
 * jose's `new TextEncoder().encode('...')` handed to a signer. Read in text (a file, a code
 * sample in a string); the ESLint rule reads the same calls from the syntax tree.
 */

/** A sink: words one of which the text must hold, the call, which argument (0-based) is the key, a label. */
const SINKS: Array<[string[], RegExp, number, string]> = [
  [['jwt.', 'JWT.', 'jsonwebtoken.', 'jsonWebToken.'], /\b(?:jwt|jsonwebtoken|JWT|jsonWebToken)\.(?:sign|verify)\s*\(/g, 1, 'a JWT signing secret'],
  [['createHmac'], /\bcreateHmac\s*\(/g, 1, 'an HMAC key'],
  [['ipheriv'], /\bcreate(?:Dec|C)ipheriv\s*\(/g, 1, 'an encryption key'],
  [['createSecretKey'], /\bcreateSecretKey\s*\(/g, 0, 'a secret key'],
  [['cookieParser'], /\bcookieParser\s*\(/g, 0, 'a cookie signing secret'],
  [
    ['jwtVerify', 'jwtDecrypt', 'compactVerify', 'compactDecrypt', 'flattenedVerify'],
    /\b(?:jwtVerify|jwtDecrypt|compactVerify|compactDecrypt|flattenedVerify)\s*\(/g,
    1,
    'a JWT signing secret',
  ],
  [['TextEncoder'], /\.(?:sign|encrypt)\s*\((?=\s*new\s+TextEncoder\b)/g, 0, 'a JWT signing secret'],
]

/**
 * A string literal, bare or wrapped in a call that keeps its meaning: `'...'`,
 * `Buffer.from('...', 'hex')`, `new TextEncoder().encode('...')`.
 */
const LITERAL_ARG =
  /^\s*(?:Buffer\.from\s*\(|new\s+TextEncoder\s*\(\s*\)\s*\.encode\s*\(|\w+\.encode\s*\()?\s*(['"`])((?:(?!\1)[^\\\n$]|\\.)*)\1\s*(?:,\s*['"]\w+['"]\s*)?\)?\s*$/

/** `const secret = new TextEncoder().encode('...')`: a key by its name and its encoding. */
const ENCODED_KEY = /\b([A-Za-z_$][\w$]*)\s*=\s*new\s+TextEncoder\s*\(\s*\)\s*\.encode\s*\(\s*(['"`])((?:(?!\2)[^\\\n$]|\\.)*)\2/g

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

/** One test for all the words above: most texts hold none. */
const HINT = /jwt\.|JWT\.|jsonwebtoken\.|jsonWebToken\.|createHmac|ipheriv|createSecretKey|cookieParser|Verify|Decrypt|TextEncoder/

export function matchSinks(text: string): SecretFinding[] {
  if (!HINT.test(text)) return []
  const out: SecretFinding[] = []
  for (const [words, re, n, label] of SINKS) {
    if (!words.some((w) => text.includes(w))) continue
    for (const m of text.matchAll(re)) {
      const arg = argument(text, m.index + m[0].length, n)
      const hit = arg && judgeLiteral(arg, label)
      if (hit) out.push(hit)
    }
  }
  if (text.includes('TextEncoder'))
    for (const m of text.matchAll(ENCODED_KEY)) {
      const name = m[1]!
      if (!secretNameKind(name) && !/key/i.test(name)) continue
      if (judgeNamedValue(m[3]!, 'password'))
        out.push({ kind: 'sink', label: 'a JWT signing secret', index: m.index + m[0].length - m[3]!.length - 1, length: m[3]!.length })
    }
  return out
}
