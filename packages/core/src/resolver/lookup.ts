import { lineIndex } from '../config/load.js'
import type { HushConfig, SecretConfig } from '../config/types.js'
import { printableKey } from '../config/validate.js'
import { checkIsolation } from '../environment.js'
import { HushError, type SourceLocation } from '../errors.js'
import type { Provider, ResolvedSecret } from '../provider.js'
import { parseReference, schemeOf, suggestScheme, type Reference } from '../reference.js'

/** A reference and where it was written (a `.env` line, a config path). */
export interface Source {
  reference: string
  where?: SourceLocation
  /** Wins over hush.config's source instead of contradicting it: a variable the shell or the platform set. */
  override?: boolean
}

/** What a name resolves through in this environment: decided once, before any fetch. */
export interface Located {
  name: string
  ref: Reference
  where: SourceLocation | undefined
  provider: Provider
  spec: SecretConfig | undefined
}

export interface LookupInput {
  config: HushConfig | undefined
  configFile: string | undefined
  configSource: string | undefined
  environment: string
  /** `.env` references by name. */
  sources: Map<string, Source>
  /** Providers by scheme. */
  providers: ReadonlyMap<string, Provider>
  /** Whether a text is a value hush has resolved (the redactor knows it): never printed, even as a name. */
  isKnownValue?: (text: string) => boolean
}

export interface Lookup {
  /** The manifest entry of a name, if declared. */
  declared(name: string): SecretConfig | undefined
  /** Where a name comes from in this environment; throws when config and `.env` disagree. */
  referenceFor(name: string): Source | undefined
  /** A reference as it may be printed. */
  printable(reference: string): string
  /** The reference, provider and manifest entry of a name, checked against the environment. */
  locate(name: string): Located
  /** Refuses a value the store says came from an account or region the environment may not read. */
  checkScope(secret: Located, scope: NonNullable<ResolvedSecret['scope']>): void
  /** Every name known from the config (in this environment) and the sources. */
  names(): string[]
}

/**
 * Name → reference → provider. The config decides for the names it declares with a source for
 * this environment; `.env` references give the rest; the environment's `allow` list decides
 * whether the store may be read at all. Nothing here fetches.
 */
// What a secret name looks like (DB_PASSWORD, stripeKey). Anything else asked for by name may be
// a value pasted in its place (get(process.env.API_KEY)), so it is described, not printed.
const NAME_SHAPE = /^[A-Za-z_][A-Za-z0-9_]{0,63}$/

