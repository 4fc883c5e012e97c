import { parseReference, type Reference } from '@hush/core'
import { UsageError } from '../exit-codes.js'

export interface PolicyStatement {
  Sid: string
  Effect: 'Allow'
  Action: string[]
  Resource: string | string[]
}

export interface Policy {
  Version: '2012-10-17'
  Statement: PolicyStatement[]
}

/** A reference the policy grants, by secret name. */
export interface Granted {
  name: string
  reference: string
}

const SM_ARN = /^arn:(aws[\w-]*):secretsmanager:([\w-]+):(\d{12}):secret:(.+)$/
const SSM_ARN = /^arn:(aws[\w-]*):ssm:([\w-]+):(\d{12}):parameter\/(.+)$/
/** Secrets Manager appends a hyphen and six random characters to every secret's ARN. */
const SUFFIXED = /-[A-Za-z0-9]{6}$/

/**
 * Actions AWS defines without resource-level permissions, which a policy can only grant on
 * `*` (the Service Authorization Reference leaves their resource type empty). None of them
 * returns a value: BatchGetSecretValue still needs GetSecretValue on each secret it returns.
 */
export const STAR_ONLY_ACTIONS = ['secretsmanager:BatchGetSecretValue', 'secretsmanager:ListSecrets', 'ssm:DescribeParameters'] as const

interface Where {
  partition: string
  region: string
  account: string
}

/** The region and account of a name-form reference: from the environment, as the SDK would find the region. */
function whereOf(name: string, ref: Reference, env: NodeJS.ProcessEnv): Where {
  const region = env.AWS_REGION ?? env.AWS_DEFAULT_REGION
  const account = env.AWS_ACCOUNT_ID
  const missing = [region ? '' : 'AWS_REGION', account ? '' : 'AWS_ACCOUNT_ID'].filter(Boolean)
  if (missing.length) {
    throw new UsageError(
      `${name} (${ref.raw}) names no ${missing.length === 2 ? 'region or account' : missing[0] === 'AWS_REGION' ? 'region' : 'account'}: set ${missing.join(' and ')}, or write the reference as an ARN`,
      'iam-policy',
    )
  }
  const partition = region!.startsWith('cn-') ? 'aws-cn' : region!.startsWith('us-gov-') ? 'aws-us-gov' : 'aws'
  return { partition, region: region!, account: account! }
}

/** The ARN pattern a Secrets Manager reference reads: its ARN, or its name with the suffix wildcard. */
export function secretArn(name: string, ref: Reference, env: NodeJS.ProcessEnv): string {
  const arn = SM_ARN.exec(ref.path)
  if (arn) return SUFFIXED.test(arn[4]!) ? ref.path : `${ref.path}-??????`
  const { partition, region, account } = whereOf(name, ref, env)
  return `arn:${partition}:secretsmanager:${region}:${account}:secret:${ref.path}-??????`
}

/** The ARN of a Parameter Store reference (a parameter, or the path of a `/*` reference). */
export function parameterArn(name: string, ref: Reference, env: NodeJS.ProcessEnv): { arn: string; path: boolean } {
  const path = ref.path.endsWith('/*')
  const id = path ? ref.path.slice(0, -2) : ref.path
  if (SSM_ARN.test(id)) return { arn: id, path }
  const { partition, region, account } = whereOf(name, ref, env)
  // A hierarchical name's ARN drops its leading slash: /prod/db is parameter/prod/db.
  return { arn: `arn:${partition}:ssm:${region}:${account}:parameter/${id.replace(/^\//, '')}`, path }
}

const unique = (items: string[]) => [...new Set(items)].sort()

/**
 * The least-privilege policy for reading these references: each secret-reading action on the
 * referenced ARNs only; the actions AWS defines on `*` alone in one statement of their own.
 */
export function buildPolicy(granted: readonly Granted[], env: NodeJS.ProcessEnv): Policy {
  const secrets: string[] = []
  const parameters: string[] = []
  const paths: string[] = []
  for (const { name, reference } of granted) {
    const ref = parseReference(reference)
    if (ref.scheme === 'aws-sm') secrets.push(secretArn(name, ref, env))
    else if (ref.scheme === 'aws-ssm') {
      const { arn, path } = parameterArn(name, ref, env)
      ;(path ? paths : parameters).push(arn)
    }
  }
  const statements: PolicyStatement[] = []
  if (secrets.length) {
    statements.push({
      Sid: 'ReadTheseSecrets',
      Effect: 'Allow',
      Action: ['secretsmanager:DescribeSecret', 'secretsmanager:GetSecretValue'],
      Resource: unique(secrets),
    })
  }
  if (parameters.length) statements.push({ Sid: 'ReadTheseParameters', Effect: 'Allow', Action: ['ssm:GetParameters'], Resource: unique(parameters) })
  if (paths.length) statements.push({ Sid: 'ReadTheseParameterPaths', Effect: 'Allow', Action: ['ssm:GetParametersByPath'], Resource: unique(paths) })
  const star = [
    ...(secrets.length ? ['secretsmanager:BatchGetSecretValue', 'secretsmanager:ListSecrets'] : []),
    ...(parameters.length || paths.length ? ['ssm:DescribeParameters'] : []),
  ]
  if (star.length) statements.push({ Sid: 'MetadataActionsAwsGrantsOnlyOnStar', Effect: 'Allow', Action: star, Resource: '*' })
  return { Version: '2012-10-17', Statement: statements }
}
