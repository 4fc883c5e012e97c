import type { Reference } from '@hush/core'

/**
 * Where a reference points, for environment rules and messages: the region and account of its
 * ARN (`arn` captures them as groups 1 and 2), else the configured region and account.
 */
export function scopeFor(arn: RegExp, options: { region?: string; accountId?: string }): (ref: Reference) => { account?: string; region?: string } {
  const staticRegion = options.region ?? process.env.AWS_REGION ?? process.env.AWS_DEFAULT_REGION
  return (ref) => {
    const at = arn.exec(ref.path)
    if (at) return { region: at[1]!, account: at[2]! }
    const account = options.accountId ?? process.env.AWS_ACCOUNT_ID
    return { ...(staticRegion ? { region: staticRegion } : {}), ...(account ? { account } : {}) }
  }
}
