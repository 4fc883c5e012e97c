import { isSecretName, wordsOf } from '@hush/core/detect'
import type { TSESLint, TSESTree } from '@typescript-eslint/utils'
import { envReadName, findVariable, isEnvObject, keyName, lastName, unwrap } from '../util/ast.js'
import { createRule } from '../util/create-rule.js'
import { envVerdictsFor, type EnvVerdict } from '../util/env-files.js'
import { FORMAT_FUNCTIONS, isColorCallee } from '../util/formatters.js'
import { tokenEndpointCall, tokenResponse } from '../util/token-endpoints.js'
import { declaredKind, manifestFor, type Manifest } from '../util/manifest.js'
import { stringList } from '../util/schema.js'
import { SECRET_CALLBACKS, secretApiCall, UNKNOWN_COMMAND } from '../util/secret-apis.js'
import { storeMadeBy } from '../util/secret-clients.js'
import { fromShape, isTaint, leakOf, only, SAFE, SAFE_PROPERTIES, secretValue, secretWhole, without, type Taint, type Verdict } from '../util/taint.js'

export type Options = [
  {
    /** Names that may be logged although they look secret, as regular expressions. */
    allowNames?: string[]
    /** More logger objects, besides console, logger, log, pino, winston, Nest's Logger and this.logger. */
    loggers?: string[]
    /** More functions whose result is safe to log (besides redact, mask, hash, ...). */
    maskFunctions?: string[]
  },
]
export type MessageIds = 'logged'

const CONSOLE_METHODS = new Set(['log', 'info', 'warn', 'error', 'debug', 'trace', 'dir', 'table', 'dirxml', 'group', 'groupCollapsed', 'assert'])
const LOGGER_METHODS = new Set([...CONSOLE_METHODS, 'fatal', 'verbose', 'silly', 'http', 'notice', 'critical', 'alert', 'emerg', 'success', 'fail', 'write'])
const LOGGER_OBJECTS =
  /^(?:_?logger|_?log|pino|winston|bunyan|signale|consola|Logger|console|loglevel|npmlog|fastify\.log|app\.log|request\.log|req\.log|server\.log)$|Logger$|logger$/
/** Functions that log what they are given: `debug('app')(...)` instances and friends. */
const LOG_FUNCTIONS = new Set(['debug', 'log', 'dbg', 'trace', 'logger', 'logInfo', 'logError', 'logDebug', 'logWarn'])
const MASKS =
  /^(?:redact\w*|mask\w*|hash\w*|sha\d*|md5|hmac\w*|digest|createHash|encrypt\w*|fingerprint\w*|obfuscate\w*|censor\w*|scrub\w*|sanitize\w*|anonymi[sz]e\w*|truncate\w*|last4|lastFour|preview|hint|bcrypt|argon2|scrypt)$/i
/** Methods that make a value safe to show, or turn it into a boolean or a number. */
const SAFE_METHODS = new Set([
  'slice',
  'substring',
  'substr',
  'startsWith',
  'endsWith',
  'includes',
  'indexOf',
  'lastIndexOf',
  'test',
  'match',
  'search',
  'localeCompare',
  'equals',
  'compare',
  'charCodeAt',
  'codePointAt',
  'at',
  'has',
  'digest',
])
/** Methods whose result is still the secret: `token.trim()`, `Buffer.from(s).toString('base64')`. */
const SAME_VALUE_METHODS = new Set([
  'toString',
  'trim',
  'trimStart',
  'trimEnd',
  'toUpperCase',
  'toLowerCase',
  'valueOf',
  'concat',
  'padStart',
  'padEnd',
  'normalize',
  'replace',
  'replaceAll',
  'split',
  'join',
  'toJSON',
  'filter',
  'flat',
  'reverse',
  'sort',
  'toSorted',
  'toReversed',
  'values',
  'entries',
])
/** Methods that store a value under a key (the second argument), and that add values (all of them). */
const KEYED_STORES = new Set(['set', 'put', 'append'])
const ADDS = new Set(['push', 'unshift', 'add'])
/** Methods that read back what a collection holds. */
const COLLECTION_READS = new Set(['get', 'peek', 'take', 'getAll'])
/** Methods that read a response's body: `res.json()`, `got(...).json()`. */
const BODY_READERS = new Set(['json', 'text'])
/** Methods that return one element: `res.Parameters.find(...)`. */
const ELEMENT_METHODS = new Set(['find', 'findLast', 'pop', 'shift'])
/** Array methods whose callback's first parameter is an element. */
const ITERATORS = new Set(['forEach', 'map', 'flatMap', 'filter', 'find', 'findLast', 'findIndex', 'some', 'every'])
/** Functions that encode or wrap a value without hiding it: the result is still the secret. */
const ENCODER_FUNCTIONS =
  /^(?:String|btoa|atob|escape|unescape|(?:en|de)codeURI(?:Component)?|structuredClone|inspect|format|stringify|(?:to|from|encode|decode)(?:Base64|B64|Base32|Base58|Hex)\w*|(?:base64|b64|base32|base58|hex)(?:url)?(?:Encode|Decode)?)$/i
/** Methods that encode their first argument: `base64.encode(s)`, `new TextEncoder().encode(s)`, `qs.stringify(o)`. */
const ENCODER_METHODS = new Set(['encode', 'decode', 'encodeBase64', 'toBase64', 'fromByteArray', 'escape', 'stringify', 'inspect', 'format'])
/** Where a call returns secret values: hush, secret stores, config services. */
const SECRET_SOURCES =
  /^(?:hush|secrets?|vault|keyVault|secretsManager|secretManager|secretClient|ssm|sm|store|secretStore|kms|doppler|infisical|onepassword|op)$/i
const SOURCE_METHODS = new Set([
  'get',
  'getSecret',
  'getSecretValue',
  'getSecretString',
  'getOrThrow',
  'getValue',
  'read',
  'fetch',
  'load',
  'resolve',
  'reveal',
  'peek',
  'send',
  'accessSecretVersion',
  'getParameter',
])
const REQUEST = /^(?:req|request|ctx|context|c|event|incoming|msg|message)$/
/**
 * Requests of web frameworks, whose session (express-session, Fastify) and cookies are
 * credentials; not a queue message's, nor a tRPC or bot `ctx.session`, which holds user data.
 */
const WEB_REQUEST = /^(?:req|request)$/
/** Headers whose value is a credential although their name does not say secret. */
const COOKIE_HEADER = /^(?:set-)?cookie$/i
/** The headers of a request that carry its credentials: without them, its headers are loggable. */
const CREDENTIAL_HEADERS = ['authorization', 'cookie']
/**
 * Functions named for what they return: `getApiKey()`, `loadCredentialsFromDisk()`. The verb
 * goes, and a tail saying where from; what is left is judged as a name.
 */
