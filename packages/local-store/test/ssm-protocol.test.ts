import { GetSecretValueCommand } from '@aws-sdk/client-secrets-manager'
import {
  AccessDeniedException,
  DeleteParameterCommand,
  DeleteParametersCommand,
  DescribeParametersCommand,
  GetParameterCommand,
  GetParameterHistoryCommand,
  GetParametersByPathCommand,
  GetParametersCommand,
  HierarchyTypeMismatchException,
  InternalServerError,
  InvalidFilterKey,
  InvalidNextToken,
  LabelParameterVersionCommand,
  ParameterAlreadyExists,
  ParameterMaxVersionLimitExceeded,
  ParameterNotFound,
  ParameterVersionNotFound,
  PutParameterCommand,
  SSMClient,
  SSMServiceException,
} from '@aws-sdk/client-ssm'
import { mkdtempSync, readFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { expectNoValue } from '@hush/test-kit'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { type LocalStore, startLocalStore } from '../src/index.js'
import { client as smClient, secretValue } from './helpers.js'

// The real SSMClient over HTTP: the same port serves Secrets Manager and Parameter Store.
const ssm = (store: LocalStore, credentials = { accessKeyId: 'test', secretAccessKey: 'x' }, maxAttempts = 1) =>
  new SSMClient({ region: 'us-east-1', endpoint: store.url, credentials, maxAttempts })

const dbPassword = secretValue('db')
let store: LocalStore
let client: SSMClient

beforeAll(async () => {
  store = await startLocalStore({
    seed: {
      secrets: [{ name: 'prod/api', value: 'sm-value-abcdef' }],
      parameters: [
        { name: '/prod/api/db-password', value: dbPassword, labels: ['live'] },
        { name: '/prod/api/config', value: { host: 'db.internal', port: 5432 }, type: 'String' },
        { name: '/prod/api/deep/flag', value: 'on', type: 'String' },
        { name: '/prod/web/url', value: 'https://example.test', type: 'String' },
        { name: 'flat-name', value: 'a,b,c', type: 'StringList' },
      ],
    },
  })
  client = ssm(store)
})
afterAll(() => store.close())

const message = (error: unknown) => (error as Error).message

describe('local-store speaks Parameter Store to the real SDK', () => {
  it('reads seeded parameters, decrypting a SecureString only WithDecryption', async () => {
    const plain = await client.send(new GetParameterCommand({ Name: '/prod/api/db-password', WithDecryption: true }))
    expect(plain.Parameter).toMatchObject({
      Name: '/prod/api/db-password',
      Type: 'SecureString',
      Value: dbPassword,
      Version: 1,
      ARN: 'arn:aws:ssm:us-east-1:123456789012:parameter/prod/api/db-password',
    })
    expect(plain.Parameter!.LastModifiedDate).toBeInstanceOf(Date)
    const sealed = await client.send(new GetParameterCommand({ Name: '/prod/api/db-password' }))
    expect(sealed.Parameter!.Value).not.toContain(dbPassword)
    expect(sealed.Parameter!.Value).toMatch(/^[A-Za-z0-9+/=]+$/)
    expect((await client.send(new GetParameterCommand({ Name: 'flat-name' }))).Parameter).toMatchObject({ Type: 'StringList', Value: 'a,b,c' })
    expect((await client.send(new GetParameterCommand({ Name: '/prod/api/config' }))).Parameter!.Value).toBe('{"host":"db.internal","port":5432}')
    // The other protocol on the same port still answers.
    expect((await smClient(store.url).send(new GetSecretValueCommand({ SecretId: 'prod/api' }))).SecretString).toBe('sm-value-abcdef')
  })

  it('puts versions: ParameterAlreadyExists without Overwrite, no type change, version numbers', async () => {
    expect(await client.send(new PutParameterCommand({ Name: '/app/token', Value: 'v1-value', Type: 'SecureString' }))).toMatchObject({
      Version: 1,
      Tier: 'Standard',
    })
    await expect(client.send(new PutParameterCommand({ Name: '/app/token', Value: 'v2-value', Type: 'SecureString' }))).rejects.toBeInstanceOf(
      ParameterAlreadyExists,
    )
    expect((await client.send(new PutParameterCommand({ Name: '/app/token', Value: 'v2-value', Overwrite: true }))).Version).toBe(2)
    await expect(client.send(new PutParameterCommand({ Name: '/app/token', Value: 'x', Type: 'String', Overwrite: true }))).rejects.toBeInstanceOf(
      HierarchyTypeMismatchException,
    )
    const history = await client.send(new GetParameterHistoryCommand({ Name: '/app/token', WithDecryption: true }))
    expect(history.Parameters!.map((p) => [p.Version, p.Value])).toEqual([
      [1, 'v1-value'],
      [2, 'v2-value'],
    ])
    for (const [name, why] of [
      ['app/token', /fully qualified/],
      ['/aws/x', /prefixed/],
      [`/${'a/'.repeat(15)}x`, /15 levels/],
    ] as const) {
      const error = await client.send(new PutParameterCommand({ Name: name, Value: 'x', Type: 'String' })).catch((e: unknown) => e)
      expect(message(error)).toMatch(why)
    }
    const missingType = await client.send(new PutParameterCommand({ Name: '/app/new', Value: 'x' })).catch((e: unknown) => e)
    expect(missingType).toMatchObject({ name: 'ValidationException' })
  })

  it('answers selectors name:version and name:label, and moves labels', async () => {
    await client.send(new PutParameterCommand({ Name: '/sel/p', Value: 'one-value', Type: 'String' }))
    await client.send(new PutParameterCommand({ Name: '/sel/p', Value: 'two-value', Overwrite: true }))
    expect(await client.send(new LabelParameterVersionCommand({ Name: '/sel/p', ParameterVersion: 1, Labels: ['stable', '1bad', 'awsx'] }))).toMatchObject({
      InvalidLabels: ['1bad', 'awsx'],
      ParameterVersion: 1,
    })
    expect((await client.send(new GetParameterCommand({ Name: '/sel/p:1' }))).Parameter).toMatchObject({ Value: 'one-value', Version: 1, Selector: ':1' })
    expect((await client.send(new GetParameterCommand({ Name: '/sel/p:stable' }))).Parameter).toMatchObject({ Value: 'one-value', Selector: ':stable' })
    expect((await client.send(new GetParameterCommand({ Name: '/sel/p' }))).Parameter).toMatchObject({ Value: 'two-value', Version: 2 })
    await expect(client.send(new GetParameterCommand({ Name: '/sel/p:9' }))).rejects.toBeInstanceOf(ParameterVersionNotFound)
    // A label moves: it is on one version at a time.
    await client.send(new LabelParameterVersionCommand({ Name: '/sel/p', Labels: ['stable'] }))
    expect((await client.send(new GetParameterCommand({ Name: '/sel/p:stable' }))).Parameter!.Version).toBe(2)
    const history = await client.send(new GetParameterHistoryCommand({ Name: '/sel/p' }))
    expect(history.Parameters!.map((p) => p.Labels)).toEqual([[], ['stable']])
  })

  it('GetParameters: up to 10 names, InvalidParameters for the missing ones and bad selectors', async () => {
    const answer = await client.send(
      new GetParametersCommand({ Names: ['/prod/api/db-password:live', '/nope', '/prod/api/config:7', 'flat-name'], WithDecryption: true }),
    )
    expect(answer.Parameters!.map((p) => [p.Name, p.Selector])).toEqual([
      ['/prod/api/db-password', ':live'],
      ['flat-name', undefined],
    ])
    expect(answer.InvalidParameters).toEqual(['/nope', '/prod/api/config:7'])
    const tooMany = await client.send(new GetParametersCommand({ Names: Array.from({ length: 11 }, (_, i) => `/p${i}`) })).catch((e: unknown) => e)
    expect(tooMany).toMatchObject({ name: 'ValidationException' })
    await expect(client.send(new GetParameterCommand({ Name: '/nope' }))).rejects.toBeInstanceOf(ParameterNotFound)
  })

  it('GetParametersByPath: one level or recursive, pages of at most 10 with NextToken', async () => {
    const names = async (recursive: boolean) => {
      const out: string[] = []
      let token: string | undefined
      let pages = 0
      do {
        const page = await client.send(new GetParametersByPathCommand({ Path: '/prod', Recursive: recursive, MaxResults: 2, NextToken: token }))
        out.push(...page.Parameters!.map((p) => p.Name!))
        token = page.NextToken
        pages++
      } while (token)
      return { out, pages }
    }
    expect((await names(false)).out).toEqual([])
    const all = await names(true)
    expect(all.out).toEqual(['/prod/api/config', '/prod/api/db-password', '/prod/api/deep/flag', '/prod/web/url'])
    expect(all.pages).toBe(2)
    const oneLevel = await client.send(new GetParametersByPathCommand({ Path: '/prod/api', WithDecryption: true }))
    expect(oneLevel.Parameters!.map((p) => p.Name)).toEqual(['/prod/api/config', '/prod/api/db-password'])
    expect(oneLevel.Parameters![1]!.Value).toBe(dbPassword)
    const over = await client.send(new GetParametersByPathCommand({ Path: '/prod', MaxResults: 11 })).catch((e: unknown) => e)
    expect(over).toMatchObject({ name: 'ValidationException' })
    await expect(client.send(new GetParametersByPathCommand({ Path: '/prod', Recursive: true, NextToken: 'bm90LWEtbnVtYmVy' }))).rejects.toBeInstanceOf(
      InvalidNextToken,
    )
  })

  it('DescribeParameters: metadata without values, Name Equals up to 50 values, BeginsWith, Path, paging', async () => {
    const byName = await client.send(
      new DescribeParametersCommand({ ParameterFilters: [{ Key: 'Name', Option: 'Equals', Values: ['/prod/api/db-password', '/prod/web/url', '/nope'] }] }),
    )
    expect(byName.Parameters!.map((p) => [p.Name, p.Version, p.Type])).toEqual([
      ['/prod/api/db-password', 1, 'SecureString'],
      ['/prod/web/url', 1, 'String'],
    ])
    expect(JSON.stringify(byName)).not.toContain(dbPassword)
    expect(byName.Parameters![0]).toMatchObject({ KeyId: 'alias/aws/ssm' })
    const begins = await client.send(new DescribeParametersCommand({ ParameterFilters: [{ Key: 'Name', Option: 'BeginsWith', Values: ['/prod/api'] }] }))
    expect(begins.Parameters).toHaveLength(3)
    const path = await client.send(
      new DescribeParametersCommand({ ParameterFilters: [{ Key: 'Path', Option: 'OneLevel', Values: ['/prod/api'] }], MaxResults: 1 }),
    )
    expect(path.Parameters).toHaveLength(1)
    expect(path.NextToken).toBeDefined()
    await expect(client.send(new DescribeParametersCommand({ ParameterFilters: [{ Key: 'Label', Values: ['live'] }] }))).rejects.toBeInstanceOf(
      InvalidFilterKey,
    )
    const fifty = await client
      .send(new DescribeParametersCommand({ ParameterFilters: [{ Key: 'Name', Values: Array.from({ length: 51 }, (_, i) => `/x${i}`) }] }))
      .catch((e: unknown) => e)
    expect(fifty).toMatchObject({ name: 'ValidationException' })
  })

  it('deletes one or many parameters', async () => {
    await client.send(new PutParameterCommand({ Name: '/del/a', Value: 'a', Type: 'String' }))
    await client.send(new PutParameterCommand({ Name: '/del/b', Value: 'b', Type: 'String' }))
    await client.send(new DeleteParameterCommand({ Name: '/del/a' }))
    await expect(client.send(new DeleteParameterCommand({ Name: '/del/a' }))).rejects.toBeInstanceOf(ParameterNotFound)
    expect(await client.send(new DeleteParametersCommand({ Names: ['/del/b', '/del/zz'] }))).toMatchObject({
      DeletedParameters: ['/del/b'],
      InvalidParameters: ['/del/zz'],
    })
  })

  it('keeps 100 versions, refusing to drop a labelled oldest one', async () => {
    await client.send(new PutParameterCommand({ Name: '/many', Value: 'v1', Type: 'String' }))
    await client.send(new LabelParameterVersionCommand({ Name: '/many', ParameterVersion: 1, Labels: ['first'] }))
    for (let i = 2; i <= 100; i++) await client.send(new PutParameterCommand({ Name: '/many', Value: `v${i}`, Overwrite: true }))
    await expect(client.send(new PutParameterCommand({ Name: '/many', Value: 'v101', Overwrite: true }))).rejects.toBeInstanceOf(
      ParameterMaxVersionLimitExceeded,
    )
    await client.send(new LabelParameterVersionCommand({ Name: '/many', ParameterVersion: 100, Labels: ['first'] }))
    expect((await client.send(new PutParameterCommand({ Name: '/many', Value: 'v101', Overwrite: true }))).Version).toBe(101)
    await expect(client.send(new GetParameterCommand({ Name: '/many:1' }))).rejects.toBeInstanceOf(ParameterVersionNotFound)
  })
})

describe('Parameter Store faults, access rules, counts and state', () => {
  it('counts requests by action and injects throttling, server errors and outages', async () => {
    const s = await startLocalStore({ seed: { parameters: [{ name: '/a', value: 'value-a', type: 'String' }] } })
    try {
      const c = ssm(s)
      await c.send(new GetParametersCommand({ Names: ['/a'] }))
      await c.send(new DescribeParametersCommand({}))
      expect(s.stats().requests).toEqual({ GetParameters: 1, DescribeParameters: 1 })
      s.setFaults({ operations: { GetParameters: { throttleRate: 1 } } })
      const throttled = await c.send(new GetParametersCommand({ Names: ['/a'] })).catch((e: unknown) => e)
      expect(throttled).toMatchObject({ name: 'ThrottlingException' })
      expect(throttled).toBeInstanceOf(SSMServiceException)
      s.setFaults({ errorRate: 1 })
      await expect(c.send(new GetParameterCommand({ Name: '/a' }))).rejects.toBeInstanceOf(InternalServerError)
      s.setFaults({ outage: true })
      const down = await c.send(new GetParameterCommand({ Name: '/a' })).catch((e: unknown) => e)
      expect(down).not.toBeInstanceOf(SSMServiceException)
      expect(s.stats().faulted).toMatchObject({ GetParameters: 1, GetParameter: 2 })
    } finally {
      await s.close()
    }
  })

  it('applies access rules per parameter and KMS key, signed for the ssm service', async () => {
    const value = secretValue('kms')
    const s = await startLocalStore({
      seed: {
        parameters: [
          { name: '/prod/open', value, keyId: 'alias/shared' },
          { name: '/prod/locked', value, keyId: 'alias/restricted' },
          { name: '/other/x', value, type: 'String' },
        ],
        access: [
          {
            accessKeyId: 'reader',
            secretAccessKey: 'reader-secret',
            actions: ['GetParameters', 'GetParameter'],
            parameters: ['/prod/*'],
            kmsKeys: ['alias/shared'],
          },
        ],
      },
    })
    try {
      const c = ssm(s, { accessKeyId: 'reader', secretAccessKey: 'reader-secret' })
      expect((await c.send(new GetParametersCommand({ Names: ['/prod/open'], WithDecryption: true }))).Parameters![0]!.Value).toBe(value)
      const kms = await c.send(new GetParametersCommand({ Names: ['/prod/locked'], WithDecryption: true })).catch((e: unknown) => e)
      expectNoValue(message(kms), value)
      expect(kms).toBeInstanceOf(AccessDeniedException)
      expect(message(kms)).toMatch(/kms:Decrypt on resource: arn:aws:kms:us-east-1:123456789012:alias\/restricted .*Service: AWSKMS/)
      // Without decryption the key is not used, so the read is allowed.
      expect((await c.send(new GetParametersCommand({ Names: ['/prod/locked'] }))).Parameters).toHaveLength(1)
      const denied = await c.send(new GetParametersCommand({ Names: ['/prod/open', '/other/x'] })).catch((e: unknown) => e)
      expect(denied).toBeInstanceOf(AccessDeniedException)
      expect(message(denied)).toContain('ssm:GetParameters on resource: arn:aws:ssm:us-east-1:123456789012:parameter/other/x')
      await expect(c.send(new DescribeParametersCommand({}))).rejects.toBeInstanceOf(AccessDeniedException)
      const wrongKey = ssm(s, { accessKeyId: 'reader', secretAccessKey: 'not-the-secret' })
      await expect(wrongKey.send(new GetParameterCommand({ Name: '/prod/open' }))).rejects.toMatchObject({ name: 'InvalidSignatureException' })
    } finally {
      await s.close()
    }
  })

  it('keeps parameters, versions and labels in the state file across restarts', async () => {
    const file = join(mkdtempSync(join(tmpdir(), 'hush-ssm-state-')), 'state.json')
    const value = secretValue('state')
    const first = await startLocalStore({ stateFile: file })
    await ssm(first).send(new PutParameterCommand({ Name: '/kept', Value: 'old-value', Type: 'SecureString', KeyId: 'alias/k' }))
    await ssm(first).send(new PutParameterCommand({ Name: '/kept', Value: value, Overwrite: true }))
    await ssm(first).send(new LabelParameterVersionCommand({ Name: '/kept', ParameterVersion: 1, Labels: ['before'] }))
    await first.close()
    expect(JSON.parse(readFileSync(file, 'utf8')).parameters).toHaveLength(1)
    const second = await startLocalStore({ stateFile: file })
    try {
      const got = await ssm(second).send(new GetParametersCommand({ Names: ['/kept', '/kept:before'], WithDecryption: true }))
      expect(got.Parameters!.map((p) => [p.Version, p.Value === value])).toEqual([
        [2, true],
        [1, false],
      ])
      const meta = await ssm(second).send(new DescribeParametersCommand({}))
      expect(meta.Parameters![0]).toMatchObject({ KeyId: 'alias/k', Version: 2 })
    } finally {
      await second.close()
    }
  })

  it('refuses a seed parameter the API would refuse, naming it', async () => {
    await expect(startLocalStore({ seed: { parameters: [{ name: 'no/leading-slash', value: 'x' }] } })).rejects.toThrow(
      /Seed parameter 1 \(no\/leading-slash\) is not valid: .*fully qualified/,
    )
    await expect(startLocalStore({ seed: { parameters: [{ name: '/x', value: 'x', labels: ['9lives'] }] } })).rejects.toThrow(/labels 9lives are not valid/)
  })
})
