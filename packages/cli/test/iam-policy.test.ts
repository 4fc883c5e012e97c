import { randomBytes } from 'node:crypto'
import { DescribeSecretCommand, SecretsManagerClient } from '@aws-sdk/client-secrets-manager'
import { type LocalStore, startLocalStore } from '@hush/local-store'
import { expectNoValue } from '@hush/test-kit'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { awsEnv, awsProject } from './aws-project.js'
import { hush } from './helpers.js'

// A small IAM evaluator, enough for identity policies of Allow statements: an action matches
// without regard to case, a resource with it; `*` is any run of characters, `?` exactly one.
interface Statement {
  Sid?: string
  Effect: string
  Action: string | string[]
  Resource: string | string[]
}
const list = (v: string | string[]) => (Array.isArray(v) ? v : [v])
const glob = (pattern: string, flags = '') =>
  new RegExp(
    `^${pattern
      .replace(/[.+^${}()|[\]\\]/g, '\\$&')
      .replace(/\*/g, '.*')
      .replace(/\?/g, '.')}$`,
    flags,
  )
function allowed(policy: { Statement: Statement[] }, action: string, resource: string): boolean {
  return policy.Statement.some(
    (s) => s.Effect === 'Allow' && list(s.Action).some((a) => glob(a, 'i').test(action)) && list(s.Resource).some((r) => glob(r).test(resource)),
  )
}

const ACCOUNT = '123456789012'
const value = () => randomBytes(12).toString('base64url')
const values = Array.from({ length: 7 }, value)
let store: LocalStore
const arns: Record<string, string> = {}

beforeAll(async () => {
  store = await startLocalStore({
    accountId: ACCOUNT,
    seed: {
      secrets: [
        { name: 'prod/db', value: { password: values[0] } },
        { name: 'prod/api', value: values[1] },
        // Names a wildcard written carelessly would also match.
        { name: 'prod/db-extra', value: { password: values[2] } },
        { name: 'staging/db', value: { password: values[3] } },
      ],
      parameters: [
        { name: '/prod/api/token', value: values[4]! },
        { name: '/prod/cfg/url', value: values[5]!, type: 'String' },
        { name: '/prod/other', value: values[6]! },
      ],
    },
  })
  const sm = new SecretsManagerClient({ endpoint: store.url, region: 'us-east-1', credentials: { accessKeyId: 'ops', secretAccessKey: 'ops' } })
  for (const name of ['prod/db', 'prod/api', 'prod/db-extra', 'staging/db']) arns[name] = (await sm.send(new DescribeSecretCommand({ SecretId: name }))).ARN!
  sm.destroy()
  for (const name of ['/prod/api/token', '/prod/cfg/url', '/prod/other']) arns[name] = store.parameters.arnOf(name)
})
afterAll(() => store.close())

const config = {
  secrets: {
    DB_PASSWORD: { from: { production: 'aws-sm://prod/db#password', staging: 'aws-sm://staging/db#password' } },
    // A partial ARN (no suffix): the policy must still match the secret's real, suffixed ARN.
    API_KEY: { from: { production: `aws-sm://arn:aws:secretsmanager:us-east-1:${ACCOUNT}:secret:prod/api` } },
    TOKEN: { from: { production: 'aws-ssm:///prod/api/token' } },
    CFG: { from: { production: 'aws-ssm:///prod/cfg/*' } },
    FLAG: { from: 'env://FLAG' },
  },
}
const env = () => ({ ...awsEnv(store), AWS_ACCOUNT_ID: ACCOUNT, FLAG: 'on' })
const SM_OPERATIONS = ['BatchGetSecretValue', 'GetSecretValue', 'DescribeSecret', 'ListSecrets']