const GETTER = /^(?:get|load|fetch|read|retrieve|resolve|obtain|request|generate|create|issue|decrypt|reveal|unseal|lookup|find)(?=[A-Z_])_?/
const GETTER_TAIL = /(?:From|For|By|Of|With|Using|Via|Async|Sync|Or)(?:[A-Z_]\w*)?$/
/** Tokens of a lexer (`getFirstToken`, `getTokenBefore`), not credentials. */
const POSITIONAL = new Set(['first', 'last', 'next', 'prev', 'previous', 'before', 'after', 'at'])
const NOT_CREDENTIAL_RECEIVERS = /lexer|parser|scanner|tokeni[sz]er|sourceCode|tokenStore|^tokens$|crypto|subtle/i

/** Members of a client that keep the options it was made with: `pool.options`, `transporter.options.auth`. */
const CLIENT_OPTIONS = new Set(['options', 'opts', 'config', 'settings', 'auth', 'credentials', 'connectionParameters', 'connectionConfig', '_options'])
/** Calls that make a client from options: `createTransport`, `createPool`, `createClient`, `mysql.createConnection`. */
const FACTORIES = /^(?:create(?:Transport|Pool|Client|Connection|Transporter)|connect)$/
/** AWS Lambda Powertools' parameters utility: plain functions that return a secret. */
const POWERTOOLS_SECRETS = new Set(['getSecret', 'getSecrets', 'getSecretValue'])
const POWERTOOLS_PARAMETERS = new Set(['getParameter', 'getParameters', 'getParametersByName'])

/** Whether an options object asks for decryption: `{ decrypt: true }`, `{ WithDecryption: true }`. */
function decrypted(node: TSESTree.Node): boolean {
  if (node.type !== 'ObjectExpression') return false
  return node.properties.some(
    (p) => p.type === 'Property' && ['decrypt', 'WithDecryption'].includes(keyName(p.key, p.computed) ?? '') && !(p.value.type === 'Literal' && !p.value.value),
  )
}

