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
    case 'bind':
      // ldapjs / ldapts `client.bind(dn, password)`: a DN first (`cn=…,dc=…`), not `fn.bind(this, …)`.
      return index === 1 && isDistinguishedName(call.arguments[0])
        ? { kind: 'password', label: 'an LDAP bind password', call: 'bind()', env: 'LDAP_PASSWORD', where: ' in bind()' }
        : undefined
    case 'scrypt':
    case 'scryptSync':
    case 'pbkdf2':
    case 'pbkdf2Sync':
      // A key derived from a literal is that literal, hardcoded.
      return index === 0
        ? { kind: 'password', label: 'a key derivation passphrase', call: `${fn}()`, env: 'ENCRYPTION_PASSPHRASE', where: ` in ${fn}()` }
        : undefined
    case 'hash':
    case 'hashSync':
      // `bcrypt.hash('…', 10)` in a seed: the account's password ships with the code.
      return index === 0 && object !== undefined && /^(?:bcrypt|bcryptjs|argon2|argon)$/i.test(object)
        ? { kind: 'password', label: 'a password', call: `${object}.${fn}()`, env: 'SEED_PASSWORD', where: ` hashed by ${object}.${fn}()` }
        : undefined
    case 'getPersonalAccessTokenHandler':
    case 'getBearerHandler':
    case 'getHandlerFromToken':
      // azure-devops-node-api's credential handlers.
      return index === 0 ? { kind: 'key', label: 'an access token', call: `${fn}()`, env: 'AZURE_DEVOPS_TOKEN', where: ` in ${fn}()` } : undefined
    case 'getBasicHandler':
      return index === 1 ? { kind: 'password', label: 'a password', call: `${fn}()`, env: 'AZURE_DEVOPS_PASSWORD', where: ` in ${fn}()` } : undefined
    case 'twilio':
    case 'Twilio':
      // `twilio(accountSid, authToken)`: the SID is an id, the token the secret.
      return index === 1 ? { kind: 'key', label: 'a Twilio auth token', call: `${fn}()`, env: 'TWILIO_AUTH_TOKEN' } : undefined
  }
  if (JOSE_VERIFY.has(fn)) return index === 1 ? jwt(`${fn}()`) : undefined
  if (CRYPTO_JS_HMAC.test(fn) && index === 1) return { kind: 'password', label: 'an HMAC key', call: `${fn}()`, env: 'HMAC_KEY' }
  return undefined
}

/** `'cn=svc,ou=services,dc=acme,dc=local'`: an LDAP distinguished name, as a literal. */
function isDistinguishedName(node: TSESTree.Node | undefined): boolean {
  return node?.type === 'Literal' && typeof node.value === 'string' && /^(?:[a-zA-Z]+=[^,=]+,)+[a-zA-Z]+=[^,=]+$/.test(node.value.trim())
}

/** `req.query.key`, `request.headers['x-api-key']`, `ctx.query.token`: what a caller sent. */
const REQUEST_INPUT = /^(?:req|request|ctx|context|event|c)$/
const REQUEST_PARTS = new Set(['query', 'headers', 'body', 'params', 'cookies', 'queryStringParameters', 'searchParams'])

/**
 * A literal compared with what a request carries is the shared secret the request must know:
 * `if (req.query.key !== '85f7…')`. Keys only (random-looking), so `req.query.mode === 'dark'` passes.
 */
export function isRequestInput(node: TSESTree.Node): boolean {
  let n: TSESTree.Node = node.type === 'ChainExpression' ? node.expression : node
  if (n.type === 'CallExpression' && n.callee.type === 'MemberExpression' && ['get', 'header'].includes(keyName(n.callee.property) ?? '')) {
    // `req.get('x-api-key')` (Express), `request.headers.get('x-api-key')` (fetch).
    if (n.callee.object.type === 'Identifier') return REQUEST_INPUT.test(n.callee.object.name) && n.callee.object.name !== 'c'
    n = n.callee.object
  }
  for (let depth = 0; n.type === 'MemberExpression' && depth < 4; depth++) {
    const part = keyName(n.property, n.computed)
    if (part && REQUEST_PARTS.has(part)) {
      const root = n.object
      return root.type === 'Identifier' ? REQUEST_INPUT.test(root.name) : root.type === 'MemberExpression' && keyName(root.property) === 'request'
    }
    n = n.object
  }
  return false
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

/**
 * Whether `object` is a config whose key is meant to be in the page: a Firebase web config,
 * Algolia search settings, Segment's `writeKey` given to an analytics client (Segment loads it
 * in every browser; a `writeKey` elsewhere, Algolia's for one, stays a secret), the `apiKey`
 * given to Bugsnag, the `clientKey` given to Adyen's checkout.
 */
export function isPublicConfig(object: TSESTree.ObjectExpression, key?: string): boolean {
  if (object.properties.some((p) => p.type === 'Property' && PUBLIC_CONFIG_KEYS.has(keyName(p.key, p.computed) ?? ''))) return true
  const call = object.parent
  if (call?.type !== 'CallExpression' && call?.type !== 'NewExpression') return false
  const callee = call.callee.type === 'MemberExpression' ? call.callee.object : call.callee
  const name = callee.type === 'Identifier' ? callee.name : callee.type === 'MemberExpression' ? keyName(callee.property, callee.computed) : undefined
  if (name === undefined) return false
  // Error and analytics clients' browser keys: Bugsnag's notifier key, Adyen's client key.
  if (key === 'writeKey') return /analytics|segment|rudder/i.test(name)
  return (key === 'apiKey' && /^(?:Bugsnag|BugsnagPerformance)$/.test(name)) || (key === 'clientKey' && /^(?:AdyenCheckout|Checkout|Dropin)$/.test(name))
}
