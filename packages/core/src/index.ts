// The root entry: what apps and adapters use to start hush and read secrets, what provider
// packages build on, and the redactor. Reading config files without a resolver is
// `@hush/core/config`; detection is `@hush/core/detect`; reference syntax alone is
// `@hush/core/reference`.
export { createHush } from './hush.js'
export type { Hush, HushOptions, SecretName, SourceReference } from './hush.js'
export { createHushForProject } from './project.js'
export type { ProjectOptions } from './project.js'
export { resolveEnvironmentName } from './environment.js'

export { defineConfig } from './config/types.js'
export type { AllowRule, AuditConfig, EnvironmentConfig, GenerateSpec, HushConfig, RotationPolicy, SecretConfig, StandardSchemaV1 } from './config/types.js'
export { generateValue } from './generate.js'
export { loadConfig } from './config/load.js'
export type { ConfigLocation, LoadedConfig } from './config/load.js'

export { HushError, isHushError } from './errors.js'
export type { HushErrorCode, HushErrorDetails, SourceLocation } from './errors.js'

export { parseReference, formatReference, isReference } from './reference.js'
export type { Reference } from './reference.js'
export type { Provider, ProviderContext, ResolvedSecret, SecretDescription, VersionCheck } from './provider.js'
export { envProvider } from './providers/env.js'
export type { EnvProviderOptions } from './providers/env.js'
export { fileProvider } from './providers/file.js'
export { pickJsonKey } from './providers/json-key.js'
export type { Duration } from './duration.js'
export type { RetryOptions } from './backoff.js'

export { Redactor } from './redact/redactor.js'
export type { RedactMatch, RedactorOptions } from './redact/redactor.js'
export { createRedactStream } from './redact/stream.js'
export { createRedactByteStream } from './redact/byte-stream.js'
export type { RedactByteStreamOptions } from './redact/byte-stream.js'
export { installLogGuard } from './redact/log-guard.js'
export type { GuardRedactor, LogGuardOptions } from './redact/log-guard.js'

export { jsonLinesSink } from './events.js'
export type { Actor, EventOf, HushEvent, HushEventType, Listener } from './events.js'
