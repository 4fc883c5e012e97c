import type { TSESTree } from '@typescript-eslint/utils'
import { keyName, lastName, unwrap } from './ast.js'

/**
 * What a value returned by an API holds. `'secret'`: all of it, members too. `'safe'`: nothing
 * secret. `'named'`: a secret as a whole, whose members are secrets when their names say so. An
 * object: its members, `'[]'` for elements and `'*'` for any other member (without one, names decide).
 */
export type Shape = 'secret' | 'safe' | 'named' | { readonly [member: string]: Shape }

// AWS: the value fields beside metadata (Name, ARN, VersionId, $metadata, NextToken) that is safe to log.
const SM_VALUE: Shape = { SecretString: 'secret', SecretBinary: 'secret', '*': 'safe' }
const SM_BATCH: Shape = { SecretValues: { '[]': SM_VALUE, '*': 'safe' }, '*': 'safe' }
const PARAMETER: Shape = { Value: 'secret', '*': 'safe' }
const SSM_ONE: Shape = { Parameter: PARAMETER, '*': 'safe' }
const SSM_MANY: Shape = { Parameters: { '[]': PARAMETER, '*': 'safe' }, '*': 'safe' }
const KMS_PLAINTEXT: Shape = { Plaintext: 'secret', '*': 'safe' }
const STS: Shape = { Credentials: { SecretAccessKey: 'secret', SessionToken: 'secret', SecretKey: 'secret', '*': 'safe' }, '*': 'safe' }
const COGNITO_AUTH: Shape = { AuthenticationResult: 'named', Session: 'secret', '*': 'safe' }
const ECR_TOKEN: Shape = { authorizationData: { '[]': { authorizationToken: 'secret', '*': 'safe' }, '*': 'safe' }, '*': 'safe' }
/** A command sent to a client whose input is unknown: any of the value fields. */
const AWS_ANY: Shape = {
  SecretString: 'secret',
  SecretBinary: 'secret',
  SecretValues: { '[]': SM_VALUE, '*': 'safe' },
  Parameter: PARAMETER,
  Parameters: { '[]': PARAMETER, '*': 'safe' },
  Plaintext: 'secret',
  '*': 'safe',
}

/** AWS SDK v3 commands (`client.send(new GetSecretValueCommand(...))`) whose response holds a secret. */
const COMMANDS: ReadonlyMap<string, { shape: Shape; decrypted?: true }> = new Map([
  ['GetSecretValueCommand', { shape: SM_VALUE }],
  ['BatchGetSecretValueCommand', { shape: SM_BATCH }],
  // A SecureString comes back encrypted unless WithDecryption is set; a plain String is config.
  ['GetParameterCommand', { shape: SSM_ONE, decrypted: true }],
  ['GetParametersCommand', { shape: SSM_MANY, decrypted: true }],
  ['GetParametersByPathCommand', { shape: SSM_MANY, decrypted: true }],
  ['DecryptCommand', { shape: KMS_PLAINTEXT }],
  ['GenerateDataKeyCommand', { shape: KMS_PLAINTEXT }],
  ['AssumeRoleCommand', { shape: STS }],
  ['AssumeRoleWithWebIdentityCommand', { shape: STS }],
  ['AssumeRoleWithSAMLCommand', { shape: STS }],
  ['GetSessionTokenCommand', { shape: STS }],
  ['GetFederationTokenCommand', { shape: STS }],
  ['GetCredentialsForIdentityCommand', { shape: STS }],
  ['InitiateAuthCommand', { shape: COGNITO_AUTH }],
  ['AdminInitiateAuthCommand', { shape: COGNITO_AUTH }],
  ['RespondToAuthChallengeCommand', { shape: COGNITO_AUTH }],
  ['AdminRespondToAuthChallengeCommand', { shape: COGNITO_AUTH }],
  ['GetAuthorizationTokenCommand', { shape: ECR_TOKEN }],
])

const GCP_PAYLOAD: Shape = { data: 'secret', '*': 'safe' }
const GCP_VERSION: Shape = { payload: GCP_PAYLOAD, '*': 'safe' }
/** Vault's KV engines: `data` holds the secrets (v1), or `data.data` beside `data.metadata` (v2). */
const VAULT_READ: Shape = { data: { metadata: 'safe', '*': 'secret' }, '*': 'safe' }
const VAULT_LOGIN: Shape = { auth: 'named', '*': 'safe' }
const INFISICAL_SECRET: Shape = { secretValue: 'secret', '*': 'safe' }
const SUPABASE_SESSION: Shape = { data: { session: 'named', '*': 'safe' }, '*': 'safe' }

