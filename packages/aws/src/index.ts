export { awsSecretsManager } from './provider.js'
export type { AwsSecretsManagerOptions } from './provider.js'
export { toHushError } from './errors.js'
