import { HushError, type Reference } from '@hush/core'

export interface SdkError {
  name?: string
  message?: string
  code?: string
  $metadata?: { httpStatusCode?: number }
}

export interface ErrorContext {
  ref: Reference
  /** The Secrets Manager operation that failed, for the IAM action in access errors. */
  operation: string
  region?: string
  account?: string
  /** A custom endpoint (AWS_ENDPOINT_URL_SECRETS_MANAGER, a local store), when one is set. */
  endpoint?: string
}

const where = (c: ErrorContext) => `in region ${c.region ?? '(unset)'}${c.account ? `, account ${c.account}` : ''}`

/**
 * Turns an AWS SDK error into a HushError with a next step. AWS messages name ARNs and
 * principals, never values; even so, only the parts needed are quoted.
 */
export function toHushError(error: unknown, c: ErrorContext): HushError {
  const e = (error ?? {}) as SdkError
  const name = e.name ?? 'Error'
  const message = e.message ?? ''
  const id = c.ref.path
  const base = { reference: c.ref.raw }
  switch (name) {
    case 'ResourceNotFoundException': {
      const label = /staging label: (\S+)|VersionId: (\S+)/.exec(message)
      if (label) {
        return new HushError('HUSH_NOT_FOUND', {
          message: `${c.ref.raw}: the secret "${id}" has no version ${label[1] ? `with stage ${label[1]}` : label[2]}`,
          fix:
            label[1] === 'AWSPENDING'
              ? 'no rotation is in progress; read AWSCURRENT instead.'
              : 'check ?stage= or ?version= in the reference (aws secretsmanager list-secret-version-ids lists them).',
          ...base,
        })
      }
      return new HushError('HUSH_NOT_FOUND', {
        message: `${c.ref.raw}: AWS Secrets Manager has no secret "${id}" ${where(c)}`,
        fix: `check the name and AWS_REGION, or create it: aws secretsmanager create-secret --name ${id} --secret-string ...`,
        ...base,
      })
    }
    case 'AccessDeniedException': {
      const resource =
        /on resource: (\S+)/.exec(message)?.[1] ??
        (id.startsWith('arn:') ? id : `arn:aws:secretsmanager:${c.region ?? '<region>'}:${c.account ?? '<account>'}:secret:${id}-*`)
      const principal = /User: (\S+)/.exec(message)?.[1]
      const action = /perform: (secretsmanager:\w+)/.exec(message)?.[1] ?? `secretsmanager:${c.operation}`
      return new HushError('HUSH_ACCESS_DENIED', {
        message: `${c.ref.raw}: ${principal ?? 'these credentials'} may not call ${action} on ${resource}`,
        fix: `allow it in an IAM policy: {"Effect":"Allow","Action":"${action}","Resource":"${resource}"} (and kms:Decrypt on the secret's KMS key if it uses a customer-managed key).`,
        ...base,
      })
    }
    case 'DecryptionFailure':
      return new HushError('HUSH_ACCESS_DENIED', {
        message: `${c.ref.raw}: Secrets Manager could not decrypt "${id}" with its KMS key`,
        fix: 'allow kms:Decrypt on the KMS key of the secret for these credentials.',
        ...base,
      })
    case 'InvalidRequestException':
      if (/marked for deletion/.test(message)) {
        return new HushError('HUSH_NOT_FOUND', {
          message: `${c.ref.raw}: the secret "${id}" is marked for deletion`,
          reason: 'A deleted secret can be restored during its recovery window.',
          fix: `restore it with: aws secretsmanager restore-secret --secret-id ${id}${c.region ? ` --region ${c.region}` : ''}; or point the reference at its replacement.`,
          ...base,
        })
      }
      break
    case 'ThrottlingException':
    case 'TooManyRequestsException':
      return new HushError('HUSH_STORE_UNAVAILABLE', {
        message: `${c.ref.raw}: AWS Secrets Manager is throttling ${c.operation} calls ${where(c)}, even after retries with backoff`,
        fix: 'raise the cache TTL so fewer calls are made, or ask AWS for a higher quota.',
        ...base,
      })
  }
  return commonError(e, c, SECRETS_MANAGER)
}

