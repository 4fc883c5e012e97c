import { Inject } from '@nestjs/common'
import { secretToken } from './hush.constants.js'

type Registry = Map<string, Set<object>>

// Names used with @InjectSecret anywhere in the process, with the classes that use each.
// HushModule provides a handle for every name when Nest scans the app, which is after every
// decorated class has been defined, so `forRoot()` alone is enough; the classes tell whether a
// name is used by this app (a name hush does not know then fails its bootstrap) or only by
// another app in the same process. On globalThis so the ESM and CJS builds share it.
const REGISTRY = Symbol.for('@hush/nestjs:injected-secrets')

export function injectedSecrets(): Registry {
  const store = globalThis as { [REGISTRY]?: Registry }
  return (store[REGISTRY] ??= new Map<string, Set<object>>())
}

/**
 * Injects a `SecretHandle` for the secret `name`, on a constructor parameter or a property:
 * `constructor(@InjectSecret('DB_PASSWORD') private readonly db: SecretHandle) {}`. Its
 * `value` is always the current value, after rotations too.
 */
export function InjectSecret(name: string): PropertyDecorator & ParameterDecorator {
  if (typeof name !== 'string' || name === '')
    throw new TypeError(
      `@InjectSecret needs a secret name, such as @InjectSecret('DB_PASSWORD'); got ${typeof name === 'string' ? 'an empty string' : typeof name}`,
    )
  const inject = Inject(secretToken(name))
  return (target: object, key: string | symbol | undefined, index?: number) => {
    // A constructor parameter's target is the class; a property's is its prototype.
    const cls = typeof target === 'function' ? target : (target as { constructor: object }).constructor
    const registry = injectedSecrets()
    let users = registry.get(name)
    if (!users) registry.set(name, (users = new Set()))
    users.add(cls)
    if (index === undefined) (inject as PropertyDecorator)(target, key!)
    else (inject as ParameterDecorator)(target, key, index)
  }
}
