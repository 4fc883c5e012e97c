import { HushError } from '../errors.js'
import type { Provider, ResolvedSecret } from '../provider.js'
import { describeMalformed, KNOWN_SCHEMES, type Reference, schemeOf, suggestScheme } from '../reference.js'
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
          message: `${describeMalformed(ref.raw)} is not a valid env reference`,
          reason: 'An environment variable name holds only letters, digits, "_", "." and "-".',
          fix: 'write it as env://VARIABLE_NAME.',
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
    resolve(refs) {
      const env = source()
      return Promise.resolve(
        refs.map((ref): ResolvedSecret | HushError => {
          const value = env[ref.path]
          if (value === undefined) {
            return new HushError('HUSH_NOT_FOUND', {
              message: `${ref.raw}: the environment variable ${ref.path} is not set`,
              fix: `set ${ref.path} in the environment (or in .env) before starting the process.`,
              reference: ref.raw,
            })
          }
          const inner = schemeOf(value)
          if ((inner !== undefined && (KNOWN_SCHEMES as readonly string[]).includes(inner)) || suggestScheme(value)) {
            // The variable holds a reference, not a value (say .env gave it one that hush.config
            // then read through env://): handing the app the reference text would be silent.
            return new HushError('HUSH_BAD_REFERENCE', {
              message: `${ref.raw}: the environment variable ${ref.path} holds a reference (${inner ?? value.slice(0, value.indexOf(':'))}:...), not a value`,
              reason: 'hush does not follow a reference found inside a value.',
              fix: `point the secret straight at the store (for example from: "${inner ?? 'env'}://..."), or set ${ref.path} to the value itself.`,
              reference: ref.raw,
            })
          }
          const picked = pickJsonKey(value, ref)
          return typeof picked === 'string' ? { value: picked } : picked
        }),
      )
    },
  }
}