/**
 * Client methods whose result holds a secret, on any receiver: their names are specific to
 * secret stores (`getSecretValue`, `accessSecretVersion`), or their input says so (`WithDecryption`).
 */
const METHODS: ReadonlyMap<string, { shape: Shape; decrypted?: true }> = new Map([
  // AWS SDK v2 (`.promise()`) and v3's aggregated clients.
  ['getSecretValue', { shape: SM_VALUE }],
  ['batchGetSecretValue', { shape: SM_BATCH }],
  ['getParameter', { shape: SSM_ONE, decrypted: true }],
  ['getParameters', { shape: SSM_MANY, decrypted: true }],
  ['getParametersByPath', { shape: SSM_MANY, decrypted: true }],
  // GCP Secret Manager resolves to `[version]`; reading it without the tuple is also followed.
  ['accessSecretVersion', { shape: { '[]': GCP_VERSION, payload: GCP_PAYLOAD, '*': 'safe' } }],
  // Azure Key Vault (`.value`) and Infisical (`.secretValue`); a plain string from a wrapper too.
  ['getSecret', { shape: { value: 'secret', secretValue: 'secret', '*': 'safe' } }],
])

/** Methods on a receiver named for the store (`vault.read`, `kms.decrypt`, `supabase.auth.getSession`). */
const STORE_METHODS: ReadonlyArray<{ receiver: RegExp; methods: ReadonlySet<string>; shape: Shape; what?: string }> = [
  { receiver: /vault/i, methods: new Set(['read']), shape: VAULT_READ },
  { receiver: /vault/i, methods: new Set(['readKVSecret', 'kvRead']), shape: { metadata: 'safe', '*': 'secret' } },
  {
    receiver: /vault/i,
    methods: new Set(['approleLogin', 'userpassLogin', 'kubernetesLogin', 'ldapLogin', 'githubLogin', 'awsIamLogin', 'tokenCreate', 'tokenCreateOrphan']),
    shape: VAULT_LOGIN,
  },
  { receiver: /kms/i, methods: new Set(['decrypt', 'generateDataKey']), shape: KMS_PLAINTEXT },
  {
    receiver: /doppler/i,
    methods: new Set(['get', 'list', 'download', 'getSecret', 'getSecrets', 'fetchSecrets']),
    shape: 'secret',
    what: 'a value from doppler',
  },
  {
    receiver: /^auth$/,
    methods: new Set([
      'getSession',
      'refreshSession',
      'setSession',
      'signInWithPassword',
      'signInWithIdToken',
      'signInAnonymously',
      'signUp',
      'verifyOtp',
      'exchangeCodeForSession',
    ]),
    shape: SUPABASE_SESSION,
    what: 'the session',
  },
]

/** Callbacks that are handed a secret: `supabase.auth.onAuthStateChange((event, session) => ...)`. */
export const SECRET_CALLBACKS: ReadonlyMap<string, { receiver: RegExp; param: number; shape: Shape; what: string }> = new Map([
  ['onAuthStateChange', { receiver: /^auth$/, param: 1, shape: 'named', what: 'the session' }],
])

/** An API call's result: what it holds, or `null` when it is known to hold no secret. */
export interface ApiResult {
  what: string
  shape: Shape
}

/**
 * The secret an API call returns: `client.send(new GetSecretValueCommand(...))`,
 * `ssm.getParameter({ ..., WithDecryption: true }).promise()`, `vault.read(...)`. `null` when
 * the call is a known one that returns no secret (a parameter read without decryption, a
 * `ListSecretsCommand`), `undefined` when it is not known here.
 *
 * `resolve` gives the value a `const` was bound to, for a command or input built beforehand;
 * `storeOf` the store a receiver is a client of when the file shows how it was made (`vault({...})`,
 * `new DopplerSDK()`), as the receiver name its calls are known by.
 */
