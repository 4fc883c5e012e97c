import { AwsError } from './errors.js'

/** Who may do what: a credential (access key id), the actions and the secret names it may use. */
export interface AccessRule {
  accessKeyId: string
  /** Operation names such as `GetSecretValue`; all when omitted. */
  actions?: string[]
  /** Secret names, with `*` as a wildcard; all when omitted. */
  secrets?: string[]
}

const pattern = (glob: string) => new RegExp(`^${glob.replace(/[.+?^${}()|[\]\\]/g, '\\$&').replace(/\*/g, '.*')}$`)

/** The access key id a SigV4 `Authorization` header was signed with. */
export function accessKeyOf(authorization: string | undefined): string | undefined {
  return /Credential=([^/,\s]+)\//.exec(authorization ?? '')?.[1]
}

/**
 * Checks a request against the rules, as IAM would: with no rules everything is allowed;
 * otherwise a rule must grant the action on the resource, else AccessDeniedException with
 * the message shape AWS uses.
 */
export function checkAccess(rules: AccessRule[] | undefined, accountId: string, accessKeyId: string | undefined, action: string, secret?: { name: string; arn: string }): void {
  if (!rules || rules.length === 0) return
  const allowed = rules.some(
    (r) =>
      r.accessKeyId === accessKeyId &&
      (!r.actions || r.actions.includes(action)) &&
      (!secret || !r.secrets || r.secrets.some((g) => pattern(g).test(secret.name))),
  )
  if (!allowed) {
    const resource = secret?.arn ?? '*'
    throw new AwsError(
      'AccessDeniedException',
      `User: arn:aws:iam::${accountId}:user/${accessKeyId ?? 'anonymous'} is not authorized to perform: secretsmanager:${action} on resource: ${resource} because no identity-based policy allows the secretsmanager:${action} action`,
    )
  }
}
