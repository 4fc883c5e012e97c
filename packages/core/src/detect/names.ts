/**
 * Whether a name (variable, property, parameter, header or env var) says its value is a
 * secret. Names are split into words (camelCase, snake_case, kebab-case, dots), so
 * `DB_PASSWORD`, `apiKey`, `x-api-key` and `clientSecret` all count, while names that
 * describe a secret without holding it (`secretName`, `tokenExpiresAt`, `passwordMinLength`)
 * and counts of LLM "tokens" (`maxTokens`, `total_tokens`) do not.
 */

/** Words that make a name secret on their own. */
const SECRET_WORDS = new Set([
  'password',
  'passwd',
  'pwd',
  'passphrase',
  'passcode',
  'secret',
  'token',
  'credential',
  'credentials',
  'apikey',
  'bearer',
  'jwt',
  'authorization',
  'privatekey',
  'secretkey',
  'accesskey',
  'apitoken',
  'authtoken',
  'clientsecret',
  'connectionstring',
  'creds',
  'psk',
  'masterkey',
  'signingkey',
  'encryptionkey',
  'accessid',
])

/** Words that make a name secret when followed by `key` (`apiKey`, `signing_key`). */
const KEY_QUALIFIERS = new Set([
  'api',
  'access',
  'secret',
  'private',
  'signing',
  'encryption',
  'master',
  'license',
  'auth',
  'service',
  'webhook',
  'session',
  'app',
  'admin',
  'root',
  'hmac',
  'crypto',
  'decryption',
  'cipher',
  'account',
  'subscription',
  'write',
  'management',
  'deploy',
  // OAuth 1 pairs: `consumer_key`, `access_token_key` (Twitter's SDK names).
  'consumer',
  'token',
])

/** Pairs that hold credentials though neither word is a secret word. */
const SECRET_PAIRS = new Set([
  'connection string',
  'database url',
  'db url',
  'mongo uri',
  'mongodb uri',
  'redis url',
  'database uri',
  'db uri',
  'amqp url',
  'broker url',
  'slack webhook',
  'webhook url',
  // SonarQube's token goes by `sonar.login` / `SONAR_LOGIN`.
  'sonar login',
  // Alibaba and Tencent style `*_ACCESS_ID`: the pair, unlike `accessKeyId`, is issued as a secret.
  'access id',
])

/**
 * Vendors whose `<vendor>_KEY` is a secret (`SENDGRID_KEY`, `OPENAI_KEY`). Vendors with a public
 * key of the same name (Stripe's publishable key, Pusher, Algolia search, Mapbox, Firebase) are
 * left out: their `_KEY` may be the public one.
 */
const SECRET_KEY_VENDORS = new Set([
  'openai',
  'anthropic',
  'sendgrid',
  'mailgun',
  'mailchimp',
  'mandrill',
  'postmark',
  'sparkpost',
  'resend',
  'twilio',
  'github',
  'gitlab',
  'slack',
  'heroku',
  'datadog',
  'newrelic',
  'cloudflare',
  'digitalocean',
  'shopify',
  'paypal',
  'braintree',
  'plaid',
  'openrouter',
  'groq',
  'mistral',
  'cohere',
  'replicate',
  'huggingface',
  'pinecone',
  'vercel',
  'netlify',
  'gemini',
  'deepseek',
  'sonar',
  'snyk',
  'circleci',
  'travis',
  'npm',
  'rapidapi',
])

/** Last words that describe a secret rather than hold it. */
const METADATA_WORDS = new Set([
  'name',
  'names',
  'id',
  'ids',
  'arn',
  'arns',
  'path',
  'file',
  'filename',
  'dir',
  'url',
  'uri',
  'endpoint',
  'type',
  'types',
  'kind',
  'length',
  'len',
  'count',
  'size',
  'expires',
  'expiry',
  'expiration',
  'at',
  'ttl',
  'version',
  'versions',
  'field',
  'fields',
  'label',
  'header',
  'env',
  'var',
  'variable',
  'regex',
  'pattern',
  'placeholder',
  'prefix',
  'suffix',
  'format',
  'policy',
  'hint',
  'min',
  'max',
  'rotation',
  'hash',
  'hashed',
  'digest',
  'strength',
  'valid',
  'validator',
  'validation',
  'error',
  'errors',
  'message',
  'msg',
  'required',
  'changed',
  'reset',
  'used',
  'limit',
  'limits',
  'usage',
  'schema',
  'status',
  'enabled',
  'disabled',
  'visible',
  'input',
  'ref',
  'service',
  'manager',
  'store',
  'provider',
  'client',
  'keyname',
  'location',
  'region',
  'source',
  'sources',
  'option',
  'options',
  'config',
  'exists',
  'present',
  'set',
  'missing',
  'mask',
  'masked',
  'redacted',
  'fingerprint',
  'index',
  'tab',
  'button',
  'form',
  'dialog',
  'modal',
  'page',
  'route',
  'link',
  'text',
  'title',
  'description',
  'icon',
  'class',
  'style',
  'key',
  'keys',
  'rule',
  'rules',
  'check',
  'checker',
  'strategy',
  'handler',
  'generator',
  'timeout',
  'interval',
  'date',
  'time',
  'timestamp',
  'age',
  'lifetime',
  'scope',
  'scopes',
  'audience',
  'issuer',
  'algorithm',
  'alg',
  'state',
  'mode',
  'level',
  'last4',
  'tail',
  'preview',
  'uuid',
  'identifier',
  'owner',
  'user',
  'username',
  'creator',
  'cache',
  'storage',
  'reader',
  'loader',
  'fetcher',
  'module',
  'guard',
  'interceptor',
  'confirmation',
  'confirm',
  'visibility',
  'toggle',
  'list',
  'map',
  'ok',
  'result',
  'response',
  'request',
  'params',
  'query',
  'column',
  'table',
  'property',
  'prop',
  'props',
  'attr',
  'attribute',
  'param',
])

