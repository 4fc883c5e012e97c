import { detectSecret, findSecrets, secretNameKind, type SecretFinding } from '@hush/core/detect'
import type { TSESLint, TSESTree } from '@typescript-eslint/utils'
import { envNameFor, envReadName, keyName, staticText, targetName } from '../util/ast.js'
import { createRule } from '../util/create-rule.js'
import { declaredKind, manifestFor } from '../util/manifest.js'
import { stringList } from '../util/schema.js'
import { isPublicConfig, isRequestInput, isUsersMap, jwkMember, siblingName, type Sink, setterName, sinkOf } from '../util/sinks.js'

export type Options = [
  {
    /** Names (variables, properties, env vars) whose values are never reported, as regular expressions. */
    allowNames?: string[]
    /** Values that are never reported, as regular expressions (known test fixtures). */
    allowValues?: string[]
    /** Whether comments are checked too. */
    checkComments?: boolean
    /** How long a random-looking string with no name to go by must be to be reported. */
    unnamedMinLength?: number
  },
]
export type MessageIds = 'hardcoded' | 'hardcodedInComment' | 'useEnv'

/** Calls that pass a value through unchanged in meaning: `Buffer.from('...', 'base64')`. */
const WRAPPERS = new Set(['from', 'atob', 'btoa', 'decode', 'encode', 'decodeURIComponent', 'String', 'trim', 'fromBase64'])

/** Header names whose value is a credential: `headers.set('X-Api-Key', '...')`. */
const CALL_PAIR_METHODS = new Set(['set', 'append', 'setHeader', 'header', 'setRequestHeader', 'setItem', 'put', 'add'])

interface Context {
  /** The name the value is given: variable, property, parameter, header, env var. */
  name?: string
  /** The node a suggestion replaces, when replacing it with an env read is safe. */
  replace?: TSESTree.Node
  /** The env var to suggest, when the code already names one (`process.env.X ?? '...'`). */
  envName?: string
  /** A call that takes a key as this argument (`jwt.sign(payload, '...')`). */
  sink?: Sink
  /** An `apiKey` in a Firebase web config or Algolia search settings, a JWK's public members: public by design. */
  publicConfig?: boolean
}

const BASIC_AUTH_USER: Sink = { kind: 'password', label: 'a password', call: 'basicAuth()', env: 'BASIC_AUTH_PASSWORD', where: ' in the users of basicAuth()' }

const REQUEST_SECRET: Sink = {
  kind: 'key',
  label: 'a shared secret',
  call: 'a request check',
  env: 'API_SHARED_SECRET',
  where: ' as the value a request is checked against',
}

/** `Buffer.from('9587…', 'hex')` given to `KEY`: key bytes written as text, under a name too short to say more. */
const KEY_BYTES: Sink = { kind: 'key', label: 'a key', call: 'Buffer.from()', env: 'ENCRYPTION_KEY', where: ' as key bytes' }
const KEY_NAME = /^_*(?:key|KEY|[a-z]\w*Key|[A-Z][A-Z0-9_]*_KEY|secret|SECRET)$/

const BASIC_CREDENTIALS: Sink = {
  kind: 'password',
  label: 'a password',
  call: 'btoa()',
  env: 'BASIC_AUTH_PASSWORD',
  where: ' in credentials encoded for a Basic header',
}

/** `'user:password'` as a literal: no spaces, one colon, something on both sides, not a URL or a time. */
function isUserPassword(node: TSESTree.Node): boolean {
  const text = staticText(node)
  return text !== undefined && /^[^\s:/]{1,64}:[^\s:]{6,}$/.test(text) && !/^\d+:\d+$/.test(text)
}

const JWK_PRIVATE: Sink = { kind: 'key', label: 'a private key', call: 'a JSON Web Key', env: 'JWK_PRIVATE_KEY', where: ' in a JSON Web Key' }

