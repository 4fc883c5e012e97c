import type { TSESLint, TSESTree } from '@typescript-eslint/utils'
import { lastName, unwrap } from './ast.js'
import { moduleOf } from './formatters.js'

/**
 * Secret-store clients known by how they are made, whatever the variable is called, with the
 * receiver name secret-apis.ts and the rule know their calls by (`vault.read`, `doppler.secrets.list`).
 */
const CLIENT_CLASSES: ReadonlyMap<string, string> = new Map([
  ['SecretsManagerClient', 'secretsManager'],
  ['SecretsManager', 'secretsManager'],
  ['SSMClient', 'ssm'],
  ['SSM', 'ssm'],
  ['KMSClient', 'kms'],
  ['KMS', 'kms'],
  ['SecretClient', 'keyVault'],
  ['SecretManagerServiceClient', 'secretManager'],
  ['InfisicalClient', 'infisical'],
  ['InfisicalSDK', 'infisical'],
  ['DopplerSDK', 'doppler'],
  ['Vault', 'vault'],
  ['NodeVault', 'vault'],
])
/** Modules whose default export, or `createClient`, makes a client: `vault({ endpoint })` from node-vault. */
const CLIENT_MODULES: ReadonlyMap<string, string> = new Map([
  ['node-vault', 'vault'],
  ['@1password/sdk', 'op'],
  ['@1password/connect', 'op'],
])

/** The store a constructor call, factory call or type annotation makes: `new SSMClient({})`, `vault({...})`, `: SecretClient`. */
export function storeMadeBy(node: TSESTree.Node, find: (id: TSESTree.Identifier) => TSESLint.Scope.Variable | undefined): string | undefined {
  const made = unwrap(node)
  if (made.type === 'TSTypeAnnotation') return storeMadeBy(made.typeAnnotation, find)
  if (made.type === 'TSTypeReference') return CLIENT_CLASSES.get(lastNameOfType(made.typeName) ?? '')
  if (made.type === 'NewExpression') return CLIENT_CLASSES.get(lastName(made.callee) ?? '')
  if (made.type !== 'CallExpression') return undefined
  const callee = unwrap(made.callee)
  // `require('node-vault')(options)`.
  if (callee.type === 'CallExpression' && callee.callee.type === 'Identifier' && callee.callee.name === 'require') {
    const first = callee.arguments[0]
    return first?.type === 'Literal' && typeof first.value === 'string' ? CLIENT_MODULES.get(first.value) : undefined
  }
  if (callee.type !== 'Identifier') return undefined
  const variable = find(callee)
  const module = moduleOf(variable)
  if (module !== undefined) return CLIENT_MODULES.get(module)
  // A file that does not show its import: node-vault's factory by the names it is imported under.
  return !variable?.defs.length && /^(?:vault|nodeVault|NodeVault)$/.test(callee.name) ? 'vault' : undefined
}

function lastNameOfType(name: TSESTree.EntityName): string | undefined {
  if (name.type === 'Identifier') return name.name
  if (name.type === 'TSQualifiedName') return name.right.name
  return undefined
}