export function createLookup({ config, configFile, configSource, environment, sources, providers, isKnownValue }: LookupInput): Lookup {
  // Secret names are looked up with hasOwn: a name such as "toString" or "__proto__" must not
  // find a property of Object.prototype.
  const secrets = config?.secrets
  const declared = (name: string): SecretConfig | undefined => (secrets && Object.hasOwn(secrets, name) ? secrets[name] : undefined)
  const configLines = configSource !== undefined ? lineIndex(configSource) : undefined

  /**
   * A reference as it may be printed. One of a registered scheme names where a secret lives;
   * anything else in its place (`postgres://app:<password>@db/app`, pasted into the config)
   * may be the secret itself, so only its scheme is shown.
   */
  const printable = (reference: string): string => {
    const scheme = schemeOf(reference)
    return scheme !== undefined && providers.has(scheme) ? reference : `${scheme ?? reference.slice(0, Math.max(reference.indexOf(':'), 0))}://...`
  }

  /** A `.env` reference that contradicts the config is refused rather than silently losing to it. */
  function referenceFor(name: string): Source | undefined {
    const spec = declared(name)
    const source = sources.get(name)
    if (source?.override) return source
    const from = spec?.from
    const fromConfig =
      spec === undefined
        ? undefined
        : from === undefined
          ? source
            ? undefined
            : `env://${name}`
          : typeof from === 'string'
            ? from
            : Object.hasOwn(from, environment)
              ? from[environment]
              : undefined
    if (fromConfig === undefined) return source
    const path = typeof from === 'object' ? `secrets.${name}.from.${environment}` : `secrets.${name}.from`
    const line = configLines?.(fromConfig)
    const where: SourceLocation = { ...(configFile ? { file: configFile } : {}), ...(line ? { line } : {}), path }
    if (source && source.reference !== fromConfig) {
      const at = source.where?.file ? `${source.where.file}${source.where.line ? `:${source.where.line}` : ''}` : 'the sources given to hush'
      throw new HushError('HUSH_BAD_CONFIG', {
        message: `${name} is given two different sources: ${printable(fromConfig)} in hush.config and ${printable(source.reference)} in ${at}`,
        reason: 'hush.config decides where a declared secret comes from, so the .env line would be ignored.',
        fix: `keep one: remove ${name} from ${at}, or change secrets.${name}.from in hush.config to the reference you meant.`,
        secret: name,
        where,
      })
    }
    return { reference: fromConfig, where }
  }

  function locate(name: string): Located {
    const spec = declared(name)
    const source = referenceFor(name)
    if (!source) {
      if (spec) {
        // Environment names are keys the user wrote; a value pasted as one must not be printed.
        const envs = Object.keys(spec.from as Record<string, string>).map(printableKey)
        throw new HushError('HUSH_NOT_FOUND', {
          message: `${name} has no source for the environment "${environment}"`,
          reason: `hush.config gives it one for ${envs.join(', ') || 'no environment'}.`,
          fix: `add secrets.${name}.from.${environment} to hush.config, or run with HUSH_ENV set to one of those.`,
          secret: name,
          ...(configFile ? { where: { file: configFile } } : {}),
        })
      }
      if (schemeOf(name) !== undefined) {
        throw new HushError('HUSH_UNKNOWN_SECRET', {
          message: `a reference (${printable(name)}) was given where a secret's name belongs`,
          fix: 'ask for the secret by its name (get("DB_PASSWORD")); the reference belongs in .env or in hush.config (secrets.DB_PASSWORD.from).',
        })
      }
      if (!NAME_SHAPE.test(name) || /\d{4}/.test(name) || isKnownValue?.(name)) {
        throw new HushError('HUSH_UNKNOWN_SECRET', {
          message: `a ${name.length}-character text that is not a secret's name was given where one belongs${isKnownValue?.(name) ? ': it is the value of a secret' : ''}`,
          fix: 'pass the name of the secret (get("API_KEY")), not its value.',
        })
      }
      throw new HushError('HUSH_UNKNOWN_SECRET', {
        message: `${name} is not a known secret`,
        reason: 'It is neither declared in hush.config nor written as a reference in .env.',
        fix: `declare ${name} under "secrets" in hush.config, or set ${name}=<reference> (for example env://OTHER_VAR) in .env.`,
        secret: name,
      })
    }
    // A malformed reference is described, not quoted (reference.ts); one of an unregistered
    // scheme may be a pasted value (a connection string), so only its scheme is named.
    const ref = parseReference(source.reference, source.where)
    const provider = providers.get(ref.scheme)
    if (!provider) {
      const near = suggestScheme(ref.raw, providers.keys())
      throw new HushError('HUSH_NO_PROVIDER', {
        message: `${name} points at ${ref.scheme}://..., but no provider reads ${ref.scheme}://`,
        ...(near ? { reason: `Did you mean ${near.scheme}://? ${ref.scheme}:// looks like a typo of it.` } : {}),
        fix: near
          ? `write the reference with ${near.scheme}://.`
          : ref.scheme === 'aws-sm' || ref.scheme === 'aws-ssm'
            ? 'install @hush/aws beside @hush/core (pnpm add @hush/aws).'
            : `register a provider for "${ref.scheme}" in the providers option, or, if this is a value (a connection string, say), move it to a store and write a reference here.`,
        secret: name,
        ...(source.where ? { where: source.where } : {}),
      })
    }
    try {
      provider.validate?.(ref)
    } catch (error) {
      if (error instanceof HushError && source.where && !error.where) throw error.at(source.where, { secret: name })
      throw error
    }
    checkIsolation(config, environment, ref, provider, name, source.where)
    return { name, ref, where: source.where, provider, spec }
  }

  return {
    declared,
    referenceFor,
    printable,
    locate,
    checkScope(secret, scope) {
      checkIsolation(config, environment, secret.ref, secret.provider, secret.name, secret.where, scope)
    },
    names() {
      const all = new Set<string>(sources.keys())
      for (const [name, spec] of Object.entries(secrets ?? {})) {
        if (typeof spec.from !== 'object' || Object.hasOwn(spec.from, environment) || spec.required !== false) all.add(name)
      }
      return [...all]
    },
  }
}
