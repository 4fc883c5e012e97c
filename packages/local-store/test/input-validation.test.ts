import { CreateSecretCommand, ListSecretsCommand } from '@aws-sdk/client-secrets-manager'
import { mkdtempSync, readFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { type LocalStore, startLocalStore } from '../src/index.js'
import { client, http, read, secretValue, startBin } from './helpers.js'

const value = secretValue()
let store: LocalStore

beforeAll(async () => {
  store = await startLocalStore({
    seed: {
      secrets: [
        { name: 'app/key', value },
        { name: 'app/other', value: secretValue() },
        { name: 'app/third', value: secretValue() },
      ],
    },
  })
})
afterAll(() => store.close())

const call = async (operation: string, body: unknown) => {
  const answer = await http(store.url, {
    headers: { host: '127.0.0.1', 'content-type': 'application/x-amz-json-1.1', 'x-amz-target': `secretsmanager.${operation}` },
    body: JSON.stringify(body),
  })
  return { status: answer.status, error: JSON.parse(answer.body) as { __type: string; message: string } }
}

const big = secretValue('big')
const names = async () => (await client(store.url).send(new ListSecretsCommand({}))).SecretList!.map((s) => s.Name).sort()

describe('malformed input is refused with ValidationException naming the field, and changes nothing', () => {
  // [operation, the field the message must name, input]; titles show no input: some hold secret values.
  const cases: Array<[string, string, Record<string, unknown>]> = [
    ['ListSecrets', 'Filters[0]', { Filters: [null] }],
    ['ListSecrets', 'Filters[0].Values', { Filters: [{ Key: 'name', Values: 'abc' }] }],
    ['ListSecrets', 'Filters[0].Values[0]', { Filters: [{ Key: 'name', Values: [7] }] }],
    ['ListSecrets', 'Filters', { Filters: { Key: 'name' } }],
    ['ListSecrets', 'MaxResults', { MaxResults: 0 }],
    ['ListSecrets', 'MaxResults', { MaxResults: -1 }],
    ['ListSecrets', 'MaxResults', { MaxResults: 101 }],
    ['ListSecrets', 'MaxResults', { MaxResults: '10' }],
    ['ListSecrets', 'MaxResults', { MaxResults: 1.5 }],
    ['ListSecrets', 'IncludePlannedDeletion', { IncludePlannedDeletion: 'yes' }],
    ['ListSecretVersionIds', 'MaxResults', { SecretId: 'app/key', MaxResults: 0 }],
    ['BatchGetSecretValue', 'MaxResults', { Filters: [{ Key: 'name', Values: ['app'] }], MaxResults: 21 }],
    ['BatchGetSecretValue', 'SecretIdList[1]', { SecretIdList: ['app/key', { id: 1 }] }],
    ['GetSecretValue', 'SecretId', { SecretId: 'a'.repeat(2049) }],
    ['GetSecretValue', 'VersionStage', { SecretId: 'app/key', VersionStage: ['AWSCURRENT'] }],
    ['GetSecretValue', 'VersionId', { SecretId: 'app/key', VersionId: 'short' }],
    ['DescribeSecret', 'SecretId', { SecretId: 42 }],
    ['PutSecretValue', 'VersionStages[0]', { SecretId: 'app/key', SecretString: big, VersionStages: [{}] }],
    ['PutSecretValue', 'VersionStages', { SecretId: 'app/key', SecretString: big, VersionStages: [] }],
    ['PutSecretValue', 'SecretString', { SecretId: 'app/key', SecretString: `${big}${'é'.repeat(32_768)}` }],
    ['PutSecretValue', 'SecretBinary', { SecretId: 'app/key', SecretBinary: Buffer.alloc(65_537, 1).toString('base64') }],
    ['PutSecretValue', 'SecretBinary', { SecretId: 'app/key', SecretBinary: 'not base64!' }],
    ['PutSecretValue', 'ClientRequestToken', { SecretId: 'app/key', SecretString: big, ClientRequestToken: 'too-short' }],
    ['UpdateSecretVersionStage', 'VersionStage', { SecretId: 'app/key', VersionStage: {} }],
    ['UpdateSecretVersionStage', 'MoveToVersionId', { SecretId: 'app/key', VersionStage: 'X', MoveToVersionId: 123 }],
    ['CreateSecret', 'Name', { Name: 'n'.repeat(513), SecretString: big }],
    ['CreateSecret', 'SecretString', { Name: 'phantom', SecretString: 12345 }],
    ['CreateSecret', 'Tags[0].Value', { Name: 'phantom', SecretString: big, Tags: [{ Key: 'team' }] }],
    ['CreateSecret', 'Description', { Name: 'phantom', SecretString: big, Description: 'd'.repeat(2049) }],
    ['RotateSecret', 'RotationRules.AutomaticallyAfterDays', { SecretId: 'app/key', RotationRules: { AutomaticallyAfterDays: 0 } }],
    ['RotateSecret', 'RotateImmediately', { SecretId: 'app/key', RotateImmediately: 'no' }],
    ['DeleteSecret', 'ForceDeleteWithoutRecovery', { SecretId: 'app/key', ForceDeleteWithoutRecovery: 'yes' }],
    ['DeleteSecret', 'RecoveryWindowInDays', { SecretId: 'app/key', RecoveryWindowInDays: '7' }],
    ['TagResource', 'Tags', { SecretId: 'app/key', Tags: 'team=data' }],
  ]

  it.each(cases)('%s: refuses a malformed %s', async (operation, field, input) => {
    const { status, error } = await call(operation, input)
    expect(status).toBe(400)
    expect(error.__type).toBe('ValidationException')
    expect(error.message).toContain(`'${field}'`)
    expect(error.message).toMatch(/Fix the request and send it again\.$/)
    expect(error.message).not.toContain(big)
    expect(error.message).not.toContain(value)
    expect(await names()).toEqual(['app/key', 'app/other', 'app/third'])
    expect((await read(store.url, 'app/key')) === value).toBe(true)
  })

  it('names every field at fault in one answer', async () => {
    const { error } = await call('ListSecrets', { MaxResults: 0, Filters: [null] })
    expect(error.message).toMatch(/^2 validation errors detected: .*'MaxResults'.*'Filters\[0\]'/)
  })

  it('refuses MaxResults 0 from the real SDK, and pages with MaxResults 1 to the end', async () => {
    const sm = client(store.url)
    const refused = (await sm.send(new ListSecretsCommand({ MaxResults: 0 })).catch((e: unknown) => e)) as Error
    expect(refused.name).toBe('ValidationException')
    const seen: string[] = []
    let NextToken: string | undefined
    for (let pages = 0; pages < 10; pages++) {
      const page = await sm.send(new ListSecretsCommand({ MaxResults: 1, ...(NextToken ? { NextToken } : {}) }))
      seen.push(...page.SecretList!.map((s) => s.Name!))
      NextToken = page.NextToken
      if (!NextToken) break
    }
    expect(NextToken).toBeUndefined()
    expect(seen.sort()).toEqual(['app/key', 'app/other', 'app/third'])
  })
})

describe('a refused CreateSecret leaves nothing behind', () => {
  it('keeps no empty secret, in memory or in the state file, and the same name can then be created', async () => {
    const state = join(mkdtempSync(join(tmpdir(), 'hush-ls-phantom-')), 'state.json')
    const server = await startBin(['--state', state])
    try {
      const answer = await http(server.url, {
        headers: { host: '127.0.0.1', 'content-type': 'application/x-amz-json-1.1', 'x-amz-target': 'secretsmanager.CreateSecret' },
        body: '{"Name":"phantom","SecretString":12345}',
      })
      expect(answer.status).toBe(400)
      expect(JSON.parse(readFileSync(state, 'utf8')).secrets).toEqual([])
      const sm = client(server.url)
      expect((await sm.send(new ListSecretsCommand({}))).SecretList).toEqual([])
      const fresh = secretValue()
      await sm.send(new CreateSecretCommand({ Name: 'phantom', SecretString: fresh }))
      expect((await read(server.url, 'phantom')) === fresh).toBe(true)
    } finally {
      server.child.kill('SIGKILL')
    }
  })

  it('leaves no secret behind when the store API itself is given a value that is not a string', async () => {
    const local = await startLocalStore({})
    try {
      expect(() => local.store.create({ Name: 'phantom', SecretBinary: 123 })).toThrow(/either SecretString or SecretBinary/)
      const sm = client(local.url)
      expect((await sm.send(new ListSecretsCommand({}))).SecretList).toEqual([])
      await sm.send(new CreateSecretCommand({ Name: 'phantom', SecretString: secretValue() }))
    } finally {
      await local.close()
    }
  })
})
