import { secretNameKind } from '@hush/core/detect'
import type { TSESTree } from '@typescript-eslint/utils'
import { keyName, lastName } from './ast.js'

/** An argument that takes a secret whatever it is called or looks like. */
export interface Sink {
  /** Passwords may be human (`my-jwt-secret`); keys must look random. */
  kind: 'password' | 'key'
  /** For messages: "A JWT signing secret". */
  label: string
  /** The call, for messages: `jwt.sign()`. */
  call: string
  /** The env var a suggestion reads instead. */
  env: string
  /** For messages, when "as the key of <call>" does not fit. */
  where?: string
}

type Call = TSESTree.CallExpression | TSESTree.NewExpression

const JWT_OBJECTS = /^(?:jwt|jsonwebtoken|jsonWebToken|JWT)$/
const JOSE_VERIFY = new Set(['jwtVerify', 'jwtDecrypt', 'compactVerify', 'compactDecrypt', 'flattenedVerify', 'flattenedDecrypt', 'generalVerify'])
const JOSE_BUILDERS = new Set(['SignJWT', 'EncryptJWT', 'CompactSign', 'CompactEncrypt', 'FlattenedSign', 'GeneralSign'])
const CRYPTO_JS_HMAC = /^Hmac(?:SHA\d+|MD5|SHA3|RIPEMD160)$/

const jwt = (call: string): Sink => ({ kind: 'password', label: 'a JWT signing secret', call, env: 'JWT_SECRET' })

/** Whether the module imports `name` from `source` (`import { sign } from 'jsonwebtoken'`). */
function importsFrom(node: TSESTree.Node, name: string, source: string): boolean {
  let program: TSESTree.Node = node
  while (program.parent) program = program.parent
  return (
    program.type === 'Program' &&
    program.body.some(
      (s) => s.type === 'ImportDeclaration' && s.source.value === source && s.specifiers.some((x) => x.type === 'ImportSpecifier' && x.local.name === name),
    )
  )
}

/** `new SignJWT(...).setProtectedHeader(...).sign(key)`: a jose builder somewhere down the chain. */
function isJoseChain(node: TSESTree.Node): boolean {
  for (let n: TSESTree.Node | undefined = node; n;) {
    if (n.type === 'NewExpression') return n.callee.type === 'Identifier' && JOSE_BUILDERS.has(n.callee.name)
    if (n.type === 'CallExpression') n = n.callee
    else if (n.type === 'MemberExpression') n = n.object
    else return false
  }
  return false
}

/** The sink `call` makes of its argument `index`, if that argument is a key. */
export function sinkOf(call: Call, index: number): Sink | undefined {
  const callee = call.callee
  const member = callee.type === 'MemberExpression' ? callee : undefined
  const fn = member ? keyName(member.property, member.computed) : callee.type === 'Identifier' ? callee.name : undefined
  if (!fn) return undefined
  const object = member ? lastName(member.object) : undefined
  switch (fn) {
    case 'sign':
    case 'verify':
      // `jwt.sign(payload, key)`, or `sign` imported by name from jsonwebtoken.
      if (index === 1 && (member ? object !== undefined && JWT_OBJECTS.test(object) : importsFrom(call, fn, 'jsonwebtoken')))
        return jwt(`${object ? `${object}.` : ''}${fn}()`)
      if (index === 0 && fn === 'sign' && member && isJoseChain(member.object)) return jwt('SignJWT.sign()')
      return undefined
    case 'encrypt':
      if (index === 0 && member && isJoseChain(member.object)) return jwt('EncryptJWT.encrypt()')
      // crypto-js: `CryptoJS.AES.encrypt(message, passphrase)`.
      if (index === 1 && object && /^(?:AES|DES|TripleDES|Rabbit|RC4)$/.test(object))
        return { kind: 'password', label: 'an encryption key', call: `${object}.encrypt()`, env: 'ENCRYPTION_KEY' }
      return undefined
    case 'decrypt':
      if (index === 1 && object && /^(?:AES|DES|TripleDES|Rabbit|RC4)$/.test(object))
        return { kind: 'password', label: 'an encryption key', call: `${object}.decrypt()`, env: 'ENCRYPTION_KEY' }
      return undefined
    case 'createHmac':
      return index === 1 ? { kind: 'password', label: 'an HMAC key', call: 'createHmac()', env: 'HMAC_KEY' } : undefined
    case 'createCipheriv':
    case 'createDecipheriv':
      return index === 1 ? { kind: 'password', label: 'an encryption key', call: `${fn}()`, env: 'ENCRYPTION_KEY' } : undefined
    case 'createSecretKey':
      return index === 0 ? { kind: 'password', label: 'a secret key', call: 'createSecretKey()', env: 'SECRET_KEY' } : undefined
    case 'importKey':
      // `crypto.subtle.importKey('raw', encode('...'), ...)`: raw key bytes.
      return index === 1 ? { kind: 'password', label: 'a secret key', call: 'importKey()', env: 'SECRET_KEY' } : undefined
    case 'cookieParser':
      return index === 0 ? { kind: 'password', label: 'a cookie signing secret', call: 'cookieParser()', env: 'COOKIE_SECRET' } : undefined
    case 'Sequelize':
      // `new Sequelize(database, username, password, options)`.
      return index === 2 && call.arguments.length >= 3
        ? { kind: 'password', label: 'a database password', call: 'new Sequelize()', env: 'DB_PASSWORD' }
        : undefined
    case 'OAuth2':
    case 'OAuth2Client':
      // google-auth-library: `new OAuth2Client(clientId, clientSecret, redirectUri)`.
      return index === 1 ? { kind: 'key', label: 'an OAuth client secret', call: `new ${fn}()`, env: 'OAUTH_CLIENT_SECRET' } : undefined
    case 'Credentials':
      // AWS SDK v2: `new AWS.Credentials(accessKeyId, secretAccessKey, sessionToken)`.
      return index === 1 || index === 2
        ? { kind: 'key', label: 'an AWS secret access key', call: 'new Credentials()', env: 'AWS_SECRET_ACCESS_KEY' }
        : undefined
    case 'twilio':
    case 'Twilio':
      // `twilio(accountSid, authToken)`: the SID is an id, the token the secret.
      return index === 1 ? { kind: 'key', label: 'a Twilio auth token', call: `${fn}()`, env: 'TWILIO_AUTH_TOKEN' } : undefined
  }
  if (JOSE_VERIFY.has(fn)) return index === 1 ? jwt(`${fn}()`) : undefined
  if (CRYPTO_JS_HMAC.test(fn) && index === 1) return { kind: 'password', label: 'an HMAC key', call: `${fn}()`, env: 'HMAC_KEY' }
  return undefined
}

