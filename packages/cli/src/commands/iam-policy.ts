import { schemeOf } from '@hush/core/reference'
import { EXIT } from '../exit-codes.js'
import { buildPolicy, type Granted } from '../iam/policy.js'
import { openProjectOrSay } from '../project/open.js'

export interface IamPolicyCommandOptions {
  env?: string
}

const warn = (line: string) => void process.stderr.write(`${line}\n`)

/** `hush iam-policy`: the IAM policy that lets the app read exactly the environment's AWS references. */
export async function iamPolicyCommand(options: IamPolicyCommandOptions): Promise<number> {
  const hush = await openProjectOrSay(process.cwd(), options.env, warn)
  if (!hush) return EXIT.usage
  try {
    const granted: Granted[] = []
    for (const name of hush.names()) {
      const reference = hush.referenceOf(name)
      const scheme = reference === undefined ? undefined : schemeOf(reference)
      if (reference !== undefined && (scheme === 'aws-sm' || scheme === 'aws-ssm')) granted.push({ name, reference })
    }
    if (!granted.length) {
      warn(`hush: no aws-sm:// or aws-ssm:// reference in the ${hush.environment} environment: it needs no IAM policy from hush.`)
      return EXIT.usage
    }
    const policy = buildPolicy(granted, process.env)
    process.stdout.write(`${JSON.stringify(policy, null, 2)}\n`)
    warn(
      `hush: ${granted.length} reference${granted.length === 1 ? '' : 's'} of the ${hush.environment} environment: ${granted.map((g) => g.name).join(', ')}.`,
    )
    if (policy.Statement.some((s) => s.Resource === '*')) {
      warn(`hush: ${policy.Statement.find((s) => s.Resource === '*')!.Action.join(', ')} take no resource but "*" (AWS defines them so); none returns a value.`)
    }
    warn('hush: a secret or SecureString encrypted with a customer managed KMS key also needs kms:Decrypt on that key (AWS managed keys need nothing more).')
    return EXIT.ok
  } finally {
    await hush.close()
  }
}
