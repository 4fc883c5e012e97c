import { isSecretName, wordsOf } from '@hush/core/detect'
import type { TSESLint, TSESTree } from '@typescript-eslint/utils'
import { envReadName, findVariable, isEnvObject, keyName, lastName, unwrap } from '../util/ast.js'
import { createRule } from '../util/create-rule.js'
import { envVerdictsFor, type EnvVerdict } from '../util/env-files.js'
import { declaredKind, manifestFor, type Manifest } from '../util/manifest.js'
import { stringList } from '../util/schema.js'

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
/** Properties of a secret that are safe to log. */
const SAFE_PROPERTIES = new Set([
  'length',
  'size',
  'byteLength',
  'constructor',
  'name',
  'type',
  'kind',
  'id',
  'arn',
  'version',
  'versionId',
  'createdAt',
  'updatedAt',
  'expiresAt',
  'expires',
  'status',
])
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
/** Marks a variable known to hold no secret (`const { DATABASE_URL } = process.env`, with a plain URL in .env). */
const CLEARED = ''
const REQUEST = /^(?:req|request|ctx|context|c|event|incoming|msg|message)$/

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
  const callee = unwrap(call.callee)
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

export default createRule<Options, MessageIds>({
  name: 'no-secret-logging',
  meta: {
    type: 'problem',
    docs: {
      description:
        'Disallow logging values that hold secrets: secret-named variables, env reads, values from hush or a secret store, whole process.env or request headers',
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
    /**
     * Variables holding a secret whatever their name (`const x = await hush.get('DB')`), or
     * CLEARED: bound from an env var that .env shows to hold no credentials, whatever their name.
     */
    const tainted = new Map<TSESLint.Scope.Variable, string>()
    /** Class members filled by `@InjectSecret(...)`. */
    const injected = new Set<string>()
    const logCalls: TSESTree.CallExpression[] = []

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
    /** What a variable bound from env var `name` holds: its secret, or CLEARED when .env shows none. */
    const envTaint = (name: string): string | undefined => {
      if (envSecret(name)) return `"${name}"`
      return !declaredKind(manifest, name) && envVerdict(name) === 'no-credentials' && isUrlName(name) ? CLEARED : undefined
    }

    /** What a value read from a call is, when it is a secret: `hush.get('DB_PASSWORD')`. */
    const secretFromCall = (call: TSESTree.CallExpression): string | undefined => {
      const callee = unwrap(call.callee)
      if (callee.type !== 'MemberExpression') return undefined
      const method = keyName(callee.property, callee.computed)
      if (!method || !SOURCE_METHODS.has(method)) return undefined
      const first = call.arguments[0]
      const key = first?.type === 'Literal' && typeof first.value === 'string' ? first.value : undefined
      const object = lastName(callee.object) ?? ''
      if (SECRET_SOURCES.test(object) || /secret/i.test(object)) return key ? `"${key}" from ${object}` : `a value from ${object}`
      // configService.get('DB_PASSWORD'): any getter, when what it gets is a secret.
      if (key && envSecret(key) && (method === 'get' || method === 'getOrThrow')) return `"${key}"`
      return undefined
    }

    const variableOf = (id: TSESTree.Identifier) => findVariable(source.getScope(id), id.name)

    /**
     * The secret a `SecretHandle` from `@InjectSecret` stands for, when `node` is one: a member
     * filled by it (`this.apiKey`) or a parameter decorated with it. Its `value` and `get()` are
     * the secret; its `name` is not.
     */
    const handleIn = (raw: TSESTree.Node): string | undefined => {
      const node = unwrap(raw)
      if (node.type === 'MemberExpression' && unwrap(node.object).type === 'ThisExpression') {
        const prop = keyName(node.property, node.computed)
        return prop !== undefined && injected.has(prop) ? `"${prop}"` : undefined
      }
      if (node.type === 'Identifier' && tainted.size) {
        const variable = variableOf(node)
        const param = variable?.defs[0]?.name
        if (param?.type === 'Identifier' && injectedName(param.decorators)) return tainted.get(variable!) || undefined
      }
      return undefined
    }

    /** What secret `node` holds, described for the message, or `undefined`. */
    const secretIn = (raw: TSESTree.Node, depth = 0): string | undefined => {
      if (depth > 8) return undefined
      const node = unwrap(raw)
      switch (node.type) {
        case 'Identifier': {
          // Scope lookups only when something was tainted: most files have nothing to follow.
          const variable = tainted.size ? variableOf(node) : undefined
          const taint = variable && tainted.get(variable)
          if (typeof taint === 'string') return taint || undefined
          return secretName(node.name) ? `"${node.name}"` : undefined
        }
        case 'MemberExpression': {
          if (isEnvObject(node)) return `the whole ${source.getText(node).replace(/\?/g, '')}`
          const env = envReadName(node)
          if (env !== undefined) return envSecret(env) ? `"${env}"` : undefined
          const prop = keyName(node.property, node.computed)
          if (prop === undefined) return undefined
          const object = unwrap(node.object)
          if (prop === 'headers' && object.type === 'Identifier' && REQUEST.test(object.name)) return `the request headers`
          if (prop === 'headers' && object.type === 'MemberExpression' && keyName(object.property) === 'request') return `the request headers`
          if (prop === 'value') {
            const handle = handleIn(object)
            if (handle) return handle
          }
          if (SAFE_PROPERTIES.has(prop)) return undefined
          if (object.type === 'ThisExpression' && injected.has(prop)) return `"${prop}"`
          return secretName(prop) ? `"${prop}"` : undefined
        }
        case 'CallExpression': {
          const callee = unwrap(node.callee)
          const name = lastName(callee) ?? ''
          if (MASKS.test(name) || masks.has(name)) return undefined
          if (callee.type === 'Identifier' && ['Boolean', 'Number', 'parseInt', 'parseFloat', 'isNaN'].includes(name)) return undefined
          if (callee.type === 'MemberExpression') {
            if (name === 'get' && node.arguments.length === 0) {
              const handle = handleIn(callee.object)
              if (handle) return handle
            }
            if (SAFE_METHODS.has(name)) return undefined
            const objectName = lastName(callee.object)
            // JSON.stringify(config), util.inspect(req.headers), String(token): the argument's secret.
            if ((objectName === 'JSON' && name === 'stringify') || name === 'inspect' || name === 'format')
              return node.arguments[0] ? secretIn(node.arguments[0], depth + 1) : undefined
            const fromSource = secretFromCall(node)
            if (fromSource) return fromSource
            // token.trim(), secret.toString(): still the secret.
            if (
              [
                'toString',
                'trim',
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
              ].includes(name)
            ) {
              return secretIn(callee.object, depth + 1)
            }
            return undefined
          }
          if (['String', 'inspect', 'format', 'stringify'].includes(name)) return node.arguments[0] ? secretIn(node.arguments[0], depth + 1) : undefined
          return undefined
        }
        case 'TemplateLiteral':
          for (const e of node.expressions) {
            const found = secretIn(e, depth + 1)
            if (found) return found
          }
          return undefined
        case 'BinaryExpression':
          if (node.operator !== '+') return undefined
          return secretIn(node.left, depth + 1) ?? secretIn(node.right, depth + 1)
        case 'LogicalExpression':
          return node.operator === '&&' ? secretIn(node.right, depth + 1) : (secretIn(node.left, depth + 1) ?? secretIn(node.right, depth + 1))
        case 'ConditionalExpression':
          return secretIn(node.consequent, depth + 1) ?? secretIn(node.alternate, depth + 1)
        case 'ArrayExpression':
          for (const e of node.elements) {
            const found = e && (e.type === 'SpreadElement' ? secretIn(e.argument, depth + 1) : secretIn(e, depth + 1))
            if (found) return found
          }
          return undefined
        case 'ObjectExpression':
          for (const p of node.properties) {
            if (p.type === 'SpreadElement') {
              const found = secretIn(p.argument, depth + 1)
              if (found) return found
              continue
            }
            const value = unwrap(p.value)
            // `{ password }`, `{ token: user.token }`: the value's own name decides; a literal,
            // a boolean or a count under a secret key is not a secret.
            const found = secretIn(value, depth + 1)
            if (found) return found
            const key = keyName(p.key, p.computed)
            if (key && secretName(key) && holdsValue(value)) return `"${key}"`
          }
          return undefined
        default:
          return undefined
      }
    }

    /** Whether an expression carries a value through (not a literal, boolean, count or comparison). */
    const holdsValue = (node: TSESTree.Node): boolean =>
      node.type === 'Identifier'
        ? node.name !== 'undefined'
        : node.type === 'MemberExpression' && !SAFE_PROPERTIES.has(keyName(node.property, node.computed) ?? '')

    /** Marks what a declaration or assignment binds when the value is a secret. */
    const taint = (target: TSESTree.Node, init: TSESTree.Node) => {
      const value = unwrap(init)
      if (target.type === 'ObjectPattern') {
        // const { DB_PASSWORD: pw } = process.env
        if (!isEnvObject(value) && value.type !== 'CallExpression') return
        const fromSource = value.type === 'CallExpression' ? secretFromCall(value) : undefined
        const fromEnv = isEnvObject(value)
        for (const p of target.properties) {
          if (p.type !== 'Property') continue
          const key = keyName(p.key, p.computed)
          const local = p.value.type === 'AssignmentPattern' ? p.value.left : p.value
          if (local.type !== 'Identifier' || !key) continue
          const what = fromSource || !fromEnv ? (fromSource || secretName(key) ? `"${key}"` : undefined) : envTaint(key)
          if (what !== undefined) mark(local, what)
        }
        return
      }
      if (target.type !== 'Identifier') return
      const env = envReadName(value)
      const what = env !== undefined ? envTaint(env) : value.type === 'CallExpression' ? secretFromCall(value) : undefined
      if (what !== undefined) mark(target, what)
    }
    const mark = (id: TSESTree.Identifier, what: string) => {
      const variable = variableOf(id)
      if (variable && !allowNames.some((re) => re.test(id.name))) tainted.set(variable, what)
    }

    const injectedName = (decorators: TSESTree.Decorator[] | undefined) =>
      decorators?.some((d) => d.expression.type === 'CallExpression' && lastName(d.expression.callee) === 'InjectSecret')

    const markInjectedParams = (fn: TSESTree.FunctionExpression | TSESTree.FunctionDeclaration) => {
      for (const param of fn.params) {
        if (param.type === 'Identifier' && injectedName(param.decorators)) mark(param, `"${param.name}"`)
      }
    }

    return {
      VariableDeclarator(node) {
        if (node.init) taint(node.id, node.init)
      },
      AssignmentExpression(node) {
        if (node.operator === '=') taint(node.left, node.right)
      },
      PropertyDefinition(node) {
        const name = keyName(node.key, node.computed)
        if (name && injectedName(node.decorators)) injected.add(name)
      },
      TSParameterProperty(node) {
        const name = node.parameter.type === 'Identifier' ? node.parameter.name : undefined
        if (name && injectedName(node.decorators)) injected.add(name)
      },
      // Parameters decorated with @InjectSecret hold a secret whatever they are called.
      FunctionExpression: markInjectedParams,
      FunctionDeclaration: markInjectedParams,
      CallExpression(node) {
        if (isLogCall(node, loggers, source)) logCalls.push(node)
      },
      'Program:exit'() {
        for (const call of logCalls) {
          for (const arg of call.arguments) {
            const what = arg.type === 'SpreadElement' ? secretIn(arg.argument) : secretIn(arg)
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