/** Walks up from a string to the name it is given. */
function contextOf(node: TSESTree.Node): Context {
  let child: TSESTree.Node = node
  let parent = node.parent
  while (parent) {
    switch (parent.type) {
      case 'VariableDeclarator':
        return parent.init === child ? { name: targetName(parent.id), replace: child } : {}
      case 'Property': {
        if (parent.value !== child) return {}
        const object = parent.parent?.type === 'ObjectExpression' ? parent.parent : undefined
        if (object && isUsersMap(object)) return { sink: BASIC_AUTH_USER }
        const key = keyName(parent.key, parent.computed)
        const jwk = object && jwkMember(object, key)
        if (jwk) return jwk === 'private' ? { sink: JWK_PRIVATE } : { publicConfig: true }
        const name = (object && siblingName(object, key)) ?? key
        return { name, replace: object ? child : undefined, publicConfig: object && isPublicConfig(object, key) }
      }
      case 'PropertyDefinition':
      case 'AccessorProperty':
        return parent.value === child ? { name: keyName(parent.key, parent.computed), replace: child } : {}
      case 'AssignmentPattern':
        return parent.right === child ? { name: targetName(parent.left), replace: child } : {}
      case 'AssignmentExpression':
        return parent.right === child ? { name: targetName(parent.left), replace: child } : {}
      case 'JSXAttribute':
        return { name: typeof parent.name.name === 'string' ? parent.name.name : parent.name.name.name }
      case 'BinaryExpression':
        if (['===', '!==', '==', '!='].includes(parent.operator)) {
          const other = parent.left === child ? parent.right : parent.left
          if (isRequestInput(other)) return { sink: REQUEST_SECRET }
          return { name: targetName(other) ?? envReadName(other) }
        }
        return {}
      case 'LogicalExpression': {
        // `process.env.DB_PASSWORD ?? 'devpass'`: the fallback ships in the code.
        const env = parent.right === child ? envReadName(parent.left) : undefined
        if (env) return { name: env, envName: env, replace: parent }
        child = parent
        parent = parent.parent
        continue
      }
      case 'CallExpression':
      case 'NewExpression': {
        const index = parent.arguments.indexOf(child as TSESTree.CallExpressionArgument)
        const callee = parent.callee
        const method = callee.type === 'MemberExpression' ? keyName(callee.property, callee.computed) : undefined
        if (index === 1 && method && CALL_PAIR_METHODS.has(method)) {
          const first = parent.arguments[0]
          const name = first ? staticText(first) : undefined
          if (name) return { name }
        }
        const fn = method ?? (callee.type === 'Identifier' ? callee.name : undefined)
        if (index === 0 && fn && WRAPPERS.has(fn)) {
          // The wrapper's result is what gets the name; a suggestion would change its meaning.
          const outer = contextOf(parent)
          // `btoa('admin:…')`, `Buffer.from('deploy:…')`: a Basic credential being built.
          if ((fn === 'btoa' || (fn === 'from' && parent.arguments.length === 1)) && !outer.sink && isUserPassword(child)) return { sink: BASIC_CREDENTIALS }
          const encoding = parent.arguments[1]
          const bytes = fn === 'from' && encoding?.type === 'Literal' && (encoding.value === 'hex' || encoding.value === 'base64')
          if (bytes && !outer.sink && outer.name && KEY_NAME.test(outer.name) && !secretNameKind(outer.name)) return { sink: KEY_BYTES }
          return { name: outer.name, sink: outer.sink }
        }
        const sink = index >= 0 ? sinkOf(parent, index) : undefined
        if (sink) return { sink, envName: sink.env, replace: child }
        const setter = index >= 0 ? setterName(parent, index) : undefined
        return setter ? { name: setter, replace: child } : {}
      }
      case 'ConditionalExpression':
      case 'ArrayExpression':
      case 'TSAsExpression':
      case 'TSSatisfiesExpression':
      case 'TSNonNullExpression':
      case 'ChainExpression':
        child = parent
        parent = parent.parent
        continue
      default:
        return {}
    }
  }
  return {}
}

/** Strings that are code, not data: module specifiers, keys, directives, types. */
function isStructural(node: TSESTree.Node): boolean {
  const parent = node.parent
  if (!parent) return true
  switch (parent.type) {
    case 'ImportDeclaration':
    case 'ExportAllDeclaration':
    case 'ExportNamedDeclaration':
    case 'ImportExpression':
    case 'TSLiteralType':
    case 'TSExternalModuleReference':
    case 'TSModuleDeclaration':
    case 'TSImportType':
      return true
    case 'Property':
    case 'PropertyDefinition':
    case 'MethodDefinition':
    case 'TSPropertySignature':
      return parent.key === node
    case 'TSEnumMember':
      return parent.id === node
    case 'MemberExpression':
      return parent.property === node
    case 'ExpressionStatement':
      return 'directive' in parent && parent.directive !== undefined
    case 'CallExpression':
      return parent.callee.type === 'Identifier' && parent.callee.name === 'require'
    default:
      return false
  }
}

