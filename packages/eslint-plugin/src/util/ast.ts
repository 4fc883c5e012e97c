import type { TSESLint, TSESTree } from '@typescript-eslint/utils'

/** Placeholder for a part of a string that is only known at run time. */
export const DYNAMIC = '${}'

/**
 * The text of a string expression as far as it is known statically: literals, template
 * literals and `+` concatenations, with {@link DYNAMIC} where an expression goes.
 */
export function staticText(node: TSESTree.Node): string | undefined {
  switch (node.type) {
    case 'Literal':
      return typeof node.value === 'string' ? node.value : undefined
    case 'TemplateLiteral':
      return node.quasis.map((q, i) => (i ? DYNAMIC : '') + (q.value.cooked ?? q.value.raw)).join('')
    case 'BinaryExpression': {
      if (node.operator !== '+') return undefined
      const left = staticText(node.left)
      const right = staticText(node.right)
      if (left === undefined && right === undefined) return undefined
      return (left ?? DYNAMIC) + (right ?? DYNAMIC)
    }
    case 'TSAsExpression':
    case 'TSSatisfiesExpression':
    case 'TSNonNullExpression':
      return staticText(node.expression)
    default:
      return undefined
  }
}

/** The name of a property key or member property: `apiKey`, `'X-Api-Key'`, `["token"]`. */
export function keyName(key: TSESTree.Node, computed = false): string | undefined {
  if (!computed && key.type === 'Identifier') return key.name
  if (key.type === 'PrivateIdentifier') return key.name
  if (key.type === 'Literal' && typeof key.value === 'string') return key.value
  if (key.type === 'TemplateLiteral' && key.expressions.length === 0) return key.quasis[0]!.value.cooked ?? undefined
  return undefined
}

/** The name a pattern binds: `token` in `token = 'x'`, `this.token`, `obj['token']`. */
export function targetName(node: TSESTree.Node): string | undefined {
  if (node.type === 'Identifier') return node.name
  if (node.type === 'MemberExpression') return keyName(node.property, node.computed)
  if (node.type === 'AssignmentPattern') return targetName(node.left)
  if (node.type === 'TSParameterProperty') return targetName(node.parameter)
  return undefined
}

/** `process.env` or `import.meta.env` (optional chaining included). */
export function isEnvObject(node: TSESTree.Node): boolean {
  if (node.type === 'ChainExpression') return isEnvObject(node.expression)
  if (node.type !== 'MemberExpression' || keyName(node.property, node.computed) !== 'env') return false
  const obj = node.object
  if (obj.type === 'Identifier') return obj.name === 'process'
  if (obj.type === 'MetaProperty') return obj.meta.name === 'import' && obj.property.name === 'meta'
  return (
    obj.type === 'MemberExpression' && keyName(obj.property, obj.computed) === 'process' && obj.object.type === 'Identifier' && obj.object.name === 'globalThis'
  )
}

/** The variable name in `process.env.NAME`, `process.env['NAME']`, `import.meta.env?.NAME`. */
export function envReadName(node: TSESTree.Node): string | undefined {
  if (node.type === 'ChainExpression') return envReadName(node.expression)
  if (node.type !== 'MemberExpression' || !isEnvObject(node.object)) return undefined
  return keyName(node.property, node.computed)
}

/** Strips wrappers that do not change a value: `await`, `as`, `!`, `satisfies`, `(...)?.`. */
export function unwrap(node: TSESTree.Node): TSESTree.Node {
  switch (node.type) {
    case 'AwaitExpression':
    case 'TSAsExpression':
    case 'TSSatisfiesExpression':
    case 'TSNonNullExpression':
    case 'TSTypeAssertion':
    case 'ChainExpression':
      return unwrap('expression' in node ? node.expression : node.argument)
    default:
      return node
  }
}

/** The last name of a callee or member chain: `error` in `this.logger.error`. */
export function lastName(node: TSESTree.Node): string | undefined {
  const n = unwrap(node)
  if (n.type === 'Identifier') return n.name
  if (n.type === 'ThisExpression') return 'this'
  if (n.type === 'MemberExpression') return keyName(n.property, n.computed)
  return undefined
}

/** `SCREAMING_SNAKE` for an env var named after a variable: `stripeApiKey` → `STRIPE_API_KEY`. */
export function envNameFor(name: string): string {
  return name
    .replace(/([a-z0-9])([A-Z])/g, '$1_$2')
    .replace(/([A-Z]+)([A-Z][a-z])/g, '$1_$2')
    .replace(/[^A-Za-z0-9]+/g, '_')
    .replace(/^_+|_+$/g, '')
    .toUpperCase()
}

/** The variable `name` refers to from `scope`: the innermost scope that declares it. */
export function findVariable(scope: TSESLint.Scope.Scope, name: string): TSESLint.Scope.Variable | undefined {
  for (let s: TSESLint.Scope.Scope | null = scope; s; s = s.upper) {
    const variable = s.set.get(name)
    if (variable) return variable
  }
  return undefined
}