/** Names ending in `key` that are meant to be public or are not credentials at all. */
const PUBLIC_KEYS = new Set([
  'public',
  'publishable',
  'anon',
  'site',
  'primary',
  'sort',
  'partition',
  'cache',
  'foreign',
  'map',
  'object',
  'dedupe',
  'idempotency',
  'storage',
  // Algolia's search-only key is meant for browsers.
  'search',
])

/** First words of booleans and functions about a secret: `hasPassword`, `validateToken`. */
const FLAG_PREFIXES = new Set([
  'has',
  'is',
  'hashed',
  'salted',
  'masked',
  'redacted',
  'encrypted',
  'should',
  'can',
  'needs',
  // `withCredentials` (XHR, axios): a flag; `withAuth`: a wrapper.
  'with',
  'show',
  'hide',
  'toggle',
  'use',
  'validate',
  'verify',
  'check',
  'num',
  'count',
  'on',
  'handle',
  'get',
  'set',
  'fetch',
  'load',
  'read',
  'parse',
  'generate',
  'create',
  'rotate',
  'revoke',
  'with',
  'without',
  'no',
])

/** Splits an identifier into lower-case words: `getDBPassword2` → get, db, password, 2. */
export function wordsOf(name: string): string[] {
  return name
    .replace(/([a-z0-9])([A-Z])/g, '$1 $2')
    .replace(/([A-Z]+)([A-Z][a-z])/g, '$1 $2')
    .toLowerCase()
    .split(/[^a-z0-9]+|(?<=[a-z])(?=[0-9])|(?<=[0-9])(?=[a-z])/)
    .filter(Boolean)
}

/** Whether the last word is plural `tokens` or an LLM count: `maxTokens`, `tokens_used`. */
const isTokenCount = (words: string[]) => words.includes('tokens') || words.includes('tokenizer') || words.includes('tokenize') || words.includes('tokenized')

/**
 * Whether `name` holds a secret. The kind tells how strong the evidence for a value must be:
 * passwords may be short and human, keys and tokens must look random.
 */
export function secretNameKind(name: string): 'password' | 'key' | undefined {
  if (!NAME_HINT.test(name)) return undefined
  let kind = kinds.get(name)
  if (kind === undefined) {
    // Linting asks about the same few hundred names over and over.
    if (kinds.size > 10_000) kinds.clear()
    kind = nameKind(name) ?? null
    kinds.set(name, kind)
  }
  return kind ?? undefined
}

const ANALYTICS_VENDORS = new Set([
  'mixpanel',
  'amplitude',
  'segment',
  'rudderstack',
  'rudder',
  'heap',
  'hotjar',
  'posthog',
  'plausible',
  'fathom',
  'pusher',
  'bugsnag',
  'logrocket',
  'fullstory',
  'clarity',
  'gtag',
  'gtm',
])
const SERVER_SIDE = new Set(['secret', 'private', 'personal', 'admin', 'management', 'server', 'service', 'password', 'passwd', 'master'])

const kinds = new Map<string, 'password' | 'key' | null>()

/**
 * A part every secret name has (each word, pair and rule of {@link nameKind} holds one): most
 * names in code (`items`, `handler`) fail this one test and skip splitting into words.
 */
export const NAME_HINT_WORDS = [
  'pass',
  'pw',
  'pswd',
  'secret',
  'token',
  'cred',
  'bearer',
  'jwt',
  'auth',
  'key',
  'psk',
  'salt',
  'pat',
  'connection',
  'url',
  'uri',
  'webhook',
  'login',
  'access',
]
export const NAME_HINT = new RegExp(NAME_HINT_WORDS.join('|'), 'i')

