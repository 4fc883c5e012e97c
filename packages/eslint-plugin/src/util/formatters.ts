import type { TSESLint, TSESTree } from '@typescript-eslint/utils'
import { keyName, unwrap } from './ast.js'

/**
 * Terminal colour libraries: what they return is the text they were given, with escape codes
 * around it, so a secret coloured green is still the secret.
 */
const COLOR_MODULES = new Set([
  'chalk',
  'picocolors',
  'colorette',
  'kleur',
  'kleur/colors',
  'colors',
  'colors/safe',
  '@colors/colors',
  '@colors/colors/safe',
  'ansi-colors',
  'ansis',
  'cli-color',
  'kolorist',
  'yoctocolors',
  'nanocolors',
  'tinyrainbow',
])
/** The names these libraries are usually imported under, for a file that does not show the import. */
const COLOR_NAMES = /^(?:chalk|pc|picocolors|colorette|kleur|colors|ansiColors|ansis|clc|kolorist|yoctocolors)$/

/**
 * Functions that build text from all their arguments: `util.format('%s', x)`, `sprintf`,
 * `util.styleText('green', x)`, and the text-layout helpers of CLIs (`boxen(x)`, `dedent(x)`).
 */
export const FORMAT_FUNCTIONS = new Set([
  'format',
  'formatWithOptions',
  'sprintf',
  'vsprintf',
  'styleText',
  'boxen',
  'wrapAnsi',
  'stripAnsi',
  'indentString',
  'dedent',
  'outdent',
  'stripIndent',
  'stripIndents',
  'oneLine',
  'oneLineTrim',
  'terminalLink',
])

/** The module a variable is bound from: `import pc from 'picocolors'`, `const { green } = require('colorette')`. */
export function moduleOf(variable: TSESLint.Scope.Variable | undefined): string | undefined {
  const def = variable?.defs[0]
  if (!def) return undefined
  if (String(def.type) === 'ImportBinding') {
    const declaration = def.parent
    return declaration?.type === 'ImportDeclaration' && typeof declaration.source.value === 'string' ? declaration.source.value : undefined
  }
  if (def.node.type !== 'VariableDeclarator' || !def.node.init) return undefined
  let init = unwrap(def.node.init)
  // `require('chalk').default`, `(await import('chalk')).default`.
  if (init.type === 'MemberExpression' && keyName(init.property, init.computed) === 'default') init = unwrap(init.object)
  if (init.type === 'ImportExpression') return init.source.type === 'Literal' && typeof init.source.value === 'string' ? init.source.value : undefined
  if (init.type !== 'CallExpression' || init.callee.type !== 'Identifier' || init.callee.name !== 'require') return undefined
  const first = init.arguments[0]
  return first?.type === 'Literal' && typeof first.value === 'string' ? first.value : undefined
}

/**
 * Whether a callee colours text: `chalk.green`, `chalk.bold.red`, `chalk.hex('#f00').bold`,
 * `kleur.red().bold`, `pc.green`, or `green` imported from colorette. `find` gives a name's variable.
 */
export function isColorCallee(callee: TSESTree.Node, find: (id: TSESTree.Identifier) => TSESLint.Scope.Variable | undefined): boolean {
  let node = unwrap(callee)
  const chained = node.type !== 'Identifier'
  for (let depth = 0; depth < 8; depth++) {
    if (node.type === 'MemberExpression') node = unwrap(node.object)
    else if (node.type === 'CallExpression') node = unwrap(node.callee)
    else break
  }
  if (node.type !== 'Identifier') return false
  const variable = find(node)
  const module = moduleOf(variable)
  if (module !== undefined) return COLOR_MODULES.has(module)
  // A bare `green(x)` is a colour only when the file imports it from one of these libraries.
  return chained && !variable?.defs.length && COLOR_NAMES.test(node.name)
}
