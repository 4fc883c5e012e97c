import { type DynamicModule, Module, type Provider } from '@nestjs/common'
import { ModulesContainer } from '@nestjs/core'
import { HushHealthIndicator } from './health/hush-health.indicator.js'
import { linkConfigService } from './config-service.js'
import { CONFIGURATION_TOKEN, HUSH_MODULE_OPTIONS, HUSH_PRELOADED, HUSH_RUNTIME, secretToken } from './hush.constants.js'
import { ASYNC_OPTIONS_TYPE, ConfigurableModuleClass, OPTIONS_TYPE } from './hush.module-definition.js'
import type { HushModuleOptions } from './hush-options.interface.js'
import { HushService } from './hush.service.js'
import { injectedSecrets } from './inject-secret.decorator.js'
import { preloadModule, type SharedRuntime } from './preload.js'
import { type HushRuntime, startRuntime } from './runtime.js'
import { createSecretHandle } from './secret-handle.js'

type ConfigHost = Record<string, unknown> | undefined
const configHost = { token: CONFIGURATION_TOKEN, optional: true }

/** forRoot: hush was started while Nest scanned the app; this app takes its share and links its ConfigService. */
const preloadedRuntime: Provider = {
  provide: HUSH_RUNTIME,
  useFactory: (shared: SharedRuntime, host: ConfigHost) => {
    const runtime = shared.acquire()
    if (host) linkConfigService(host, runtime.hush, runtime.state)
    return runtime
  },
  inject: [HUSH_PRELOADED, configHost],
}

/** forRootAsync: the options come from other providers, so hush starts while Nest builds the app. */
const asyncRuntime: Provider = {
  provide: HUSH_RUNTIME,
  useFactory: async (options: HushModuleOptions | undefined, host: ConfigHost) => {
    const runtime = await startRuntime(options ?? {})
    if (host) linkConfigService(host, runtime.hush, runtime.state)
    return runtime
  },
  inject: [HUSH_MODULE_OPTIONS, configHost],
}

function handleProvider(name: string): Provider {
  return {
    provide: secretToken(name),
    useFactory: (runtime: HushRuntime, modules: ModulesContainer) => {
      // A name hush does not know fails this app's bootstrap with the list, not the first
      // read; unless no class of this app uses it (another app in the process does).
      if (!runtime.hush.names().includes(name) && usedIn(modules, name)) unknownSecret(runtime, name)
      return createSecretHandle(name, runtime)
    },
    inject: [HUSH_RUNTIME, ModulesContainer],
  }
}

function usedIn(modules: ModulesContainer, name: string): boolean {
  const users = injectedSecrets().get(name)
  if (!users) return false
  for (const moduleRef of modules.values()) {
    for (const wrapper of [...moduleRef.providers.values(), ...moduleRef.controllers.values()]) {
      if (wrapper.metatype && users.has(wrapper.metatype)) return true
    }
  }
  return false
}

// What a secret name looks like; anything else given as one may be a value (the platform set
// API_KEY to the value and the code passed process.env.API_KEY), so it is described, not quoted.
const NAME_SHAPE = /^[A-Za-z_][A-Za-z0-9_]{0,63}$/

function unknownSecret(runtime: HushRuntime, name: string): never {
  const known = runtime.hush.names()
  const list = known.length ? `Known: ${known.join(', ')}. ` : 'It found no hush.config and no reference in .env, so it knows none. '
  if (!NAME_SHAPE.test(name) || /\d{4}/.test(name) || runtime.hush.redact(name) !== name) {
    throw new Error(
      `@InjectSecret was given a ${name.length}-character text that is not the name of a secret hush knows; it may be a value. ${list}` +
        `Pass the secret's name, such as @InjectSecret('API_KEY'), not process.env.API_KEY.`,
    )
  }
  throw new Error(
    `@InjectSecret('${name}'): hush knows no secret named ${name}. ${list}` +
      `Declare it in hush.config (secrets.${name}), or write its value in .env as a reference (${name}=aws-sm://..., env://..., file://...).`,
  )
}

/**
 * Adds hush's providers to the module the builder made. The handles for `@InjectSecret` are
 * listed when Nest reads `providers` (it scans after every class is defined), so no
 * per-name registration is needed.
 */
function withHush(definition: DynamicModule, runtime: Provider, imports: DynamicModule['imports'] = []): DynamicModule {
  const own = definition.providers ?? []
  const module: DynamicModule = { ...definition, imports: [...(definition.imports ?? []), ...imports] }
  Object.defineProperty(module, 'providers', {
    enumerable: true,
    get: () => [...own, runtime, HushService, HushHealthIndicator, ...[...injectedSecrets().keys()].map(handleProvider)],
  })
  Object.defineProperty(module, 'exports', {
    enumerable: true,
    get: () => [HUSH_MODULE_OPTIONS, HUSH_RUNTIME, HushService, HushHealthIndicator, ...[...injectedSecrets().keys()].map(secretToken)],
  })
  return module
}

/**
 * Secrets for a Nest app. `HushModule.forRoot({ isGlobal: true })` beside
 * `ConfigModule.forRoot({ isGlobal: true })`: every secret is resolved before the app
 * listens, `configService.get('DB_PASSWORD')` gives its current value, `HushService` and
 * `@InjectSecret` read it directly, and `HushHealthIndicator` reports the stores.
 */
@Module({})
export class HushModule extends ConfigurableModuleClass {
  static override forRoot(options: typeof OPTIONS_TYPE = {}): DynamicModule {
    const { isGlobal: _, ...hushOptions } = options
    return withHush(super.forRoot(options), preloadedRuntime, [preloadModule(hushOptions)])
  }

  static override forRootAsync(options: typeof ASYNC_OPTIONS_TYPE): DynamicModule {
    return withHush(super.forRootAsync(options), asyncRuntime)
  }
}
