import { HushError } from '../errors.js'
import type { Provider, ResolvedSecret } from '../provider.js'
import type { Reference } from '../reference.js'
import { pickJsonKey } from './json-key.js'

const NAME = /^[\w.-]+$/

export interface EnvProviderOptions {
  /** Where variables are read. @default process.env */
  env?: Record<string, string | undefined>
}

/** `env://NAME`: reads another environment variable (for example one CI injected). */
export function envProvider(options: EnvProviderOptions = {}): Provider {
  const source = () => options.env ?? process.env
  return {
    scheme: 'env',
    validate(ref: Reference) {
      if (!NAME.test(ref.path)) {
        throw new HushError('HUSH_BAD_REFERENCE', {
          message: `"${ref.raw}" is not a valid env reference`,
          reason: 'An environment variable name holds only letters, digits, "_", "." and "-".',
          fix: 'write it as env://VARIABLE_NAME.',
          reference: ref.raw,
        })
      }
      if (Object.keys(ref.params).length) {
        throw new HushError('HUSH_BAD_REFERENCE', {
          message: `"${ref.raw}" has parameters, which env:// does not take`,
          fix: 'remove the "?..." part.',
          reference: ref.raw,
        })
      }
    },
    async resolve(refs) {
      const env = source()
      return refs.map((ref): ResolvedSecret | HushError => {
        const value = env[ref.path]
        if (value === undefined) {
          return new HushError('HUSH_NOT_FOUND', {
            message: `${ref.raw}: the environment variable ${ref.path} is not set`,
            fix: `set ${ref.path} in the environment (or in .env) before starting the process.`,
            reference: ref.raw,
          })
        }
        const picked = pickJsonKey(value, ref)
        return typeof picked === 'string' ? { value: picked } : picked
      })
    },
  }
}