export function secretApiCall(
  call: TSESTree.CallExpression,
  resolve: (node: TSESTree.Node) => TSESTree.Node,
  receiverText: (node: TSESTree.Node) => string,
  storeOf: (node: TSESTree.Node) => string | undefined = () => undefined,
): ApiResult | null | undefined {
  const callee = unwrap(call.callee)
  if (callee.type !== 'MemberExpression') return undefined
  const method = keyName(callee.property, callee.computed)
  if (!method) return undefined
  const receiver = lastName(callee.object) ?? ''
  const from = (source: string) => {
    const first = call.arguments[0]
    const key = first?.type === 'Literal' && typeof first.value === 'string' ? first.value : undefined
    return key ? `"${key}" from ${source}` : `a value from ${source}`
  }
  if (method === 'send') {
    const command = call.arguments[0] && resolve(call.arguments[0])
    if (command?.type !== 'NewExpression') return undefined
    const name = lastName(command.callee)
    if (!name?.endsWith('Command')) return undefined
    const known = COMMANDS.get(name)
    if (!known) return null
    if (known.decrypted && !decrypts(command.arguments[0], resolve)) return null
    return { what: `a value from ${name}`, shape: known.shape }
  }
  const known = METHODS.get(method)
  if (known) {
    if (known.decrypted && !decrypts(call.arguments[0], resolve)) return null
    // GCP's getSecret({ name }) returns the secret's metadata; Azure's and Infisical's return its value.
    if (method === 'getSecret' && onlyKeys(call.arguments[0], resolve, ['name', 'parent'])) return null
    return { what: from(receiver || method), shape: known.shape }
  }
  if (method === 'listSecrets') {
    // Infisical lists values (`client.secrets().listSecrets({ projectId, environment })`); AWS lists metadata.
    const object = unwrap(callee.object)
    const infisical =
      (object.type === 'CallExpression' && lastName(object.callee) === 'secrets') ||
      /infisical/i.test(receiverText(object)) ||
      storeOf(object) === 'infisical' ||
      hasKey(call.arguments[0], resolve, ['projectId', 'environment', 'workspaceId'])
    return infisical ? { what: from('infisical'), shape: { secrets: { '[]': INFISICAL_SECRET, '*': 'safe' }, '[]': INFISICAL_SECRET, '*': 'safe' } } : null
  }
  let made: string | undefined | null = null
  for (const store of STORE_METHODS) {
    if (!store.methods.has(method)) continue
    const text = receiverText(callee.object)
    if (store.receiver.test(receiver) || store.receiver.test(text)) return { what: store.what ?? from(receiver || text), shape: store.shape }
    made = made === null ? storeOf(callee.object) : made
    if (made !== undefined && store.receiver.test(made)) return { what: store.what ?? from(receiver || text), shape: store.shape }
  }
  return undefined
}

/** The shape of a response sent back by a client whose command is not known: the AWS value fields. */
export const UNKNOWN_COMMAND: Shape = AWS_ANY

/** Whether an SSM input asks for decryption: `WithDecryption` set and not literally `false`. */
function decrypts(input: TSESTree.Node | undefined, resolve: (node: TSESTree.Node) => TSESTree.Node): boolean {
  const object = input && resolve(input)
  // An input built elsewhere may ask for it: count it as asked.
  if (object?.type !== 'ObjectExpression') return input !== undefined
  for (const p of object.properties) {
    if (p.type === 'SpreadElement') continue
    if (keyName(p.key, p.computed) !== 'WithDecryption') continue
    const value = unwrap(p.value)
    return !(value.type === 'Literal' && (value.value === false || value.value === null))
  }
  return object.properties.some((p) => p.type === 'SpreadElement')
}

function keysOf(input: TSESTree.Node | undefined, resolve: (node: TSESTree.Node) => TSESTree.Node): string[] | undefined {
  const object = input && resolve(input)
  if (object?.type !== 'ObjectExpression') return undefined
  return object.properties.map((p) => (p.type === 'Property' ? (keyName(p.key, p.computed) ?? '') : ''))
}

const onlyKeys = (input: TSESTree.Node | undefined, resolve: (node: TSESTree.Node) => TSESTree.Node, keys: string[]) =>
  keysOf(input, resolve)?.every((k) => keys.includes(k)) ?? false

const hasKey = (input: TSESTree.Node | undefined, resolve: (node: TSESTree.Node) => TSESTree.Node, keys: string[]) =>
  keysOf(input, resolve)?.some((k) => keys.includes(k)) ?? false