/** What messages name for each AWS store: its name, its endpoint variable, its factory. */
export interface AwsService {
  name: string
  endpointVariable: string
  factory: string
  protocolNote: string
}

export const SECRETS_MANAGER: AwsService = {
  name: 'AWS Secrets Manager',
  endpointVariable: 'AWS_ENDPOINT_URL_SECRETS_MANAGER',
  factory: 'awsSecretsManager',
  protocolNote: 'it should speak the Secrets Manager protocol (for @hush/local-store, check the seed: binary values are base64).',
}

/**
 * The failures every AWS store shares (credentials, signatures, region, network, answers the
 * SDK could not read), worded for the store `service`.
 */
export function commonError(e: SdkError, c: ErrorContext, service: AwsService): HushError {
  const name = e.name ?? 'Error'
  const message = e.message ?? ''
  const base = { reference: c.ref.raw }
  switch (name) {
    case 'UnrecognizedClientException':
      return new HushError('HUSH_ACCESS_DENIED', {
        message: `${c.ref.raw}: ${c.endpoint ? `the store at ${c.endpoint}` : 'AWS'} does not know the access key id these credentials sign with (${name})`,
        fix: c.endpoint
          ? 'sign with credentials the store knows: for @hush/local-store with access rules, the accessKeyId and secretAccessKey of a rule (AWS_ACCESS_KEY_ID, AWS_SECRET_ACCESS_KEY).'
          : 'check AWS_ACCESS_KEY_ID or AWS_PROFILE: the key may be deleted, or belong to another partition.',
        ...base,
      })
    case 'InvalidSignatureException':
      return new HushError('HUSH_ACCESS_DENIED', {
        message: `${c.ref.raw}: the request's signature was refused (${name}): the secret access key does not match the access key id, or this machine's clock is off by more than 15 minutes`,
        fix: 'check AWS_SECRET_ACCESS_KEY (or the profile) belongs to AWS_ACCESS_KEY_ID, and the system clock.',
        ...base,
      })
    case 'CredentialsProviderError':
    case 'ExpiredTokenException':
      return new HushError('HUSH_ACCESS_DENIED', {
        message: `${c.ref.raw}: no valid AWS credentials were found (${name})`,
        fix: 'set AWS_PROFILE, or AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY, or run where an IAM role is attached; for SSO run aws sso login.',
        ...base,
      })
  }
  if (/Region is missing/i.test(message)) {
    return new HushError('HUSH_BAD_CONFIG', {
      message: `${c.ref.raw}: no AWS region is set`,
      fix: `set AWS_REGION (or use a full ARN in the reference, or pass region to ${service.factory}()).`,
      ...base,
    })
  }
  const status = e.$metadata?.httpStatusCode
  const store = c.endpoint ? `the store at ${c.endpoint}` : service.name
  if (status !== undefined && status >= 200 && status < 300) {
    // The store answered, but with something the SDK could not read: not a network problem.
    return new HushError('HUSH_STORE_UNAVAILABLE', {
      message: `${c.ref.raw}: ${store} answered ${c.operation} with data the AWS SDK could not read (${name}) ${where(c)}`,
      fix: c.endpoint ? `check what that endpoint serves: ${service.protocolNote}` : 'retry; if it persists, report it with the operation name.',
      ...base,
    })
  }
  return new HushError('HUSH_STORE_UNAVAILABLE', {
    message: `${c.ref.raw}: ${store} ${status ? `answered ${c.operation} with ${name} (HTTP ${status})` : `could not be reached for ${c.operation} (${name}${e.code ? ` ${e.code}` : ''})`} ${where(c)}`,
    fix: c.endpoint
      ? `check that ${c.endpoint} is up (for @hush/local-store: npx hush-local-store), or unset ${service.endpointVariable} to use AWS.`
      : `check the network path to ${service.name} (VPC endpoint, proxy, ${service.endpointVariable}); a running app keeps serving the last good value for the staleIfError window.`,
    ...base,
  })
}
