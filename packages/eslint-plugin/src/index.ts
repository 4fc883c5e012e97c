import type { ESLint, Linter, Rule } from 'eslint'
import pkg from '../package.json' with { type: 'json' }
import { rulesFor } from './configs.js'
import noClientSecrets from './rules/no-client-secrets.js'
import noHardcodedSecrets from './rules/no-hardcoded-secrets.js'
import noSecretLogging from './rules/no-secret-logging.js'

type RuleName = 'no-hardcoded-secrets' | 'no-secret-logging' | 'no-client-secrets'
/** Every hush rule has its meta (docs URL, messages, schema). */
type HushRule = Rule.RuleModule & { meta: Rule.RuleMetaData }

const hushRules = {
  'no-hardcoded-secrets': noHardcodedSecrets,
  'no-secret-logging': noSecretLogging,
  'no-client-secrets': noClientSecrets,
} satisfies Record<RuleName, unknown>

// Typed as ESLint's own rule modules, so the published types name only eslint (a peer
// dependency) and not typescript-eslint, which a JavaScript project does not install.
export const rules = hushRules as unknown as Record<RuleName, HushRule>

type Plugin = {
  meta: { name: string; version: string }
  rules: typeof rules
  configs: { recommended: Linter.Config; strict: Linter.Config }
}

const plugin: Plugin = {
  // From package.json, inlined at build time, so a release cannot report the version before it.
  meta: { name: pkg.name, version: pkg.version },
  rules,
  configs: {} as Plugin['configs'],
}

// The configs refer to the plugin object itself, as ESLint's flat config expects.
plugin.configs.recommended = {
  name: 'hush/recommended',
  plugins: { hush: plugin as unknown as ESLint.Plugin },
  rules: rulesFor('recommended', hushRules),
}
plugin.configs.strict = {
  name: 'hush/strict',
  plugins: { hush: plugin as unknown as ESLint.Plugin },
  rules: rulesFor('strict', hushRules),
}

export const configs = plugin.configs
export default plugin
// Named too, so `require('@hush/eslint-plugin')` is itself a complete plugin object.
export const meta = plugin.meta
