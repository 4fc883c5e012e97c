import type { AllowRule, HushConfig } from './config/types.js'
import { HushError, type SourceLocation } from './errors.js'
import type { Provider } from './provider.js'
import type { Reference } from './reference.js'

/** The active environment: `HUSH_ENV`, else `NODE_ENV`, else `development`. */
export function resolveEnvironmentName(env: Record<string, string | undefined> = process.env): string {
  return env.HUSH_ENV || env.NODE_ENV || 'development'
}

function ruleOf(rule: AllowRule): { scheme: string; accounts?: string[]; regions?: string[] } {
  if (typeof rule !== 'string') return rule
  // "aws-sm:123456789012" narrows a scheme to one account in the short form.
  const [scheme, account] = rule.split(':', 2) as [string, string | undefined]
  return account ? { scheme, accounts: [account] } : { scheme }
}

/**
 * Refuses a reference the environment may not read, with `HUSH_ENV_ISOLATION`. Without an
 * `environments` section every registered scheme is allowed.
 */
export function checkIsolation(
  config: HushConfig | undefined,
  environment: string,
  ref: Reference,
  provider: Provider,
  secret: string,
  where?: SourceLocation,
  answered?: { account?: string; region?: string },
): void {
  const envs = config?.environments
  if (!envs) return
  const profile = envs[environment]
  const at = where ? { where } : {}
  if (!profile) {
    throw new HushError('HUSH_ENV_ISOLATION', {
      message: `the environment "${environment}" is not declared in hush.config, so ${secret} (${ref.raw}) may not be read`,
      reason: 'Each environment lists the stores it may read; an undeclared one may read none.',
      fix: `add "${environment}" under environments with the stores it may read, or set HUSH_ENV to one of: ${Object.keys(envs).join(', ')}.`,
      secret,
      reference: ref.raw,
      ...at,
    })
  }
  const rules = profile.allow.map(ruleOf).filter((r) => r.scheme === ref.scheme)
  if (!rules.length) {
    throw new HushError('HUSH_ENV_ISOLATION', {
      message: `${secret} points at ${ref.raw}, but the environment "${environment}" may not read ${ref.scheme}://`,
      reason: `environments.${environment}.allow lists ${profile.allow.map((r) => (typeof r === 'string' ? r : r.scheme)).join(', ') || 'nothing'}; environments never read each other's stores.`,
      fix: `give ${secret} a "from" for "${environment}" in hush.config, or run with the right HUSH_ENV.`,
      secret,
      reference: ref.raw,
      ...at,
    })
  }
  // Before a fetch, an account the reference does not name (a plain secret name) is not yet
  // known and passes; after the fetch the store's answer says where the value came from, and
  // then an unknown account or region fails.
  const scope = { ...(provider.scope?.(ref) ?? {}), ...(answered ?? {}) }
  const ok = (allowed: string[] | undefined, actual: string | undefined) =>
    !allowed || (actual === undefined ? answered === undefined : allowed.includes(actual))
  const fits = rules.some((r) => ok(r.accounts, scope.account) && ok(r.regions, scope.region))
  if (!fits) {
    throw new HushError('HUSH_ENV_ISOLATION', {
      message: `${secret} points at ${ref.raw} (account ${scope.account ?? 'unknown'}, region ${scope.region ?? 'unknown'}), outside what "${environment}" may read`,
      fix: `point ${secret} at a store of this environment's account and region, or widen environments.${environment}.allow on purpose.`,
      secret,
      reference: ref.raw,
      ...at,
    })
  }
}
