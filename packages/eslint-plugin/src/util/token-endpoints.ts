import { wordsOf } from '@hush/core/detect'
import type { TSESTree } from '@typescript-eslint/utils'
import { keyName, lastName, staticText, unwrap } from './ast.js'
import { SAFE, secretValue, type Taint } from './taint.js'

/**
 * The path of an OAuth or OpenID token endpoint: its last segment is `token` or `access_token`
 * (`/oauth/token`, `/oauth2/v2.0/token`, `/login/oauth/access_token`, `/connect/token`,
 * `/auth/realms/x/protocol/openid-connect/token`). What it answers is a token set.
 */
const TOKEN_PATH = /\/(?:access[_-]?)?token\/?$/i
/** HTTP clients, by the name of the call: `axios.post`, `got(...)`, `ky.post`, `this.http.post`, `fetchWithRetry`. */
const HTTP_CALLS = /^(?:axios|got|ky|ofetch|\$fetch|needle|superagent|post|postForm|put|patch|get|request)$|fetch|Request$/i
/** Members of a token set that describe it: `expires_in`, `token_type`, `scope`, `refresh_token_expires_in`. */
const TOKEN_METADATA = /expires|(?:^|_)type$|[a-z]Type$|^scopes?$/

/** `tokenUrl`, `TOKEN_ENDPOINT`, `accessTokenUri`: a variable named for a token endpoint. */
function namedTokenUrl(node: TSESTree.Node): boolean {
  const name = lastName(node)
  if (!name) return false
  const words = wordsOf(name)
  return words.includes('token') && ['url', 'uri', 'endpoint'].includes(words.at(-1) ?? '')
}

/** Whether a URL expression is a token endpoint: by its text, or by the name of what holds it. */
function isTokenUrl(node: TSESTree.Node | undefined, resolve: (node: TSESTree.Node) => TSESTree.Node): boolean {
  if (!node || node.type === 'SpreadElement') return false
  let url = resolve(node)
  // `new URL('/oauth/token', issuer)`, `{ url: TOKEN_URL, method: 'POST' }` (axios, request).
  if (url.type === 'NewExpression' && lastName(url.callee) === 'URL' && url.arguments[0]) url = resolve(url.arguments[0])
  if (url.type === 'ObjectExpression') {
    const property = url.properties.find((p) => p.type === 'Property' && ['url', 'uri'].includes(keyName(p.key, p.computed) ?? ''))
    return property?.type === 'Property' && isTokenUrl(property.value, resolve)
  }
  const text = staticText(url)
  if (text !== undefined) return TOKEN_PATH.test(text.replace(/[?#].*$/s, ''))
  return namedTokenUrl(url) || namedTokenUrl(node)
}

/**
 * What a call to a token endpoint resolves to: `'response'` when it holds the token set
 * (axios's `{ data }`, got's `{ body }`, `$fetch`'s parsed body), `'fetch'` for a fetch `Response`,
 * whose body only `.json()` or `.text()` reads. A route (`app.post('/token', handler)`) is no call to one.
 */
export function tokenEndpointCall(call: TSESTree.CallExpression, resolve: (node: TSESTree.Node) => TSESTree.Node): 'response' | 'fetch' | undefined {
  const callee = unwrap(call.callee)
  const name = lastName(callee)
  if (!name || !HTTP_CALLS.test(name)) return undefined
  if (call.arguments.some((a) => a.type === 'ArrowFunctionExpression' || a.type === 'FunctionExpression')) return undefined
  if (!isTokenUrl(call.arguments[0], resolve)) return undefined
  let root: TSESTree.Node = callee
  while (root.type === 'MemberExpression') root = unwrap(root.object)
  const fetchLike = name === 'fetch' || (root.type === 'Identifier' && root.name === 'ky')
  return fetchLike ? 'fetch' : 'response'
}

/** A token set, or the response that carries one: its tokens are secrets, its expiry, type and scope are not. */
export function tokenResponse(what: string, kind: 'response' | 'fetch', isSecret: (name: string) => boolean): Taint {
  const tokens: Taint = {
    leak: () => what,
    member: (name) => {
      if (name === 'data' || name === 'body') return tokens
      return name !== undefined && isSecret(name) && !TOKEN_METADATA.test(name) ? secretValue(`"${name}"`) : SAFE
    },
    opaque: true,
  }
  // A fetch Response prints its status and headers, not its body.
  return kind === 'fetch' ? { leak: () => undefined, member: (name) => (name === 'body' ? tokens : SAFE) } : tokens
}
