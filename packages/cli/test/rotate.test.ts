import { randomBytes } from 'node:crypto'
import { DescribeSecretCommand, GetSecretValueCommand, SecretsManagerClient } from '@aws-sdk/client-secrets-manager'
import { type LocalStore, startLocalStore } from '@hush/local-store'
import { expectNoValue } from '@hush/test-kit'
import { afterEach, describe, expect, it } from 'vitest'
import { awsEnv, awsProject } from './aws-project.js'
import { hush } from './helpers.js'

const stores: LocalStore[] = []
afterEach(async () => {
  await Promise.all(stores.splice(0).map((s) => s.close()))
})

const random = () => `pw-${randomBytes(12).toString('base64url')}`

async function storeWith(password: string, rotationDelayMs: number, parameter?: string): Promise<LocalStore> {
  const store = await startLocalStore({
    rotationDelayMs,
    seed: {
      secrets: [{ name: 'dev/db', value: { username: 'app', password }, rotation: { key: 'password', length: 24 } }],
      ...(parameter ? { parameters: [{ name: '/dev/api/token', value: parameter }] } : {}),
    },
  })
  stores.push(store)
  return store
}

const sm = (store: LocalStore) =>
  new SecretsManagerClient({ endpoint: store.url, region: 'us-east-1', credentials: { accessKeyId: 'ops', secretAccessKey: 'ops' } })

async function current(store: LocalStore): Promise<{ version: string; password: string }> {
  const client = sm(store)
  const got = await client.send(new GetSecretValueCommand({ SecretId: 'dev/db' }))
  client.destroy()
  return { version: got.VersionId!, password: (JSON.parse(got.SecretString!) as { password: string }).password }
}

const config = {
  secrets: {
    DB_PASSWORD: { from: 'aws-sm://dev/db#password', rotation: '30d' },
    API_TOKEN: { from: 'aws-ssm:///dev/api/token' },
    API_TOKEN_GENERATED: { from: 'aws-ssm:///dev/api/token', rotation: { every: '30d', generate: { length: 32 } } },
    LOCAL_FLAG: { from: 'env://LOCAL_FLAG' },
    MOUNTED: { from: 'file:///run/secrets/mounted' },
  },
}

describe('hush rotate', () => {
  it('--wait: the store rotates, hush waits until it serves the new version and reports both version ids, never a value', async () => {
    const old = random()
    const store = await storeWith(old, 100)
    const before = await current(store)
    const run = await hush(['rotate', 'DB_PASSWORD', '--wait', '--json'], awsProject(config), awsEnv(store))
    const after = await current(store)
    expectNoValue(run.stdout + run.stderr, [old, after.password], { in: 'the output' })
    expect(run.stderr).toBe('')
    expect(run.code).toBe(0)
    expect(after.password).not.toBe(old)
    expect(JSON.parse(run.stdout)).toEqual({
      name: 'DB_PASSWORD',
      reference: 'aws-sm://dev/db#password',
      environment: 'development',
      fromVersion: before.version,
      toVersion: after.version,
      pending: false,
    })
    expect(after.version).not.toBe(before.version)
  })

  it('without --wait: returns once the store accepted the rotation, naming the pending version, with the old one still current', async () => {
    const old = random()
    const store = await storeWith(old, 60_000)
    const before = await current(store)
    const run = await hush(['rotate', 'DB_PASSWORD'], awsProject(config), awsEnv(store))
    expectNoValue(run.stdout + run.stderr, [old], { in: 'the output' })
    expect(run.code).toBe(0)
    const client = sm(store)
    const stages = (await client.send(new DescribeSecretCommand({ SecretId: 'dev/db' }))).VersionIdsToStages!
    client.destroy()
    const pending = Object.keys(stages).find((id) => stages[id]!.includes('AWSPENDING'))!
    expect(await current(store)).toEqual(before)
    expect(run.stdout).toBe(`DB_PASSWORD: rotation started, version ${pending} pending; ${before.version} is still current. Run with --wait to wait for it.\n`)
    expect(run.stderr).toBe('hush: rotating DB_PASSWORD (aws-sm://dev/db#password)…\n')
  })

  it('an aws-ssm:// secret: refused, with the fix, when the manifest declares no generator; rotated to the next version when it does', async () => {
    const token = random()
    const store = await storeWith(random(), 50, token)
    const dir = awsProject(config)
    const refused = await hush(['rotate', 'API_TOKEN', '--wait'], dir, awsEnv(store))
    expectNoValue(refused.stdout + refused.stderr, [token], { in: 'the output' })
    expect(refused.code).toBe(2)
    expect(refused.stdout).toBe('')
    expect(refused.stderr).toContain('Parameter Store has no rotation of its own')
    expect(refused.stderr).toContain('rotation: { generate:')
    expect(store.parameters.find('/dev/api/token').versions).toHaveLength(1)

    const rotated = await hush(['rotate', 'API_TOKEN_GENERATED', '--wait', '--json'], dir, awsEnv(store))
    const now = store.parameters.latest(store.parameters.find('/dev/api/token'))
    expectNoValue(rotated.stdout + rotated.stderr, [token, now.value], { in: 'the output' })
    expect(rotated.code).toBe(0)
    expect(JSON.parse(rotated.stdout)).toMatchObject({ name: 'API_TOKEN_GENERATED', fromVersion: '1', toVersion: '2', pending: false })
    expect(now.value).toHaveLength(32)
  })

  it('env:// and file:// secrets: says where to change them instead, exit code 2', async () => {
    const dir = awsProject(config)
    const env = await hush(['rotate', 'LOCAL_FLAG'], dir, { LOCAL_FLAG: 'on' })
    expect(env).toEqual({
      code: 2,
      stdout: '',
      stderr:
        'hush: LOCAL_FLAG comes from env://LOCAL_FLAG, an environment variable: set the new value where the variable is set (the deployment, the shell, .env.local) and restart the app; hush cannot rotate it.\n',
    })
    const file = await hush(['rotate', 'MOUNTED'], dir)
    expect(file.code).toBe(2)
    expect(file.stderr).toMatch(/^hush: MOUNTED comes from file:\/\/\/run\/secrets\/mounted, a file: write the new value into the file/)
  })

  it('an undeclared name is a usage error listing the known ones', async () => {
    const run = await hush(['rotate', 'DB_PASWORD', '--env', 'development'], awsProject(config))
    expect(run.code).toBe(2)
    expect(run.stderr).toBe(
      'hush: DB_PASWORD is not declared in the development environment (known: DB_PASSWORD, API_TOKEN, API_TOKEN_GENERATED, LOCAL_FLAG, MOUNTED). Run "hush rotate --help" for usage.\n',
    )
  })
})
