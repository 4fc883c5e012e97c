import { allMatches } from './all-matches.js'
import type { SecretFinding } from './detect.js'
import { judgeNamedValue } from './judge.js'
import { secretNameKind } from './names.js'
import { decodeText } from './public.js'

/**
 * Config formats held in strings whose secrets are not `name = value` pairs: Kubernetes
 * Secret manifests (every `data:` value is a secret, base64-encoded) and XML (`<password>`
 * elements in Maven settings, `<add key="ClearTextPassword" value="..."/>` in NuGet.Config).
 */

/** Ranges of the text a matcher has judged whole: the generic `name: value` reading skips them. */
export type Claimed = Array<[start: number, end: number]>

/** Keys of a Secret's data that name where or who, not the secret. */
const NOT_SECRET_KEY =
  /^(?:user(?:name)?|login|e?mail|host(?:name)?|port|db|database|db[-_]?name|name|namespace|region|endpoint|server|url|uri|.*\.(?:crt|pem\.pub|pub)|ca)$/i

const SECRET_KIND = /^[ \t]*["']?kind["']?[ \t]*:[ \t]*["']?Secret["']?[ \t]*$/m

/**
 * In each `kind: Secret` document, the entries of `data:` (base64) and `stringData:` (plain).
 * A value counts when it decodes to a secret by its key's name, holds a known secret (a PEM
 * key, a URL with a password, a `.dockerconfigjson` auth), or is random bytes.
 */
export function matchKubernetesSecrets(text: string, scan: (text: string) => SecretFinding[], claimed: Claimed): SecretFinding[] {
  if (!text.includes('Secret') || !SECRET_KIND.test(text)) return []
  const out: SecretFinding[] = []
  let pos = 0
  for (const doc of text.split(/^---[ \t]*$/m)) {
    const start = pos
    pos += doc.length + 3
    if (!SECRET_KIND.test(doc)) continue
    for (const block of doc.matchAll(/^([ \t]*)(data|stringData)[ \t]*:[ \t]*\r?\n((?:\1[ \t]+[^\n]*(?:\n|$)|[ \t]*\r?\n)*)/gm)) {
      const encoded = block[2] === 'data'
      const blockStart = start + block.index + block[0].length - block[3]!.length
      claimed.push([blockStart, blockStart + block[3]!.length])
      for (const e of block[3]!.matchAll(/^[ \t]+["']?([\w.-]+)["']?[ \t]*:[ \t]*(["']?)([^\s"'#]+)\2/gm)) {
        const [, key, , raw] = e
        const decoded = encoded ? decodeText(raw!) : raw!
        const at = blockStart + e.index + e[0].length - raw!.length - e[2]!.length
        if (isSecretEntry(key!, raw!, decoded, scan))
          out.push({ kind: 'kubernetes-secret', label: 'a value in a Kubernetes Secret', index: at, length: raw!.length })
      }
    }
  }
  return out
}

function isSecretEntry(key: string, raw: string, decoded: string | undefined, scan: (text: string) => SecretFinding[]): boolean {
  // Bytes that are not text: key material (a keystore, a random key), unless tiny.
  if (decoded === undefined) return raw.length >= 24 && !NOT_SECRET_KEY.test(key)
  if (scan(decoded).length) return true
  if (NOT_SECRET_KEY.test(key)) return false
  return judgeNamedValue(decoded, secretNameKind(key) ?? 'key', key)
}

const XML_ELEMENT = /<([A-Za-z_][\w.-]*:)?([A-Za-z_][\w.-]*)(?:\s[^<>]*)?>([^<\n]{1,300})<\/\1?\2>/g
const XML_ADD_HINT = /<add\s/i
const XML_ADD = /<add\s+(?:key|name)\s*=\s*"([^"]+)"\s+value\s*=\s*"([^"]*)"|<add\s+value\s*=\s*"([^"]*)"\s+(?:key|name)\s*=\s*"([^"]+)"/gi

/**
 * `<password>...</password>` (Maven, Ant, app configs) and `<add key="ApiKey" value="..."/>`
 * (NuGet, .NET appSettings), judged by the element's or the key's name. Maven's encrypted
 * form `{...}` and references `${env.X}` pass.
 */
export function matchXml(text: string): SecretFinding[] {
  if (!text.includes('<')) return []
  const out: SecretFinding[] = []
  const judge = (name: string, value: string, at: number) => {
    const kind = secretNameKind(name)
    const v = value.trim()
    if (kind && !/^\{[A-Za-z0-9+/=]+\}$/.test(v) && judgeNamedValue(v, kind, name))
      out.push({ kind: 'xml', label: kind === 'password' ? 'a password' : 'a secret key or token', index: at + value.indexOf(v), length: v.length })
  }
  if (text.includes('</')) for (const m of allMatches(XML_ELEMENT, text)) judge(m[2]!, m[3]!, m.index + m[0].indexOf('>') + 1)
  if (XML_ADD_HINT.test(text))
    for (const m of allMatches(XML_ADD, text)) {
      const value = m[2] ?? m[3]!
      const at = m[2] === undefined ? m[0].indexOf(`"${value}"`) : m[0].lastIndexOf(`"${value}"`)
      judge(m[1] ?? m[4]!, value, m.index + at + 1)
    }
  return out
}

/**
 * A name and its value as two fields: Kubernetes and Compose env lists (`- name: DB_PASSWORD`
 * then `value: ...`), ECS task definitions (`{"name": "API_KEY", "value": "..."}`), Terraform
 * variables (`variable "db_password" { default = "..." }`).
 */
const NAME_THEN_VALUE =
  /["']?name["']?[ \t]*:[ \t]*["']?([A-Za-z_][\w.-]*)["']?[ \t]*(?:,[ \t]*|\r?\n[ \t]*(?:-[ \t]+)?)["']?value["']?[ \t]*:[ \t]*(?:(["'])([^"'\n]{1,300})\2|([^\s"',}#]+))/g
const VALUE_THEN_NAME = /["']?value["']?[ \t]*:[ \t]*(["'])([^"'\n]{1,300})\1[ \t]*,[ \t]*["']?name["']?[ \t]*:[ \t]*["']([A-Za-z_][\w.-]*)["']/g
const TERRAFORM_VARIABLE = /\bvariable[ \t]+"([A-Za-z_][\w-]*)"[ \t]*\{[^}]{0,400}?\bdefault[ \t]*=[ \t]*"([^"\n]{1,300})"/g

export function matchNameValuePairs(text: string): SecretFinding[] {
  const out: SecretFinding[] = []
  // Each pattern holds its words literally: a text missing one cannot match.
  const pairs = text.includes('value') && text.includes('name')
  const terraform = text.includes('variable') && text.includes('default')
  if (!pairs && !terraform) return out
  const judge = (name: string, value: string, at: number) => {
    const kind = secretNameKind(name)
    if (kind && judgeNamedValue(value, kind, name))
      out.push({ kind: 'assignment', label: kind === 'password' ? 'a password' : 'a secret key or token', index: at, length: value.length })
  }
  if (pairs) {
    for (const m of allMatches(NAME_THEN_VALUE, text)) {
      const value = m[3] ?? m[4]!
      judge(m[1]!, value, m.index + m[0].length - value.length - (m[2] ? 1 : 0))
    }
    for (const m of allMatches(VALUE_THEN_NAME, text)) judge(m[3]!, m[2]!, m.index + m[0].indexOf(m[2]!))
  }
  if (terraform) for (const m of allMatches(TERRAFORM_VARIABLE, text)) judge(m[1]!, m[2]!, m.index + m[0].length - m[2]!.length - 1)
  return out
}