describe('hush iam-policy', () => {
  it("grants every action hush really performs for the environment's references, on those resources only", async () => {
    const dir = awsProject(config)
    const run = await hush(['iam-policy', '--env', 'production'], dir, env())
    expectNoValue(run.stdout + run.stderr, values, { in: 'the output' })
    expect(run.code).toBe(0)
    const policy = JSON.parse(run.stdout) as { Version: string; Statement: Statement[] }
    expect(policy.Version).toBe('2012-10-17')

    // What the app does: read every secret of the environment, as `hush run` would at start.
    store.resetStats()
    const app = await hush(['run', '--env', 'production', '--', process.execPath, '-e', ''], dir, env())
    expect(app.code).toBe(0)
    const performed = Object.keys(store.stats().requests)
    expect(performed.length).toBeGreaterThan(1)
    const referenced = { secretsmanager: [arns['prod/db']!, arns['prod/api']!], ssm: [arns['/prod/api/token']!] }
    for (const operation of performed) {
      const service = SM_OPERATIONS.includes(operation) ? 'secretsmanager' : 'ssm'
      const action = `${service}:${operation}`
      if (operation === 'GetParametersByPath') expect(allowed(policy, action, arns['/prod/cfg/url']!.replace(/\/url$/, ''))).toBe(true)
      else if (operation === 'BatchGetSecretValue' || operation === 'ListSecrets' || operation === 'DescribeParameters')
        expect(allowed(policy, action, '*')).toBe(true)
      else for (const arn of referenced[service]) expect(allowed(policy, action, arn), `${action} on ${arn}`).toBe(true)
    }
    // BatchGetSecretValue returns a secret only with GetSecretValue on it; a refresh asks DescribeSecret.
    for (const arn of referenced.secretsmanager)
      for (const action of ['secretsmanager:GetSecretValue', 'secretsmanager:DescribeSecret']) expect(allowed(policy, action, arn)).toBe(true)
    expect(allowed(policy, 'ssm:GetParameters', arns['/prod/api/token']!)).toBe(true)
    expect(allowed(policy, 'ssm:DescribeParameters', '*')).toBe(true)
  })

  it('allows nothing else: no other secret, no write, and "*" only for the actions AWS defines without a resource', async () => {
    const run = await hush(['iam-policy', '--env', 'production'], awsProject(config), env())
    expect(run.code).toBe(0)
    const policy = JSON.parse(run.stdout) as { Statement: Statement[] }
    const actions = policy.Statement.flatMap((s) => list(s.Action)).sort()
    expect(actions).toEqual([
      'secretsmanager:BatchGetSecretValue',
      'secretsmanager:DescribeSecret',
      'secretsmanager:GetSecretValue',
      'secretsmanager:ListSecrets',
      'ssm:DescribeParameters',
      'ssm:GetParameters',
      'ssm:GetParametersByPath',
    ])
    for (const s of policy.Statement) expect(list(s.Action).some((a) => a.includes('*'))).toBe(false)
    const star = policy.Statement.filter((s) => list(s.Resource).includes('*'))
    expect(star.flatMap((s) => list(s.Action)).sort()).toEqual(['secretsmanager:BatchGetSecretValue', 'secretsmanager:ListSecrets', 'ssm:DescribeParameters'])
    for (const s of policy.Statement.filter((s) => !star.includes(s)))
      for (const r of list(s.Resource)) expect(r).toMatch(/^arn:aws:(secretsmanager|ssm):us-east-1:123456789012:/)

    const reads = [
      'secretsmanager:GetSecretValue',
      'secretsmanager:DescribeSecret',
      'ssm:GetParameter',
      'ssm:GetParameters',
      'ssm:GetParametersByPath',
      'ssm:GetParameterHistory',
    ]
    for (const other of [arns['prod/db-extra']!, arns['staging/db']!, arns['/prod/other']!, `arn:aws:secretsmanager:us-east-1:${ACCOUNT}:secret:prod/db`]) {
      for (const action of reads) expect(allowed(policy, action, other), `${action} on ${other}`).toBe(false)
    }
    const writes = [
      'secretsmanager:PutSecretValue',
      'secretsmanager:RotateSecret',
      'secretsmanager:DeleteSecret',
      'secretsmanager:UpdateSecret',
      'ssm:PutParameter',
      'ssm:DeleteParameter',
    ]
    for (const arn of [arns['prod/db']!, arns['prod/api']!, arns['/prod/api/token']!])
      for (const action of writes) expect(allowed(policy, action, arn)).toBe(false)
    // The same secret in another region or account is another secret.
    expect(allowed(policy, 'secretsmanager:GetSecretValue', arns['prod/db']!.replace('us-east-1', 'eu-west-1'))).toBe(false)
  })

  it('takes the region and account from ARN references, and asks for AWS_REGION / AWS_ACCOUNT_ID when a name-form reference needs them', async () => {
    const arnOnly = { secrets: { API_KEY: { from: `aws-sm://arn:aws:secretsmanager:eu-west-1:${ACCOUNT}:secret:prod/api-AbC123` } } }
    const run = await hush(['iam-policy', '--env', 'production'], awsProject(arnOnly), { AWS_REGION: '', AWS_ACCOUNT_ID: '' })
    expect(run.code).toBe(0)
    const read = (JSON.parse(run.stdout) as { Statement: Statement[] }).Statement[0]!
    expect(read.Resource).toEqual([`arn:aws:secretsmanager:eu-west-1:${ACCOUNT}:secret:prod/api-AbC123`])

    const unknown = await hush(['iam-policy', '--env', 'production'], awsProject(config), { ...awsEnv(store), AWS_ACCOUNT_ID: '' })
    expect(unknown.code).toBe(2)
    expect(unknown.stdout).toBe('')
    expect(unknown.stderr).toBe(
      'hush: DB_PASSWORD (aws-sm://prod/db#password) names no account: set AWS_ACCOUNT_ID, or write the reference as an ARN. Run "hush iam-policy --help" for usage.\n',
    )
  })

  it('an environment without AWS references needs no policy: says so, exit code 2', async () => {
    const run = await hush(['iam-policy', '--env', 'development'], awsProject(config), env())
    expect(run).toEqual({
      code: 2,
      stdout: '',
      stderr: 'hush: no aws-sm:// or aws-ssm:// reference in the development environment: it needs no IAM policy from hush.\n',
    })
  })
})