/** A replacement made only of mask characters: `'*'`, `'•••'`, `'X'`. */
function isMask(node: TSESTree.Node | undefined): boolean {
  return node?.type === 'Literal' && typeof node.value === 'string' && /^[*•xX#]+$/.test(node.value)
}

/**
 * Names of connection URLs (`DATABASE_URL`, `MONGO_URI`, `SENTRY_DSN`): a URL may or may not
 * hold a password, so the project's .env decides. Webhook URLs are left out: their path is the secret.
 */
function isUrlName(name: string): boolean {
  const words = wordsOf(name)
  const last = words[words.length - 1]
  return (last === 'url' || last === 'uri' || last === 'dsn' || (last === 'string' && words.at(-2) === 'connection')) && !words.includes('webhook')
}

/** Whether a call is a log call: `console.log`, `this.logger.warn`, `Logger.error`, `debug(...)`. */
function isLogCall(call: TSESTree.CallExpression, extraLoggers: Set<string>, source: TSESLint.SourceCode): boolean {
  return isLogger(call.callee, extraLoggers, source)
}

/** Whether a function is a logger: `console.log`, `this.logger.warn`, `debug`. */
function isLogger(node: TSESTree.Node, extraLoggers: Set<string>, source: TSESLint.SourceCode): boolean {
  const callee = unwrap(node)
  if (callee.type === 'Identifier') return LOG_FUNCTIONS.has(callee.name) || extraLoggers.has(callee.name)
  if (callee.type !== 'MemberExpression') return false
  const method = keyName(callee.property, callee.computed)
  if (!method) return false
  const object = unwrap(callee.object)
  const name = lastName(object) ?? ''
  if (name === 'console') return CONSOLE_METHODS.has(method)
  if (!LOGGER_METHODS.has(method) && !extraLoggers.size) return false
  // Only now the text of the object: `this.logger`, `fastify.log`, `process.stdout`.
  const text = object.type === 'Identifier' ? object.name : source.getText(object).replace(/^this\./, '')
  if (extraLoggers.has(text) || extraLoggers.has(name)) return true
  if (method === 'write') return text === 'process.stdout' || text === 'process.stderr'
  if (!LOGGER_METHODS.has(method)) return false
  return LOGGER_OBJECTS.test(text) || LOGGER_OBJECTS.test(name)
}

/** What `this` is in a function: its class (a method's, an arrow's in a class field), or the function itself. */
function thisOwner(node: TSESTree.Node): TSESTree.Node | undefined {
  for (let n = node.parent; n; n = n.parent) {
    if (n.type === 'ClassBody') return n
    if ((n.type === 'FunctionDeclaration' || n.type === 'FunctionExpression') && n.parent?.type !== 'MethodDefinition') return n
  }
  return undefined
}

type Fn = TSESTree.FunctionDeclaration | TSESTree.FunctionExpression | TSESTree.ArrowFunctionExpression
const isFunction = (n: TSESTree.Node | null | undefined): n is Fn =>
  n?.type === 'FunctionDeclaration' || n?.type === 'FunctionExpression' || n?.type === 'ArrowFunctionExpression'

/** One step from a value to what a pattern binds: a member (`{ a: x }`, `[x]`), or the rest without some keys. */
type Step = { key: string | undefined } | { rest: ReadonlySet<string> }

/** The steps from the value a pattern takes apart to `id`, and the pattern's root (a declarator's id, a parameter). */
function patternSteps(id: TSESTree.Node): { steps: Step[]; root: TSESTree.Node } {
  const steps: Step[] = []
  let node: TSESTree.Node = id
  for (;;) {
    const parent = node.parent
    if (!parent) break
    if (parent.type === 'Property' && parent.value === node && parent.parent.type === 'ObjectPattern') {
      steps.unshift({ key: keyName(parent.key, parent.computed) })
      node = parent.parent
    } else if (parent.type === 'ArrayPattern') {
      steps.unshift({ key: String(parent.elements.indexOf(node as TSESTree.DestructuringPattern)) })
      node = parent
    } else if (parent.type === 'AssignmentPattern' && parent.left === node) {
      node = parent
    } else if (parent.type === 'RestElement') {
      const pattern = parent.parent
      if (pattern.type === 'ObjectPattern') {
        const keys = pattern.properties.flatMap((p) => (p.type === 'Property' ? (keyName(p.key, p.computed) ?? []) : []))
        steps.unshift({ rest: new Set(keys) })
        node = pattern
      } else if (pattern.type === 'ArrayPattern') {
        node = pattern
      } else {
        node = parent
      }
    } else if (parent.type === 'TSParameterProperty') {
      node = parent
    } else {
      break
    }
  }
  return { steps, root: node }
}

/** Whether a parameter or member is filled by `@InjectSecret(...)`: it holds a secret whatever it is called. */
const injectedName = (decorators: TSESTree.Decorator[] | undefined) =>
  decorators?.some((d) => d.expression.type === 'CallExpression' && lastName(d.expression.callee) === 'InjectSecret')

/** Members that name or measure what they belong to, never hold its secret. */
const DESCRIBING = new Set(['name', 'displayName', 'constructor', 'length', 'size', 'byteLength'])

export default createRule<Options, MessageIds>({
  name: 'no-secret-logging',
  meta: {
    type: 'problem',
    docs: {
      description:
        'Disallow logging values that hold secrets: secret-named variables, env reads, values from hush or a secret store, objects that carry them, whole process.env or request headers',
      recommended: 'recommended',
    },
    messages: {
      logged: 'Logging {{what}} writes a secret to the logs. Log a redacted form instead (hush.redact(), a mask, or its length).',
    },
    schema: [
      {
        type: 'object',
        additionalProperties: false,
        properties: {
          allowNames: stringList('Names that may be logged (regular expressions).'),
          loggers: stringList('More logger objects or functions.'),
          maskFunctions: stringList('More functions whose result is safe to log.'),
        },
      },
    ],
  },
  defaultOptions: [{ allowNames: [], loggers: [], maskFunctions: [] }],
  create(context, [options]) {
    const allowNames = (options.allowNames ?? []).map((s) => new RegExp(s))
    const loggers = new Set(options.loggers ?? [])
    const masks = new Set(options.maskFunctions ?? [])
    const manifest: Manifest = manifestFor(context.filename)
    const source = context.sourceCode
    /** Class members filled by `@InjectSecret(...)`. */
    const injected = new Set<string>()
    const logCalls: TSESTree.CallExpression[] = []
    /** `promise.then(console.log)`: calls that hand a value to a logger. */
    const handedToLogger: TSESTree.CallExpression[] = []
    /** `cache.set(id, value)`, `params.append('token', value)`, `lines.push(value)`: values stored in a collection. */
    const stores: Array<{ target: TSESTree.Node; value: TSESTree.Node }> = []
    const stored = (call: TSESTree.CallExpression) => {
      const callee = call.callee
      if (callee.type !== 'MemberExpression' || callee.computed || callee.property.type !== 'Identifier') return
      const method = callee.property.name
      const keyed = KEYED_STORES.has(method) && call.arguments.length >= 2
      if (!keyed && !(ADDS.has(method) && call.arguments.length)) return
      // `map.set(a, x).set(b, y)`: the map each time.
      let target: TSESTree.Node = callee.object
      while (target.type === 'CallExpression' && target.callee.type === 'MemberExpression' && KEYED_STORES.has(keyName(target.callee.property) ?? ''))
        target = target.callee.object
      for (const value of keyed ? [call.arguments[1]!] : call.arguments) stores.push({ target, value: value.type === 'SpreadElement' ? value.argument : value })
    }
    /** `x.y = value` and class fields: what a file writes to members, looked at only when one is logged. */
    const memberAssignments: Array<
      { target: TSESTree.MemberExpression; value: TSESTree.Node } | { owner: TSESTree.ClassBody; name: string; value: TSESTree.Node }
    > = []

    /** What a logged argument writes that is secret: built at the end, and only for a file that logs. */
    const checker = () => {
      const secretName = (name: string): boolean => {
        if (allowNames.some((re) => re.test(name))) return false
        const declared = declaredKind(manifest, name)
        if (declared) return declared === 'key'
        return isSecretName(name)
      }

      // The project's .env files, read only when an env read is logged: most files log none.
      let verdicts: ReadonlyMap<string, EnvVerdict> | undefined
      /**
       * Whether the env var `name` holds a secret: hush.config first, then what .env gives it (a
       * reference or credentials make it one; a URL without credentials clears a URL name), then its name.
       */
      const envSecret = (name: string): boolean => {
        if (allowNames.some((re) => re.test(name))) return false
        const declared = declaredKind(manifest, name)
        if (declared) return declared === 'key'
        const verdict = envVerdict(name)
        if (verdict === 'secret') return true
        if (verdict === 'no-credentials' && isUrlName(name)) return false
        return isSecretName(name)
      }
      const envVerdict = (name: string) => (verdicts ??= envVerdictsFor(context.filename, manifest.file)).get(name)
      /** What env var `name` holds: its secret, or SAFE when .env shows none, whatever a variable bound from it is called. */
      const envMember = (name: string | undefined): Verdict => {
        if (name === undefined) return undefined
        if (envSecret(name)) return secretValue(`"${name}"`)
        return !declaredKind(manifest, name) && envVerdict(name) === 'no-credentials' && isUrlName(name) ? SAFE : undefined
      }
      const envObject = (node: TSESTree.Node): Taint => {
        const what = `the whole ${source.getText(node).replace(/\?/g, '')}`
        return { leak: () => what, member: envMember }
      }

      // Requests: whole, they are not logged as a secret; their headers, session and cookies are.
      // `const { authorization, cookie, ...rest } = req.headers`: the rest is what any client sends.
      const headers: Taint = {
        leak: (omit) => (omit && CREDENTIAL_HEADERS.every((h) => [...omit].some((k) => k.toLowerCase() === h)) ? undefined : 'the request headers'),
        member: (name) => (name !== undefined && (secretName(name) || COOKIE_HEADER.test(name)) ? secretWhole(`"${name}"`) : undefined),
      }
      const session: Taint = {
        leak: () => 'the session',
        member: (name) => (name === 'id' ? secretWhole('the session id') : name === 'cookie' ? SAFE : undefined),
      }
      const cookies: Taint = { leak: () => 'the request cookies', member: () => undefined }
      const requestOf = (web: boolean): Taint => ({
        leak: () => undefined,
        member: (name) => {
          if (name === 'headers') return headers
          if (name === 'rawHeaders') return secretWhole('the request headers')
          if (name === 'request' || name === 'req') return requestOf(web)
          if (!web) return undefined
          if (name === 'session') return session
          if (name === 'sessionID' || name === 'sessionId') return secretWhole('the session id')
          if (name === 'cookies' || name === 'signedCookies') return cookies
          return undefined
        },
      })

      const variableOf = (id: TSESTree.Identifier) => findVariable(source.getScope(id), id.name)

      /** What `node` stands for when it names a `const` bound once: a command or an input built beforehand. */
      const resolve = (node: TSESTree.Node): TSESTree.Node => {
        const n = unwrap(node)
        if (n.type !== 'Identifier') return n
        const def = variableOf(n)?.defs[0]
        if (def && String(def.type) === 'Variable' && def.node.type === 'VariableDeclarator' && def.node.id === def.name && def.node.init)
          return unwrap(def.node.init)
        return n
      }
      const receiverText = (node: TSESTree.Node) => source.getText(node)
      /**
       * The store a receiver is a client of, from how the file makes it: `const client = vault({...})`,
       * `this.sm = new SecretsManagerClient({})`, `constructor(private readonly kv: SecretClient)`.
       */
      const storeOf = (receiver: TSESTree.Node): string | undefined => {
        let node = unwrap(receiver)
        for (let i = 0; i < 8; i++) {
          if (node.type === 'MemberExpression' && unwrap(node.object).type !== 'ThisExpression') node = unwrap(node.object)
          else if (node.type === 'CallExpression') node = unwrap(node.callee)
          else break
        }
        const made: TSESTree.Node[] = []
        if (node.type === 'Identifier') {
          for (const def of variableOf(node)?.defs ?? []) {
            if (def.node.type === 'VariableDeclarator' && def.node.id === def.name && def.node.init) made.push(def.node.init)
            else if (def.name.type === 'Identifier' && def.name.typeAnnotation) made.push(def.name.typeAnnotation)
          }
        } else if (node.type === 'MemberExpression') {
          const name = keyName(node.property, node.computed)
          const path = pathOf(node)
          if (path !== undefined && memberAssignments.length) made.push(...(writesTo().whole.get(path) ?? []))
          const owner = thisOwner(node)
          for (const member of owner?.type === 'ClassBody' ? owner.body : []) {
            if (member.type === 'PropertyDefinition' && member.typeAnnotation && keyName(member.key, member.computed) === name) made.push(member.typeAnnotation)
            if (member.type !== 'MethodDefinition' || member.kind !== 'constructor') continue
            for (const param of member.value.params) {
              const p = param.type === 'TSParameterProperty' ? param.parameter : undefined
              if (p?.type === 'Identifier' && p.name === name && p.typeAnnotation) made.push(p.typeAnnotation)
            }
          }
        }
        for (const m of made) {
          const store = storeMadeBy(m, variableOf)
          if (store) return store
        }
        return undefined
      }

      // Lazily, from what is logged: a file that logs nothing secret-looking follows nothing.
      const PENDING = Symbol('pending')
      const variables = new Map<TSESLint.Scope.Variable, Verdict | typeof PENDING>()
      const functions = new Map<TSESTree.Node, Verdict | typeof PENDING>()
      const paths = new Map<string, Verdict | typeof PENDING>()
      let nesting = 0
      /** Evaluates once per variable or function; a cycle or a chain too long is unknown. */
      const memo = <K>(cache: Map<K, Verdict | typeof PENDING>, key: K, compute: () => Verdict): Verdict => {
        if (cache.has(key)) {
          const found = cache.get(key)
          return found === PENDING ? undefined : found
        }
        if (nesting > 40) return undefined
        cache.set(key, PENDING)
        nesting++
        try {
          const found = compute()
          cache.set(key, found)
          return found
        } finally {
          nesting--
        }
      }

      /** What follows from `value` along `steps`: `const { Parameter: { Value } } = res`. */
      const project = (value: Verdict, steps: Step[]): Verdict => {
        let v = value
        for (const step of steps) {
          if ('rest' in step) {
            if (isTaint(v)) v = without(v, step.rest, secretName)
          } else if (isTaint(v)) {
            v = v.member(step.key)
          } else if (v !== SAFE) {
            v = undefined
          }
        }
        // `const { password: p } = body`: the key names what the variable holds.
        const last = steps.at(-1)
        if (v === undefined && last && 'key' in last && last.key !== undefined && secretName(last.key)) return secretWhole(`"${last.key}"`)
        return v
      }
      const elementOf = (v: Verdict): Verdict => (isTaint(v) ? v.member(undefined) : v)

      /** Taints, then SAFE when all that is known is safe, else unknown. */
      const firstOf = (verdicts: Iterable<() => Verdict>): Verdict => {
        let safe = false
        for (const get of verdicts) {
          const v = get()
          if (isTaint(v)) return v
          if (v === SAFE) safe = true
        }
        return safe ? SAFE : undefined
      }

      const variableVerdict = (variable: TSESLint.Scope.Variable): Verdict =>
        memo(variables, variable, () => {
          // Where it is bound, then where it is assigned: the first secret wins.
          let safe = false
          let found: Verdict
          for (const def of variable.defs) {
            found = definitionVerdict(def)
            if (isTaint(found)) break
            if (found === SAFE) safe = true
          }
          if (!isTaint(found)) {
            for (const ref of variable.references) {
              if (!ref.isWrite() || ref.init || !ref.writeExpr) continue
              found = project(evaluate(ref.writeExpr), patternSteps(ref.identifier).steps)
              if (isTaint(found)) break
              if (found === SAFE) safe = true
            }
          }
          if (!isTaint(found)) found = safe ? SAFE : undefined
          return withWrites(found, variableKey(variable))
        })

      const definitionVerdict = (def: TSESLint.Scope.Definition): Verdict => {
        const type = String(def.type)
        if (type === 'Variable' && def.node.type === 'VariableDeclarator') {
          const { steps } = patternSteps(def.name)
          if (def.node.init) return project(evaluate(def.node.init), steps)
          // for (const p of res.Parameters): an element.
          const loop = def.node.parent.parent
          if (loop?.type === 'ForOfStatement' && loop.left === def.node.parent) return project(elementOf(evaluate(loop.right)), steps)
          return undefined
        }
        if (type === 'Parameter') {
          if (def.name.type === 'Identifier' && injectedName(def.name.decorators)) return secretValue(`"${def.name.name}"`)
          const fn = def.node
          if (!isFunction(fn)) return undefined
          const { steps, root } = patternSteps(def.name)
          const index = fn.params.indexOf(root as TSESTree.Parameter)
          return index < 0 ? undefined : project(parameterVerdict(fn, index), steps)
        }
        return undefined
      }

      /** What a callback is handed: `.then((res) => ...)`, `.forEach((p) => ...)`, `(err, data) => ...` of SDK v2. */
      const parameterVerdict = (fn: Fn, index: number): Verdict => {
        const call = fn.parent
        if (call?.type !== 'CallExpression' || !call.arguments.includes(fn as TSESTree.CallExpressionArgument)) return undefined
        const callee = unwrap(call.callee)
        if (callee.type !== 'MemberExpression') return undefined
        const method = keyName(callee.property, callee.computed) ?? ''
        const first = call.arguments[0] === fn
        if (method === 'then' && first && index === 0) return evaluate(callee.object)
        if (ITERATORS.has(method) && first && index === 0) return elementOf(evaluate(callee.object))
        const handed = SECRET_CALLBACKS.get(method)
        if (handed && index === handed.param && handed.receiver.test(lastName(callee.object) ?? '')) return fromShape(handed.what, handed.shape, secretName)
        if (index === 1 && call.arguments.at(-1) === fn) {
          const api = secretApiCall(call, resolve, receiverText, storeOf)
          if (api) return fromShape(api.what, api.shape, secretName)
        }
        return undefined
      }

      // Paths of members, from a variable or from `this` of one class: `cfg.db`, `this.options`.
      const ids = new WeakMap<object, number>()
      let nextId = 0
      const keyOf = (o: object) => {
        let id = ids.get(o)
        if (id === undefined) ids.set(o, (id = nextId++))
        return String(id)
      }
      const variableKey = (variable: TSESLint.Scope.Variable) => `v${keyOf(variable)}`
      const pathOf = (node: TSESTree.Node): string | undefined => {
        const n = unwrap(node)
        if (n.type === 'Identifier') {
          const variable = variableOf(n)
          return variable ? variableKey(variable) : `g:${n.name}`
        }
        if (n.type === 'ThisExpression') {
          const owner = thisOwner(n)
          return owner ? `this${keyOf(owner)}` : 'this'
        }
        if (n.type !== 'MemberExpression') return undefined
        const prop = keyName(n.property, n.computed)
        const object = prop === undefined ? undefined : pathOf(n.object)
        return object === undefined ? undefined : `${object}.${prop}`
      }

      /**
       * Member writes in this file, by path: `this.config = {...}`, `cfg.password = pw`; and what is
       * stored under keys only known at run time: `cache.set(id, value)`, `tokens[user] = value`.
       */
      let writes:
        { whole: Map<string, TSESTree.Node[]>; fields: Map<string, Array<[string, TSESTree.Node]>>; entries: Map<string, TSESTree.Node[]> } | undefined
      const hasWrites = () => memberAssignments.length > 0 || stores.length > 0
      const writesTo = () => {
        if (writes) return writes
        writes = { whole: new Map(), fields: new Map(), entries: new Map() }
        const entries = writes.entries
        const addEntry = (path: string | undefined, value: TSESTree.Node) => {
          if (path !== undefined) entries.set(path, [...(entries.get(path) ?? []), value])
        }
        for (const { target, value } of stores) addEntry(pathOf(target), value)
        for (const write of memberAssignments) {
          if ('owner' in write) {
            const path = `this${keyOf(write.owner)}.${write.name}`
            writes.whole.set(path, [...(writes.whole.get(path) ?? []), write.value])
            continue
          }
          const { target, value } = write
          const key = keyName(target.property, target.computed)
          if (key === undefined) {
            addEntry(pathOf(target.object), value)
            continue
          }
          const parent = pathOf(target.object)
          if (parent === undefined) continue
          const path = `${parent}.${key}`
          writes.whole.set(path, [...(writes.whole.get(path) ?? []), value])
          writes.fields.set(parent, [...(writes.fields.get(parent) ?? []), [key, value]])
        }
        return writes
      }

      /** What a collection holds: the first secret stored in it, whatever the key. */
      const storedIn = (path: string | undefined): Verdict => {
        const values = path === undefined || !hasWrites() ? undefined : writesTo().entries.get(path)
        return values && firstOf(values.map((value) => () => evaluate(value)))
      }

      /** A value with the fields this file writes to it (`cfg.password = pw`) and the entries it stores (`cache.set(id, pw)`) added. */
      const withWrites = (base: Verdict, path: string): Verdict => {
        if (!hasWrites()) return base
        const fields = writesTo().fields.get(path) ?? []
        const entries = writesTo().entries.get(path)
        if (!fields.length && !entries) return base
        return guard({
          leak: (omit) => {
            const found = leakOf(base, omit)
            if (found) return found
            for (const value of entries ?? []) {
              const entry = leakOf(evaluate(value))
              if (entry) return entry
            }
            for (const [key, value] of fields) {
              if (omit?.has(key)) continue
              const field = leakOf(evaluate(value)) ?? (secretName(key) && holdsValue(unwrap(value)) ? `"${key}"` : undefined)
              if (field) return field
            }
            return undefined
          },
          member: (name) => {
            const field = fields.findLast(([key]) => key === name)
            if (field) return evaluate(field[1])
            const own = isTaint(base) ? base.member(name) : undefined
            return own === undefined && name === undefined && entries ? storedIn(path) : own
          },
        })
      }

      /** What a path the file writes to holds: `this.options`, `req.session`. */
      const pathVerdict = (path: string): Verdict => {
        if (!hasWrites()) return undefined
        return memo(paths, path, () => {
          const values = writesTo().whole.get(path) ?? []
          return withWrites(firstOf(values.map((value) => () => evaluate(value))), path)
        })
      }

      /** What a function declared in this file returns: `function loadConfig() { return { password: ... } }`. */
      const returnVerdict = (fn: Fn): Verdict =>
        memo(functions, fn, () => {
          if (fn.body.type !== 'BlockStatement') return evaluate(fn.body)
          const returned: TSESTree.Node[] = []
          const stack: TSESTree.Node[] = [fn.body]
          for (let budget = 3000; stack.length && budget > 0; budget--) {
            const node = stack.pop()!
            if (node.type === 'ReturnStatement') {
              if (node.argument) returned.push(node.argument)
              continue
            }
            if (isFunction(node)) continue
            for (const key of source.visitorKeys[node.type] ?? []) {
              const child = (node as unknown as Record<string, unknown>)[key]
              if (Array.isArray(child)) {
                for (const c of child as Array<TSESTree.Node | null>) if (c) stack.push(c)
              } else if (child && typeof (child as TSESTree.Node).type === 'string') {
                stack.push(child as TSESTree.Node)
              }
            }
          }
          return firstOf(returned.map((r) => () => evaluate(r)))
        })

      /** The function a callee names in this file: a declaration, a `const` bound to one, or a method of the enclosing class. */
      const functionOf = (callee: TSESTree.Node): Fn | undefined => {
        if (callee.type === 'Identifier') {
          const def = variableOf(callee)?.defs[0]
          if (!def) return undefined
          if (isFunction(def.node)) return def.node
          if (def.node.type === 'VariableDeclarator' && def.node.id === def.name && def.node.init && isFunction(def.node.init)) return def.node.init
          return undefined
        }
        if (callee.type !== 'MemberExpression' || callee.object.type !== 'ThisExpression') return undefined
        const name = keyName(callee.property, callee.computed)
        let node: TSESTree.Node | undefined = callee
        while (node && node.type !== 'ClassBody') node = node.parent
        if (!node || name === undefined) return undefined
        for (const member of node.body) {
          if (member.type === 'MethodDefinition' && keyName(member.key, member.computed) === name && isFunction(member.value)) return member.value
        }
        return undefined
      }

      /** `getApiKey()`, `loadCredentialsFromDisk()`: a function named for the secret it returns. */
      const getterOf = (name: string): string | undefined => {
        const verb = GETTER.exec(name)
        if (!verb) return undefined
        const rest = name.slice(verb[0].length).replace(GETTER_TAIL, '')
        // `getAuth()` returns an auth client (Firebase, next-auth), not a credential.
        if (!rest || /^auth$/i.test(rest) || wordsOf(rest).some((w) => POSITIONAL.has(w))) return undefined
        return secretName(rest) ? `the result of ${name}()` : undefined
      }

      /** The value of a call from hush, a secret store or a config service: `hush.get('DB_PASSWORD')`. */
      const sourceVerdict = (call: TSESTree.CallExpression, callee: TSESTree.MemberExpression, method: string): Verdict => {
        const api = secretApiCall(call, resolve, receiverText, storeOf)
        // A known call that returns no secret: its response's NextToken is a page, not a credential.
        if (api === null) return SAFE
        if (api) return fromShape(api.what, api.shape, secretName)
        if (!SOURCE_METHODS.has(method)) return undefined
        const first = call.arguments[0]
        const key = first?.type === 'Literal' && typeof first.value === 'string' ? first.value : undefined
        const object = lastName(callee.object) ?? ''
        if (SECRET_SOURCES.test(object) || /secret/i.test(object) || storeOf(callee.object)) {
          const what = key ? `"${key}" from ${object}` : `a value from ${object}`
          // A command the file does not show: any of the AWS value fields, not its metadata.
          return method === 'send' ? fromShape(what, UNKNOWN_COMMAND, secretName) : secretValue(what)
        }
        // configService.get('DB_PASSWORD'): any getter, when what it gets is a secret.
        if (key && envSecret(key) && (method === 'get' || method === 'getOrThrow')) return secretValue(`"${key}"`)
        return undefined
      }

      /** `JSON.stringify(config, ['host', 'port'])` keeps those keys; a replacer function may redact, so it is trusted. */
      const stringified = (call: TSESTree.CallExpression, depth: number): Verdict => {
        const value = argument(call, 0, depth)
        const replacer = call.arguments[1] && unwrap(call.arguments[1])
        if (!replacer || (replacer.type === 'Literal' && replacer.value === null) || (replacer.type === 'Identifier' && replacer.name === 'undefined'))
          return value
        if (replacer.type === 'ArrayExpression') return isTaint(value) ? only(value, literalKeys(replacer), secretName) : undefined
        return isFunction(replacer) ? undefined : value
      }
      const literalKeys = (node: TSESTree.Node): string[] => {
        const n = unwrap(node)
        if (n.type === 'Literal' && typeof n.value === 'string') return [n.value]
        if (n.type === 'ArrayExpression') return n.elements.flatMap((e) => (e && e.type !== 'SpreadElement' ? literalKeys(e) : []))
        return []
      }
      /** lodash's `omit(config, ['password'])` and `pick(config, 'host')`. */
      const pickOrOmit = (call: TSESTree.CallExpression, method: string, depth: number): Verdict => {
        const value = argument(call, 0, depth)
        if (!isTaint(value)) return undefined
        const keys = call.arguments.slice(1).flatMap((a) => literalKeys(a))
        return method === 'omit' ? without(value, new Set(keys), secretName) : only(value, keys, secretName)
      }
      const argument = (call: TSESTree.CallExpression | TSESTree.NewExpression, index: number, depth: number): Verdict => {
        const arg = call.arguments[index]
        return arg && arg.type !== 'SpreadElement' ? evaluate(arg, depth + 1) : undefined
      }
      /** The first argument that leaks, as the secret: `new URL(process.env.DATABASE_URL)`, `Object.assign({}, cfg)`. */
      const anyArgument = (call: TSESTree.CallExpression | TSESTree.NewExpression, depth: number): Verdict => {
        for (const arg of call.arguments) {
          const found = leakOf(evaluate(arg.type === 'SpreadElement' ? arg.argument : arg, depth + 1))
          if (found) return secretWhole(found)
        }
        return undefined
      }

      /**
       * A client or error made from a secret (`new Pool({ password })`, `createTransport({ auth })`,
       * `new Error(\`bad token ${token}\`)`) prints it when logged whole or through its options.
       */
      const clientOf = (made: Verdict): Verdict => {
        const what = leakOf(made)
        if (!what) return undefined
        const self: Taint = { leak: () => what, member: (name) => (name !== undefined && CLIENT_OPTIONS.has(name) ? self : undefined) }
        return self
      }

      const callVerdict = (node: TSESTree.CallExpression, depth: number): Verdict => {
        const callee = unwrap(node.callee)
        const name = lastName(callee) ?? ''
        if (MASKS.test(name) || masks.has(name)) return undefined
        // `chalk.green(x)`, `util.format('%s', x)`: text made of all the arguments.
        if (FORMAT_FUNCTIONS.has(name) || isColorCallee(callee, variableOf)) return anyArgument(node, depth)
        const endpoint = tokenEndpointCall(node, resolve)
        if (endpoint) return tokenResponse('an OAuth token response', endpoint, secretName)
        if (callee.type === 'Identifier') {
          if (['Boolean', 'Number', 'parseInt', 'parseFloat', 'isNaN'].includes(name)) return undefined
          // Nest's HttpService: `await firstValueFrom(this.http.post(...))`.
          if (name === 'firstValueFrom' || name === 'lastValueFrom') return argument(node, 0, depth)
          if (ENCODER_FUNCTIONS.test(name)) return argument(node, 0, depth)
          if (name === 'omit' || name === 'pick') return pickOrOmit(node, name, depth)
          const fn = functionOf(callee)
          const returned = fn && returnVerdict(fn)
          if (isTaint(returned)) return returned
          // Powertools' getSecret('db') / getParameter('/db/password', { decrypt: true }).
          if (POWERTOOLS_SECRETS.has(name)) return secretValue(`the result of ${name}()`)
          if (POWERTOOLS_PARAMETERS.has(name) && node.arguments.some((a) => decrypted(a))) return secretValue(`the result of ${name}()`)
          const getter = getterOf(name)
          if (getter) return secretWhole(getter)
          return FACTORIES.test(name) ? (clientOf(anyArgument(node, depth)) ?? returned) : returned
        }
        if (callee.type !== 'MemberExpression') return undefined
        if (SAFE_METHODS.has(name)) return undefined
        const object = unwrap(callee.object)
        const objectName = lastName(object) ?? ''
        switch (objectName) {
          case 'JSON':
            if (name === 'stringify') return stringified(node, depth)
            if (name === 'parse') return argument(node, 0, depth)
            break
          case 'Buffer':
          case 'Array':
            if (name === 'from' || name === 'concat' || name === 'of') return anyArgument(node, depth)
            break
          case 'Object':
            if (name === 'keys' || name === 'getOwnPropertyNames') return undefined
            if (name === 'assign') return anyArgument(node, depth)
            return argument(node, 0, depth)
          case '_':
          case 'lodash':
            if (name === 'omit' || name === 'pick') return pickOrOmit(node, name, depth)
            if (name === 'cloneDeep' || name === 'clone' || name === 'merge' || name === 'assign') return anyArgument(node, depth)
            break
        }
        if (ENCODER_METHODS.has(name) && !/jwt|jose/i.test(objectName)) return argument(node, 0, depth)
        // SDK v2: `.promise()` resolves to what the request returns.
        if (name === 'promise' && node.arguments.length === 0) return evaluate(object, depth + 1)
        if (name === 'get' && node.arguments.length === 0) {
          const handle = evaluate(object, depth + 1)
          if (leakOf(handle)) return handle
        }
        const fromSource = sourceVerdict(node, callee, name)
        if (fromSource) return fromSource
        // `cache.get(id)` of a Map, an LRU cache or `URLSearchParams` the file stores a secret in.
        if (COLLECTION_READS.has(name) && node.arguments.length && hasWrites()) {
          const stored = storedIn(pathOf(object))
          if (stored !== undefined) return stored
        }
        // req.get('authorization'), req.header('cookie'), headers.get('cookie'), res.getHeader('set-cookie').
        const first = node.arguments[0]
        if ((name === 'get' || name === 'header' || name === 'getHeader') && first?.type === 'Literal' && typeof first.value === 'string') {
          if (COOKIE_HEADER.test(first.value) || (name !== 'get' && secretName(first.value))) return secretWhole(`"${first.value}"`)
        }
        // `key.replace(/.(?=.{4})/g, '*')` masks it; `token.replace('Bearer ', '')` does not.
        if ((name === 'replace' || name === 'replaceAll') && isMask(node.arguments[1])) return undefined
        if (SAME_VALUE_METHODS.has(name)) return evaluate(object, depth + 1)
        // `res.json()`: a response's body, parsed; a promise's value, through `.then(...)`.
        if (BODY_READERS.has(name)) {
          const response = evaluate(object, depth + 1)
          return isTaint(response) ? (response.member('body') ?? response) : response
        }
        if (name === 'then' && isFunction(node.arguments[0])) return returnVerdict(node.arguments[0])
        if (name === 'catch' || name === 'finally') return evaluate(object, depth + 1)
        if (ELEMENT_METHODS.has(name)) return elementOf(evaluate(object, depth + 1))
        if ((name === 'map' || name === 'flatMap') && isFunction(node.arguments[0])) return returnVerdict(node.arguments[0])
        const fn = functionOf(callee)
        const returned = fn && returnVerdict(fn)
        if (isTaint(returned)) return returned
        const getter = getterOf(name)
        if (getter && !NOT_CREDENTIAL_RECEIVERS.test(source.getText(object))) return secretWhole(getter)
        return FACTORIES.test(name) ? (clientOf(anyArgument(node, depth)) ?? returned) : returned
      }

      const memberVerdict = (node: TSESTree.MemberExpression, depth: number): Verdict => {
        if (isEnvObject(node)) return envObject(node)
        const env = envReadName(node)
        if (env !== undefined) return envMember(env)
        const prop = keyName(node.property, node.computed)
        const object = unwrap(node.object)
        if (prop === 'cookie' && object.type === 'Identifier' && object.name === 'document') return secretWhole('document.cookie')
        const base = evaluate(object, depth + 1)
        if (isTaint(base)) {
          const found = base.member(prop)
          if (found !== undefined) return found
        } else if (base === SAFE) {
          return SAFE
        }
        const path = hasWrites() ? pathOf(node) : undefined
        if (path !== undefined) {
          const written = pathVerdict(path)
          if (written !== undefined) return written
        }
        if (prop === undefined) return undefined
        if (object.type === 'ThisExpression' && injected.has(prop)) return secretValue(`"${prop}"`)
        if (prop === 'request') return requestOf(true)
        // A name or a size says what the variable holds whatever it is called: Nest's DI
        // `const token = typeof cls === 'function' ? cls.name : cls` is a provider name.
        if (DESCRIBING.has(prop)) return SAFE
        if (SAFE_PROPERTIES.has(prop)) return undefined
        return secretName(prop) ? secretWhole(`"${prop}"`) : undefined
      }

      const identifierVerdict = (node: TSESTree.Identifier): Verdict => {
        const { name } = node
        if (name === 'undefined' || allowNames.some((re) => re.test(name))) return undefined
        const variable = variableOf(node)
        const v = variable ? variableVerdict(variable) : withWrites(undefined, `g:${name}`)
        const named = secretName(name)
        if (isTaint(v)) {
          // `const credentials = { user: 'app', password: 'x' }`: its name still says what it is.
          return named ? guard({ leak: (omit) => v.leak(omit) ?? (omit?.size ? undefined : `"${name}"`), member: (m) => v.member(m), opaque: v.opaque }) : v
        }
        if (v === SAFE) return SAFE
        if (named) return secretWhole(`"${name}"`)
        return REQUEST.test(name) ? requestOf(WEB_REQUEST.test(name)) : undefined
      }

      /** An object literal: what it holds as a whole, a later key overriding an earlier one or a spread. */
      const objectVerdict = (node: TSESTree.ObjectExpression, depth: number): Taint => {
        const lastIndex = new Map<string, number>()
        node.properties.forEach((p, i) => {
          const key = p.type === 'Property' ? keyName(p.key, p.computed) : undefined
          if (key !== undefined) lastIndex.set(key, i)
        })
        return guard({
          leak: (omit) => {
            for (const [i, p] of node.properties.entries()) {
              if (p.type === 'SpreadElement') {
                const spread = evaluate(p.argument, depth + 1)
                if (!isTaint(spread)) continue
                const later = new Set(omit)
                for (const [key, j] of lastIndex) if (j > i) later.add(key)
                const found = spread.leak(later)
                if (found) return found
                continue
              }
              const key = keyName(p.key, p.computed)
              if (key !== undefined && (lastIndex.get(key) !== i || omit?.has(key))) continue
              const value = unwrap(p.value)
              // `{ password }`, `{ token: user.token }`: the value's own name decides; a literal,
              // a boolean or a count under a secret key is not a secret.
              const found = leakOf(evaluate(value, depth + 1))
              if (found) return found
              if (key && secretName(key) && holdsValue(value)) return `"${key}"`
            }
            return undefined
          },
          member: (name) => {
            if (name === undefined) return undefined
            const own = lastIndex.get(name)
            for (let j = node.properties.length - 1; j >= 0; j--) {
              const p = node.properties[j]!
              if (j === own && p.type === 'Property') return evaluate(p.value, depth + 1)
              if (p.type !== 'SpreadElement') continue
              const spread = evaluate(p.argument, depth + 1)
              const found = isTaint(spread) ? spread.member(name) : undefined
              if (found !== undefined) return found
            }
            return undefined
          },
        })
      }

      /** What `node` holds: a taint, SAFE, or `undefined` (nothing known; a name decides). */
      /**
       * Nodes being evaluated, and what is left of the work for one logged argument: a value
       * that refers to itself (`a.b = a.b || x`) is unknown, and odd code costs bounded time.
       */
      const active = new Set<TSESTree.Node>()
      let budget = 0
      /** A taint built from this file's code, which may refer to itself: asked again while answering, it knows nothing. */
      const guard = (taint: Taint): Taint => {
        let leaking = false
        const members = new Set<string | undefined>()
        return {
          opaque: taint.opaque,
          leak: (omit) => {
            if (leaking || budget-- <= 0) return undefined
            leaking = true
            try {
              return taint.leak(omit)
            } finally {
              leaking = false
            }
          },
          member: (name) => {
            if (members.has(name) || budget-- <= 0) return undefined
            members.add(name)
            try {
              return taint.member(name)
            } finally {
              members.delete(name)
            }
          },
        }
      }
      const evaluate = (raw: TSESTree.Node, depth = 0): Verdict => {
        const node = unwrap(raw)
        if (depth > 12 || active.has(node) || budget-- <= 0) return undefined
        active.add(node)
        try {
          return evaluateNode(node, depth)
        } finally {
          active.delete(node)
        }
      }
      const evaluateNode = (node: TSESTree.Node, depth: number): Verdict => {
        switch (node.type) {
          case 'Identifier':
            return identifierVerdict(node)
          case 'MemberExpression':
            return memberVerdict(node, depth)
          case 'CallExpression':
            return callVerdict(node, depth)
          case 'NewExpression':
            return clientOf(anyArgument(node, depth))
          case 'ObjectExpression':
            return objectVerdict(node, depth)
          case 'TaggedTemplateExpression': {
            // chalk`{red ${token}}`, sql`... ${password}`: the values go into what the tag returns.
            const tag = lastName(node.tag) ?? ''
            return MASKS.test(tag) || masks.has(tag) ? undefined : evaluate(node.quasi, depth + 1)
          }
          case 'TemplateLiteral':
            for (const e of node.expressions) {
              const found = leakOf(evaluate(e, depth + 1))
              if (found) return secretWhole(found)
            }
            return undefined
          case 'BinaryExpression': {
            if (node.operator !== '+') return undefined
            const found = leakOf(evaluate(node.left, depth + 1)) ?? leakOf(evaluate(node.right, depth + 1))
            return found ? secretWhole(found) : undefined
          }
          case 'LogicalExpression': {
            if (node.operator === '&&') return evaluate(node.right, depth + 1)
            return firstOf([() => evaluate(node.left, depth + 1), () => evaluate(node.right, depth + 1)])
          }
          case 'ConditionalExpression':
            return firstOf([() => evaluate(node.consequent, depth + 1), () => evaluate(node.alternate, depth + 1)])
          case 'ArrayExpression':
            for (const e of node.elements) {
              const found = e && leakOf(evaluate(e.type === 'SpreadElement' ? e.argument : e, depth + 1))
              if (found) return secretWhole(found)
            }
            return undefined
          case 'AssignmentExpression':
            return evaluate(node.right, depth + 1)
          case 'SequenceExpression':
            return evaluate(node.expressions.at(-1)!, depth + 1)
          default:
            return undefined
        }
      }

      /** Whether an expression carries a value through (not a literal, boolean, count or comparison). */
      const holdsValue = (node: TSESTree.Node): boolean =>
        node.type === 'Identifier'
          ? node.name !== 'undefined'
          : node.type === 'MemberExpression' && !SAFE_PROPERTIES.has(keyName(node.property, node.computed) ?? '')

      return (arg: TSESTree.Node, element = false): string | undefined => {
        budget = 5000
        const v = evaluate(arg)
        return leakOf(element ? elementOf(v) : v)
      }
    }

    return {
      AssignmentExpression(node) {
        if (node.operator === '=' && node.left.type === 'MemberExpression') memberAssignments.push({ target: node.left, value: node.right })
      },
      PropertyDefinition(node) {
        const name = keyName(node.key, node.computed)
        if (name && injectedName(node.decorators)) injected.add(name)
        if (name && node.value && !node.static) memberAssignments.push({ owner: node.parent, name, value: node.value })
      },
      TSParameterProperty(node) {
        const name = node.parameter.type === 'Identifier' ? node.parameter.name : undefined
        if (name && injectedName(node.decorators)) injected.add(name)
      },
      CallExpression(node) {
        if (isLogCall(node, loggers, source)) logCalls.push(node)
        stored(node)
        // vault.read(path).then(console.log), secrets.forEach(console.log): the logger is handed the value.
        const callee = node.callee
        if (callee.type === 'MemberExpression' && node.arguments[0]?.type === 'MemberExpression') {
          const method = keyName(callee.property, callee.computed)
          if ((method === 'then' || method === 'forEach') && isLogger(node.arguments[0], loggers, source)) handedToLogger.push(node)
        }
      },
      'Program:exit'() {
        if (!logCalls.length && !handedToLogger.length) return
        const leakIn = checker()
        for (const call of handedToLogger) {
          const callee = call.callee as TSESTree.MemberExpression
          const logger = call.arguments[0]!
          // What the logger gets: the promise's value, or each element.
          const what = leakIn(callee.object, keyName(callee.property, callee.computed) === 'forEach')
          if (what) context.report({ node: logger, messageId: 'logged', data: { what } })
        }
        for (const call of logCalls) {
          for (const arg of call.arguments) {
            const what = leakIn(arg.type === 'SpreadElement' ? arg.argument : arg)
            if (what) {
              context.report({ node: arg, messageId: 'logged', data: { what } })
              break
            }
          }
        }
      },
    }
  },
})
