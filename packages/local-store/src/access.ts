import { AwsError } from './errors.js'
import { parseAuthorization, type SignedRequest, verifySignature } from './sigv4.js'

/** Who may do what: a credential, the actions and the secret names it may use. */
export interface AccessRule {
  accessKeyId: string
  /**
   * The secret access key of `accessKeyId`: every request made with that key id must carry a
   * valid SigV4 signature made with this secret, as on AWS. Required, since a key id alone is
   * only text in a header that anyone can write.
   */
  secretAccessKey: string
  /** Operation names such as `GetSecretValue`; all when omitted. */
  actions?: string[]
  /** Secret names, with `*` as a wildcard; all when omitted. */
  secrets?: string[]
  /** Parameter Store names (`/prod/*`), with `*` as a wildcard; all when omitted. */
  parameters?: string[]
  /**
   * KMS keys (`alias/prod`, a key id or ARN; `*` as a wildcard) whose SecureStrings this key id
   * may decrypt; all when omitted. A read of another key's SecureString fails as a KMS denial does.
   */
  kmsKeys?: string[]
}

const pattern = (glob: string) => new RegExp(`^${glob.replace(/[.+?^${}()|[\]\\]/g, '\\$&').replace(/\*/g, '.*')}$`)

/** Checks the shape of access rules given as options or in a seed file; `where` names their source. */
export function validateAccess(rules: unknown, where: string): AccessRule[] | undefined {
  if (rules === undefined || rules === null) return undefined
  if (!Array.isArray(rules))
    throw new Error(`${where}: "access" must be a list of rules such as { accessKeyId: reader, secretAccessKey: ..., actions: [GetSecretValue] }.`)
  const secrets = new Map<string, string>()
  rules.forEach((rule: unknown, i) => {
    const r = rule as Partial<Record<keyof AccessRule, unknown>> | null
    const at = `${where}: access rule ${i + 1}`
    if (!r || typeof r !== 'object' || typeof r.accessKeyId !== 'string' || !r.accessKeyId)
      throw new Error(`${at} needs an "accessKeyId" (a non-empty string).`)
    if (typeof r.secretAccessKey !== 'string' || !r.secretAccessKey) {
      throw new Error(
        `${at} needs a "secretAccessKey" (a non-empty string): without one, anyone who writes the key id ${r.accessKeyId} in a request would get its rights. Use the secret your app signs with (for example AWS_SECRET_ACCESS_KEY).`,
      )
    }
    for (const list of ['actions', 'secrets', 'parameters', 'kmsKeys'] as const) {
      if (r[list] !== undefined && !(Array.isArray(r[list]) && r[list].every((x) => typeof x === 'string')))
        throw new Error(`${at}: "${list}" must be a list of strings.`)
    }
    if (typeof r.secretAccessKey === 'string') {
      const known = secrets.get(r.accessKeyId)
      // The secret is never quoted: only the fact that two differ.
      if (known !== undefined && known !== r.secretAccessKey)
        throw new Error(`${at} gives access key id ${r.accessKeyId} a secretAccessKey different from an earlier rule: give one secret per key id.`)
      secrets.set(r.accessKeyId, r.secretAccessKey)
    }
  })
  return rules as AccessRule[]
}

/**
 * Who sent a request. With no rules, anyone (the key id is only read). A key id that a rule
 * gives a secret must sign the request with it; an unknown key id is refused as AWS refuses
 * one once any rule has a secret; a key id whose rules have no secret is taken at its word.
 */