/**
 * `client.setApiKey('...')`, `sgMail.setApiKey(...)`, `api.setAccessToken(...)`: a setter named
 * for a secret gives its argument that name.
 */
export function setterName(call: Call, index: number): string | undefined {
  if (index !== 0 || call.arguments.length !== 1 || call.callee.type !== 'MemberExpression') return undefined
  const fn = keyName(call.callee.property, call.callee.computed)
  const m = fn ? /^set([A-Z]\w*)$/.exec(fn) : null
  return m && secretNameKind(m[1]!) ? m[1] : undefined
}

/**
 * `basicAuth({ users: { admin: '...' } })` (express-basic-auth): each value of `users` is a
 * password, whatever the user is called.
 */
export function isUsersMap(object: TSESTree.ObjectExpression): boolean {
  const holder = object.parent
  if (holder?.type !== 'Property' || keyName(holder.key, holder.computed) !== 'users' || holder.parent.type !== 'ObjectExpression') return false
  const call = holder.parent.parent
  return call?.type === 'CallExpression' && call.callee.type === 'Identifier' && /basicAuth/i.test(call.callee.name)
}

/** Members of a JSON Web Key that hold private or symmetric key material; the rest are public. */
const JWK_PRIVATE = new Set(['d', 'p', 'q', 'dp', 'dq', 'qi', 'k'])

/** For a member of a JWK (an object with `kty`): whether it is key material or public. */
export function jwkMember(object: TSESTree.ObjectExpression, key: string | undefined): 'private' | 'public' | undefined {
  if (!key || !object.properties.some((p) => p.type === 'Property' && keyName(p.key, p.computed) === 'kty')) return undefined
  return JWK_PRIVATE.has(key) ? 'private' : 'public'
}

const VALUE_KEYS = new Set(['value', 'Value', 'ParameterValue', 'defaultValue'])
const NAME_KEYS = ['name', 'Name', 'key', 'Key', 'ParameterKey', 'ParameterName']

/**
 * The name a `value` is given by a sibling: `{ name: 'DB_PASSWORD', value: '...' }` (ECS and
 * Kubernetes env lists written as objects), `{ Name: '/prod/db/password', Value: '...' }`
 * (SSM), `{ ParameterKey: 'DbPassword', ParameterValue: '...' }` (CloudFormation).
 */
export function siblingName(object: TSESTree.ObjectExpression, key: string | undefined): string | undefined {
  if (!key || !VALUE_KEYS.has(key)) return undefined
  for (const p of object.properties) {
    if (p.type !== 'Property' || !NAME_KEYS.includes(keyName(p.key, p.computed) ?? '')) continue
    if (p.value.type === 'Literal' && typeof p.value.value === 'string') return p.value.value.replace(/^.*\//, '')
  }
  return undefined
}

/** Keys that make an object a Firebase web config or Algolia search settings, whose `apiKey` is public. */
const PUBLIC_CONFIG_KEYS = new Set(['authDomain', 'messagingSenderId', 'storageBucket', 'measurementId', 'indexName', 'searchOnlyApiKey'])

/** Whether `object` is a config whose API key is meant to be in the page. */
export function isPublicConfig(object: TSESTree.ObjectExpression): boolean {
  return object.properties.some((p) => p.type === 'Property' && PUBLIC_CONFIG_KEYS.has(keyName(p.key, p.computed) ?? ''))
}