export default createRule<Options, MessageIds>({
  name: 'no-hardcoded-secrets',
  meta: {
    type: 'problem',
    docs: {
      description: 'Disallow secrets written into source code: API keys, tokens, passwords, private keys and credentials in URLs',
      // Strict also reports shorter random-looking strings with no name to go by: more findings to review.
      recommended: { recommended: true, strict: [{ unnamedMinLength: 20 }] },
    },
    hasSuggestions: true,
    messages: {
      hardcoded: '{{what}} is hardcoded{{where}}. Move it to a secret store or .env and read it at run time (process.env or hush).',
      hardcodedInComment: '{{what}} is written in a comment. Remove it and rotate it: comments ship in commits like code does.',
      useEnv: 'Read it from process.env.{{env}} instead.',
    },
    schema: [
      {
        type: 'object',
        additionalProperties: false,
        properties: {
          allowNames: stringList('Names whose values are never reported (regular expressions).'),
          allowValues: stringList('Values that are never reported (regular expressions).'),
          checkComments: { type: 'boolean', description: 'Whether comments are checked too.' },
          unnamedMinLength: { type: 'integer', minimum: 12, description: 'How long a random-looking string with no name to go by must be to be reported.' },
        },
      },
    ],
  },
  defaultOptions: [{ allowNames: [], allowValues: [], checkComments: true, unnamedMinLength: 32 }],
  create(context, [options]) {
    const allowNames = (options.allowNames ?? []).map((s) => new RegExp(s))
    const allowValues = (options.allowValues ?? []).map((s) => new RegExp(s))
    const manifest = manifestFor(context.filename)
    const source = context.sourceCode

    const judge = (text: string, ctx: Context): SecretFinding | undefined => {
      const { name } = ctx
      if (name && allowNames.some((re) => re.test(name))) return undefined
      const declared = name ? declaredKind(manifest, name) : undefined
      const kind = declared === 'key' ? (secretNameKind(name!) ?? 'key') : (declared ?? ctx.sink?.kind)
      const finding = detectSecret(text, { name, kind, minRandomLength: options.unnamedMinLength })
      if (!finding || allowValues.some((re) => re.test(text))) return undefined
      // A Firebase web config's or Algolia search settings' `apiKey` is meant for the page.
      if (ctx.publicConfig && (finding.kind === 'google-api-key' || finding.kind === 'named' || finding.kind === 'entropy')) return undefined
      if (ctx.sink && finding.kind === 'named') return { ...finding, label: ctx.sink.label }
      return finding
    }

    const report = (node: TSESTree.Node, finding: SecretFinding, ctx: Context) => {
      const env = ctx.envName ?? (ctx.name ? envNameFor(ctx.name) : undefined)
      const suggest: TSESLint.ReportSuggestionArray<MessageIds> = []
      if (ctx.replace && env && /^[A-Z_][A-Z0-9_]*$/.test(env)) {
        const target = ctx.replace
        suggest.push({ messageId: 'useEnv', data: { env }, fix: (fixer) => fixer.replaceText(target, `process.env.${env}`) })
      }
      const where = ctx.name ? ` in "${ctx.name}"` : ctx.sink ? (ctx.sink.where ?? ` as the key of ${ctx.sink.call}`) : ''
      context.report({ node, messageId: 'hardcoded', data: { what: capitalize(finding.label), where }, suggest })
    }

    const check = (node: TSESTree.Literal | TSESTree.TemplateLiteral | TSESTree.BinaryExpression) => {
      // A concatenation is judged once, whole: `'sk_live_' + 'abc...'` is one key.
      const parent = node.parent
      if (parent?.type === 'BinaryExpression' && parent.operator === '+' && staticText(parent) !== undefined) return
      if (parent?.type === 'TemplateLiteral') return
      if (parent?.type === 'TaggedTemplateExpression') {
        if (parent.quasi === node) checkTagged(node)
        return
      }
      if (isStructural(node)) return
      const text = staticText(node)
      if (text === undefined || text.length < 6) return
      const ctx = contextOf(node)
      const finding = judge(text, ctx) ?? inCommand(node)
      if (finding) report(node, finding, ctx)
    }

    /**
     * A tagged template is text some function reads: a command (zx's and execa's `$`), SQL, a
     * query. It has no name of its own, so what counts is what free text would show (formats,
     * commands, URLs, `name = value` settings), never randomness alone (`css`, `graphql`).
     */
    const checkTagged = (node: TSESTree.TemplateLiteral) => {
      const text = staticText(node)
      if (text === undefined || text.length < 6) return
      const finding = findSecrets(text).find((f) => !allowValues.some((re) => re.test(text.slice(f.index, f.index + f.length))))
      if (finding) report(node, finding, {})
    }

    /** An argument of a command run as a list: `spawn('mysql', ['-u', 'root', '-pSecret'])`. */
    const inCommand = (node: TSESTree.Node): SecretFinding | undefined => {
      const line = commandLine(node)
      if (!line) return undefined
      const finding = findSecrets(line.text).find((f) => f.kind === 'command' && f.index < line.end && f.index + f.length > line.start)
      return finding && !allowValues.some((re) => re.test(line.text.slice(finding.index, finding.index + finding.length))) ? finding : undefined
    }

    return {
      Literal(node) {
        // Most literals are short words and keys: skip them before any tree walking.
        if (typeof node.value === 'string' && node.value.length >= 6) check(node)
      },
      TemplateLiteral(node) {
        check(node)
      },
      BinaryExpression(node) {
        if (node.operator === '+') check(node)
      },
      JSXText(node) {
        // Text between tags is shown, not run: only token formats count there.
        const finding = findSecrets(node.value).find((f) => f.kind !== 'assignment')
        if (finding) report(node, finding, {})
      },
      'Program:exit'() {
        if (options.checkComments === false) return
        for (const comment of source.getAllComments()) {
          for (const finding of findSecrets(comment.value)) {
            if (allowValues.some((re) => re.test(comment.value.slice(finding.index, finding.index + finding.length)))) continue
            const start = source.getLocFromIndex(comment.range[0] + 2 + finding.index)
            const end = source.getLocFromIndex(comment.range[0] + 2 + finding.index + finding.length)
            context.report({ loc: { start, end }, messageId: 'hardcodedInComment', data: { what: capitalize(finding.label) } })
          }
        }
      },
    }
  },
})