function nameKind(name: string): 'password' | 'key' | undefined {
  // Numbers say which one, not what it is: `apiKey2`, `token_v1`.
  const words = wordsOf(name).filter((w) => !/^v?\d+$/.test(w))
  // A sentence used as a key (`The_parser_expected_to_find_a_token_here`) is a message id.
  if (!words.length || words.length > 7 || isTokenCount(words) || FLAG_PREFIXES.has(words[0]!)) return undefined
  // Product analytics keys are loaded in every page by design (`MIXPANEL_TOKEN`, Amplitude's
  // API key, Segment's write key); their server-side secrets say so (`MIXPANEL_API_SECRET`).
  if (words.some((w) => ANALYTICS_VENDORS.has(w)) && !words.some((w) => SERVER_SIDE.has(w))) return undefined
  const last = words[words.length - 1]!
  // `passwordField`, `secretName`: the name describes the secret. `apiKey`, `secretKey` end in
  // `key` but a qualifier before it makes them credentials.
  const lastPair = words.length > 1 ? `${words[words.length - 2]} ${last}` : ''
  if (last === 'key' || last === 'keys') {
    const before = words[words.length - 2]
    // A custom header ending in key carries one: `X-RapidAPI-Key`, `x-functions-key`.
    if (words[0] === 'x' && words.length > 2 && !words.some((w) => PUBLIC_KEYS.has(w))) return 'key'
    if (before && (KEY_QUALIFIERS.has(before) || SECRET_KEY_VENDORS.has(before)) && !words.some((w) => PUBLIC_KEYS.has(w))) return 'key'
    return undefined
  }
  if (SECRET_PAIRS.has(lastPair)) return 'key'
  // A salt is as secret as a key when it is random (`HASH_SALT`, WordPress `AUTH_SALT`).
  if (last === 'salt' && words.length > 1) return 'key'
  if (METADATA_WORDS.has(last)) return undefined
  // Shopify's Storefront tokens are meant for browsers, like publishable keys.
  if (words.some((w) => w === 'public' || w === 'publishable' || w === 'anon' || w === 'storefront')) return undefined
  // `GITHUB_PAT`, `ADO_PAT`: a personal access token; `pat` alone may be a person.
  if (last === 'pat' && words.length > 1) return 'key'
  for (let i = 0; i < words.length; i++) {
    const w = words[i]!
    if (w === 'password' || w === 'passwd' || w === 'pwd' || w === 'passphrase' || w === 'passcode' || w === 'pswd') return 'password'
    // Words glued to a password in env var names: `PGPASSWORD`, `MYSQLPASSWD`, `SSHPASS`.
    if (/(?:password|passwd|passphrase)$/.test(w) || w === 'sshpass') return 'password'
    if ((w === 'pass' || w === 'pw') && i === words.length - 1) return 'password'
    if (SECRET_WORDS.has(w)) return 'key'
    if (w === 'key' && i > 0 && KEY_QUALIFIERS.has(words[i - 1]!)) return 'key'
    if (w === 'auth' && i === words.length - 1) return 'key'
  }
  return undefined
}

/** Whether `name` holds a secret (see {@link secretNameKind}). */
export function isSecretName(name: string): boolean {
  return secretNameKind(name) !== undefined
}

/**
 * Last words of names whose value is an identifier, a hash or encoded data: random-looking by
 * nature (`clientId`, `siteKey`, `commitSha`, `WASM_B64`, `fontData`), never a credential
 * unless it has a known token format.
 */
const NON_SECRET_LAST = new Set([
  'id',
  'ids',
  'identifier',
  'uuid',
  'guid',
  'sitekey',
  'dsn',
  'sha',
  'hash',
  'checksum',
  'digest',
  'integrity',
  'etag',
  'nonce',
  'fingerprint',
  'b64',
  'base64',
  'data',
  'blob',
  'bytes',
  'buffer',
  'binary',
  'wasm',
  'image',
  'img',
  'png',
  'jpg',
  'jpeg',
  'gif',
  'svg',
  'webp',
  'font',
  'woff',
  'woff2',
  'ttf',
  'icon',
  'logo',
  'flag',
  'avatar',
  'thumbnail',
  'placeholder',
])

const FRAMEWORK_PUBLIC_PREFIX = /^(?:NEXT_|EXPO_|NUXT_|GATSBY_|REACT_APP_|VUE_APP_|VITE_)?PUBLIC_/

/**
 * Whether `name` says its value is not a secret though it may look random: an id, a hash,
 * encoded data, or a key meant to be public (`siteKey`, `publishableKey`, `VAPID_PUBLIC_KEY`).
 */
export function describesNonSecret(name: string): boolean {
  if (secretNameKind(name)) return false
  const words = wordsOf(name)
  const last = words[words.length - 1]
  if (!last) return false
  if (NON_SECRET_LAST.has(last) || words.some((w) => w === 'publishable' || w === 'anon' || w === 'site' || w === 'sitekey')) return true
  // `publicKey`, `VAPID_PUBLIC_KEY`; not a framework's prefix (`NEXT_PUBLIC_`, `PUBLIC_`), which
  // may hold a secret put there by mistake.
  return wordsOf(name.replace(FRAMEWORK_PUBLIC_PREFIX, '')).includes('public')
}
