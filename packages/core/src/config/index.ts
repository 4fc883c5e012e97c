// `@hush/core/config`: reading hush.config files, for adapters and tools that need the
// manifest without a resolver (ESLint rules, the CLI). The synchronous reader loads yaml and
// jiti up front, so it lives here rather than in the package root.
export { loadConfig } from './load.js'
export type { ConfigLocation, LoadedConfig } from './load.js'
export { loadConfigSync } from './load-sync.js'
export { validateConfig } from './validate.js'
export { defineConfig } from './types.js'
export type { AllowRule, AuditConfig, EnvironmentConfig, HushConfig, SecretConfig, StandardSchemaV1 } from './types.js'
export type { ConfigProblem } from './json-problem.js'
export { CONFIG_FILES, findConfigFile } from '../find-config.js'
