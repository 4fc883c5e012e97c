import { Inject } from '@nestjs/common'
import { secretToken } from './hush.constants.js'

// Names used with @InjectSecret anywhere in the process. HushModule provides a handle for each
// when Nest scans the app, which is after every decorated class has been defined, so
// `forRoot()` alone is enough. On globalThis so the ESM and CJS builds of this package share it.
const REGISTRY = Symbol.for('@hush/nestjs:injected-secrets')

export function injectedSecretNames(): Set<string> {
  const store = globalThis as { [REGISTRY]?: Set<string> }
  return (store[REGISTRY] ??= new Set())
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
  injectedSecretNames().add(name)
  return Inject(secretToken(name))
}
