/** Injection token of the module's options (what `forRoot` got, or what `forRootAsync`'s factory returned). */
export const HUSH_MODULE_OPTIONS = 'HUSH_MODULE_OPTIONS'

/** Injection token of the started hush instance with its ConfigService link and health tracker. */
export const HUSH_RUNTIME = 'HUSH_RUNTIME'

/** Injection token of the runtime `HushModule.forRoot()` started while Nest scanned the app. */
export const HUSH_PRELOADED = 'HUSH_PRELOADED'

/**
 * Where `@nestjs/config` keeps its values (ConfigHostModule's global provider). A string, not
 * an import, so hush works in apps without `@nestjs/config`.
 */
export const CONFIGURATION_TOKEN = 'CONFIGURATION_TOKEN'

/** The token `@InjectSecret(name)` injects. A string, so two copies of this package (ESM and CJS) agree on it. */
export function secretToken(name: string): string {
  return `HUSH_SECRET:${name}`
}
