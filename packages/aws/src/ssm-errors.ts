import { HushError } from '@hush/core'
import { type AwsService, commonError, type ErrorContext, type SdkError } from './errors.js'

export const PARAMETER_STORE: AwsService = {
  name: 'AWS Systems Manager Parameter Store',
  endpointVariable: 'AWS_ENDPOINT_URL_SSM',
  factory: 'awsParameterStore',
  protocolNote: 'it should speak the Systems Manager (AmazonSSM) JSON protocol.',
}

const where = (c: ErrorContext) => `in region ${c.region ?? '(unset)'}${c.account ? `, account ${c.account}` : ''}`

/** The ARN of a parameter, as IAM policies name it; the parts not known yet are placeholders. */
export function parameterArn(name: string, c: { region?: string; account?: string }): string {
  if (name.startsWith('arn:')) return name
  return `arn:aws:ssm:${c.region ?? '<region>'}:${c.account ?? '<account>'}:parameter${name.startsWith('/') ? name : `/${name}`}`
}

/** A failure of KMS behind Parameter Store: a SecureString whose key these credentials may not use. */
function kmsDenied(c: ErrorContext, message: string, name: string): HushError {
  const key = /on resource: (arn:aws[\w-]*:kms:\S+)/.exec(message)?.[1]
  const principal = /User: (\S+)/.exec(message)?.[1]
  return new HushError('HUSH_ACCESS_DENIED', {
    message: `${c.ref.raw}: ${principal ?? 'these credentials'} may read the parameter "${c.ref.path}" but not decrypt it: KMS refused kms:Decrypt${key ? ` on ${key}` : ''} (${name})`,
    reason: 'A SecureString is encrypted with a KMS key; reading it WithDecryption needs kms:Decrypt on that key as well as the ssm: action.',
    fix: `allow it in an IAM policy: {"Effect":"Allow","Action":"kms:Decrypt","Resource":"${key ?? `arn:aws:kms:${c.region ?? '<region>'}:${c.account ?? '<account>'}:key/<the parameter's KeyId>`}"} (aws ssm describe-parameters names the parameter's KeyId), or allow the role in the key policy.`,
    reference: c.ref.raw,
  })
}

/**
 * Turns an SDK error of Parameter Store into a HushError with a next step. AWS messages name
 * ARNs and principals, never values; only the parts needed are quoted.
 */
export function toParameterStoreError(error: unknown, c: ErrorContext): HushError {
  const e = (error ?? {}) as SdkError
  const name = e.name ?? 'Error'
  const message = e.message ?? ''
  const base = { reference: c.ref.raw }
  const id = c.ref.path
  if (name.startsWith('KMS.') || name === 'InvalidKeyId' || (name === 'AccessDeniedException' && /kms:|AWSKMS/.test(message)))
    return kmsDenied(c, message, name)
  switch (name) {
    case 'ParameterNotFound':
      return new HushError('HUSH_NOT_FOUND', {
        message: `${c.ref.raw}: ${PARAMETER_STORE.name} has no parameter "${id}" ${where(c)}`,
        fix: `check the name (a parameter in a hierarchy starts with "/": aws-ssm:///prod/db) and AWS_REGION, or create it: aws ssm put-parameter --name ${id} --type SecureString --value ...`,
        ...base,
      })
    case 'ParameterVersionNotFound':
      return new HushError('HUSH_NOT_FOUND', {
        message: `${c.ref.raw}: the parameter "${id}" has no ${c.ref.params.label !== undefined ? `version labelled ${c.ref.params.label}` : `version ${c.ref.params.version ?? ''}`} ${where(c)}`,
        fix: `check ?version= or ?label= in the reference (aws ssm get-parameter-history --name ${id} lists versions and labels).`,
        ...base,
      })
    case 'AccessDeniedException': {
      const resource = /on resource: (\S+)/.exec(message)?.[1] ?? parameterArn(id.replace(/\/\*$/, ''), c)
      const principal = /User: (\S+)/.exec(message)?.[1]
      const action = /perform: (ssm:\w+)/.exec(message)?.[1] ?? `ssm:${c.operation}`
      return new HushError('HUSH_ACCESS_DENIED', {
        message: `${c.ref.raw}: ${principal ?? 'these credentials'} may not call ${action} on ${resource}`,
        fix: `allow it in an IAM policy: {"Effect":"Allow","Action":"${action}","Resource":"${resource}"} (and kms:Decrypt on the parameter's KMS key if it is a SecureString with a customer-managed key).`,
        ...base,
      })
    }
    case 'ThrottlingException':
    case 'TooManyUpdates':
      return new HushError('HUSH_STORE_UNAVAILABLE', {
        message: `${c.ref.raw}: ${PARAMETER_STORE.name} is throttling ${c.operation} calls ${where(c)}, even after retries with backoff`,
        fix: 'raise the cache TTL so fewer calls are made, or raise the Parameter Store throughput (aws ssm update-service-setting, higher throughput).',
        ...base,
      })
  }
  return commonError(e, c, PARAMETER_STORE)
}