const capitalize = (s: string) => s.charAt(0).toUpperCase() + s.slice(1)

/**
 * The command line an array element is part of, as text, and where the element is in it:
 * `spawn(cmd, [args])`, `execa(cmd, [args])`, `Bun.spawn([cmd, ...args])`,
 * `new Deno.Command(cmd, { args: [...] })`.
 */
function commandLine(node: TSESTree.Node): { text: string; start: number; end: number } | undefined {
  const array = node.parent
  if (array?.type !== 'ArrayExpression') return undefined
  let holder: TSESTree.Node | undefined = array.parent
  let arrayNode: TSESTree.ArrayExpression | TSESTree.ObjectExpression = array
  if (holder?.type === 'Property' && keyName(holder.key, holder.computed) === 'args' && holder.parent?.type === 'ObjectExpression') {
    arrayNode = holder.parent
    holder = holder.parent.parent
  }
  if (holder?.type !== 'CallExpression' && holder?.type !== 'NewExpression') return undefined
  const position = holder.arguments.indexOf(arrayNode)
  const first = holder.arguments[0]
  const command = position === 1 && first ? staticText(first) : position === 0 ? '' : undefined
  if (command === undefined) return undefined
  const quote = (s: string) => (/[\s'"]/.test(s) ? `'${s.replace(/'/g, '')}'` : s)
  let text = command ? quote(command) : ''
  let start = -1
  let end = -1
  for (const element of array.elements) {
    const part = element && element.type !== 'SpreadElement' ? (staticText(element) ?? '${}') : '${}'
    if (text) text += ' '
    if (element === node) start = text.length
    text += quote(part)
    if (element === node) end = text.length
  }
  return start < 0 ? undefined : { text, start, end }
}