export function authenticate(
  rules: AccessRule[] | undefined,
  request: SignedRequest & { authorization: string | undefined },
  now?: number,
): string | undefined {
  if (!rules?.some((r) => r.secretAccessKey)) return accessKeyOf(request.authorization)
  const auth = parseAuthorization(request.authorization)
  if (!auth)
    throw new AwsError(
      'MissingAuthenticationTokenException',
      'The request is not signed: sign it with an AWS SDK or CLI using credentials that an access rule names.',
      403,
    )
  const secret = rules.find((r) => r.accessKeyId === auth.accessKeyId && r.secretAccessKey)?.secretAccessKey
  if (secret === undefined) {
    if (rules.some((r) => r.accessKeyId === auth.accessKeyId)) return auth.accessKeyId
    throw new AwsError('UnrecognizedClientException', 'The security token included in the request is invalid.', 403)
  }
  verifySignature(request, auth, secret, now)
  return auth.accessKeyId
}

/** The access key id a SigV4 `Authorization` header names, signed or not. */
export function accessKeyOf(authorization: string | undefined): string | undefined {
  return /Credential=([^/,\s]+)\//.exec(authorization ?? '')?.[1]
}

/**
 * Checks a request against the rules, as IAM would: with no rules everything is allowed;
 * otherwise a rule must grant the action on the resource (its `secrets` or `parameters` globs,
 * by service), else AccessDeniedException with the message shape AWS uses. The resource is
 * `*` for actions that take none (ListSecrets, DescribeParameters).
 */
function checkServiceAccess(
  service: 'secretsmanager' | 'ssm',
  rules: AccessRule[] | undefined,
  accountId: string,
  accessKeyId: string | undefined,
  action: string,
  resource?: { name: string; arn: string },
): void {
  if (!rules || rules.length === 0) return
  const allowed = rules.some((r) => {
    const globs = service === 'ssm' ? r.parameters : r.secrets
    return (
      r.accessKeyId === accessKeyId && (!r.actions || r.actions.includes(action)) && (!resource || !globs || globs.some((g) => pattern(g).test(resource.name)))
    )
  })
  if (!allowed) {
    throw new AwsError(
      'AccessDeniedException',
      `User: arn:aws:iam::${accountId}:user/${accessKeyId ?? 'anonymous'} is not authorized to perform: ${service}:${action} on resource: ${resource?.arn ?? '*'} because no identity-based policy allows the ${service}:${action} action`,
    )
  }
}

/** `checkServiceAccess` for Secrets Manager actions. */
export const checkAccess = (
  rules: AccessRule[] | undefined,
  accountId: string,
  accessKeyId: string | undefined,
  action: string,
  secret?: { name: string; arn: string },
) => checkServiceAccess('secretsmanager', rules, accountId, accessKeyId, action, secret)

/** `checkServiceAccess` for Parameter Store actions. */
export const checkParameterAccess = (
  rules: AccessRule[] | undefined,
  accountId: string,
  accessKeyId: string | undefined,
  action: string,
  parameter?: { name: string; arn: string },
) => checkServiceAccess('ssm', rules, accountId, accessKeyId, action, parameter)

/**
 * Whether the caller may decrypt with a KMS key. Parameter Store passes KMS's own refusal on,
 * as AccessDeniedException naming kms:Decrypt and the key (Service: AWSKMS).
 */
export function checkDecrypt(rules: AccessRule[] | undefined, region: string, accountId: string, accessKeyId: string | undefined, keyId: string): void {
  if (!rules || rules.length === 0) return
  const mine = rules.filter((r) => r.accessKeyId === accessKeyId)
  if (mine.some((r) => !r.kmsKeys || r.kmsKeys.some((g) => pattern(g).test(keyId)))) return
  const key = keyId.startsWith('arn:') ? keyId : `arn:aws:kms:${region}:${accountId}:${keyId.startsWith('alias/') ? keyId : `key/${keyId}`}`
  throw new AwsError(
    'AccessDeniedException',
    `User: arn:aws:iam::${accountId}:user/${accessKeyId ?? 'anonymous'} is not authorized to perform: kms:Decrypt on resource: ${key} because no identity-based policy allows the kms:Decrypt action (Service: AWSKMS; Status Code: 400; Error Code: AccessDeniedException)`,
  )
}
