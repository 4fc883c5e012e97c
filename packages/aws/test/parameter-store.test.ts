import { DeleteParameterCommand, LabelParameterVersionCommand, PutParameterCommand, SSMClient } from '@aws-sdk/client-ssm'
import { inspect } from 'node:util'
import { createHush, type Hush, type HushError, type HushEvent } from '@hush/core'
import { type LocalStore, startLocalStore } from '@hush/local-store'
import { expectNoValue } from '@hush/test-kit'
import { afterEach, describe, expect, it, vi } from 'vitest'
import { awsParameterStore } from '../src/index.js'

// The real SSMClient, over HTTP, against @hush/local-store: no SDK mocks anywhere.
const credentials = { accessKeyId: 'test', secretAccessKey: 'test' }
const stores: LocalStore[] = []
const open = async (...args: Parameters<typeof startLocalStore>) => {
  const s = await startLocalStore(...args)
  stores.push(s)
  return s
}
afterEach(async () => {
  vi.useRealTimers()
  vi.restoreAllMocks()
  await Promise.all(stores.splice(0).map((s) => s.close()))
})

/** Only hush's clock and timers are faked; the store and the SDK still talk real HTTP. */
const fakeClock = () => vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout', 'Date'] })

/** Moves the clock `ms` on, then waits for the background refresh that starts to answer (or fail), of `name` if given. */
async function refreshAfter(hush: Hush, ms: number, name?: string): Promise<HushEvent> {
  const answered = new Promise<HushEvent>((resolve) => {
    const off = hush.on('*', (e) => {
      if ((e.type !== 'refresh' && e.type !== 'error') || (name !== undefined && e.name !== name)) return
      off()
      resolve(e)
    })
  })
  await vi.advanceTimersByTimeAsync(ms)
  return answered
}

const provider = (store: LocalStore, extra: Parameters<typeof awsParameterStore>[0] = {}) =>
  awsParameterStore({ region: 'us-east-1', endpoint: store.url, credentials, maxAttempts: 1, ...extra })
const admin = (store: LocalStore) => new SSMClient({ region: 'us-east-1', endpoint: store.url, credentials })

const dbPassword = `db-password-${'q'.repeat(12)}-v1`
const seed = {
  parameters: [
    { name: '/prod/api/db-password', value: dbPassword, labels: ['live'] },
    { name: '/prod/api/db', value: { username: 'app', password: 'db-json-password-v1', nested: { port: 5432 } } },
    { name: '/prod/api/hosts', value: 'a.internal,b.internal', type: 'StringList' as const },
    { name: '/prod/locked/token', value: 'locked-token-value-v1', keyId: 'alias/restricted' },
  ],
}

/** Every text a failure can be printed as: message, stack, JSON, inspect. */
const printed = (error: unknown) => [String((error as Error).message), String((error as Error).stack), JSON.stringify(error), inspect(error)].join('\n')

describe('awsParameterStore provider', () => {
  it('resolves names, JSON keys, StringLists, ?version and ?label through hush, in one GetParameters call', async () => {
    const store = await open({ seed })
    await admin(store).send(new PutParameterCommand({ Name: '/prod/api/db-password', Value: 'db-password-v2-rrrrrrrr', Overwrite: true }))
    store.resetStats()
    const hush = createHush({
      sources: {
        PW: 'aws-ssm:///prod/api/db-password',
        FIRST: 'aws-ssm:///prod/api/db-password?version=1',
        LIVE: 'aws-ssm:///prod/api/db-password?label=live',
        USER: 'aws-ssm:///prod/api/db#username',
        PORT: 'aws-ssm:///prod/api/db#nested.port',
        HOSTS: 'aws-ssm:///prod/api/hosts',
      },
      providers: [provider(store)],
    })
    expect(await hush.load()).toEqual({
      PW: 'db-password-v2-rrrrrrrr',
      FIRST: dbPassword,
      LIVE: dbPassword,
      USER: 'app',
      PORT: '5432',
      HOSTS: 'a.internal,b.internal',
    })
    expect(store.stats().requests).toEqual({ GetParameters: 1 })
    await hush.close()
  })

  it('loads 25 parameters in three GetParameters calls (the API takes 10 names)', async () => {
    const parameters = Array.from({ length: 25 }, (_, i) => ({ name: `/bulk/p${i}`, value: `value-${i}-abcdef` }))
    const store = await open({ seed: { parameters } })
    const hush = createHush({ sources: Object.fromEntries(parameters.map((p, i) => [`P${i}`, `aws-ssm://${p.name}`])), providers: [provider(store)] })
    const values = await hush.load()
    expect(Object.keys(values)).toHaveLength(25)
    expect(values.P24).toBe('value-24-abcdef')
    expect(store.stats().requests).toEqual({ GetParameters: 3 })
    await hush.close()
  })

  it('names the path, region and account of a parameter that does not exist, and of a missing version or label', async () => {
    const store = await open({ seed })
    const hush = createHush({
      sources: { X: 'aws-ssm:///prod/missing', V: 'aws-ssm:///prod/api/db-password?version=9', L: 'aws-ssm:///prod/api/db-password?label=gone' },
      providers: [provider(store, { accountId: '123456789012' })],
    })
    await expect(hush.get('X')).rejects.toMatchObject({
      code: 'HUSH_NOT_FOUND',
      message: expect.stringMatching(/no parameter "\/prod\/missing" in region us-east-1, account 123456789012/),
    })
    await expect(hush.get('V')).rejects.toMatchObject({ code: 'HUSH_NOT_FOUND', message: expect.stringContaining('has no version 9') })
    await expect(hush.get('L')).rejects.toMatchObject({ code: 'HUSH_NOT_FOUND', message: expect.stringContaining('no version labelled gone') })
    await hush.close()
  })

  it('names the IAM action and resource when denied, and kms:Decrypt with the key when KMS refuses', async () => {
    const store = await open({
      seed: {
        ...seed,
        access: [
          {
            accessKeyId: 'test',
            secretAccessKey: 'test',
            actions: ['GetParameters'],
            parameters: ['/prod/api/*', '/prod/locked/*'],
            kmsKeys: ['alias/aws/ssm'],
          },
        ],
      },
    })
    const hush = createHush({
      sources: { PW: 'aws-ssm:///prod/api/db-password', OTHER: 'aws-ssm:///dev/x', TOKEN: 'aws-ssm:///prod/locked/token' },
      providers: [provider(store)],
    })
    expect(await hush.get('PW')).toBe(dbPassword)
    const denied = await hush.get('OTHER').catch((e: unknown) => e)
    const kms = await hush.get('TOKEN').catch((e: unknown) => e)
    expectNoValue(printed(denied) + printed(kms), [dbPassword, 'locked-token-value-v1'])
    expect(denied).toMatchObject({ code: 'HUSH_ACCESS_DENIED' })
    expect((denied as HushError).message).toContain('may not call ssm:GetParameters on arn:aws:ssm:us-east-1:123456789012:parameter/dev/x')
    expect((denied as HushError).message).toContain('"Action":"ssm:GetParameters"')
    expect((denied as HushError).message).toContain('kms:Decrypt')
    expect(kms).toMatchObject({ code: 'HUSH_ACCESS_DENIED' })
    expect((kms as HushError).message).toContain('may read the parameter "/prod/locked/token" but not decrypt it')
    expect((kms as HushError).message).toContain('"Action":"kms:Decrypt","Resource":"arn:aws:kms:us-east-1:123456789012:alias/restricted"')
    await hush.close()
  })

  it('refreshes by version with one DescribeParameters for many names, fetching only once a version moved, with a rotate event', async () => {
    fakeClock()
    const store = await open({ seed })
    const names = { PW: 'aws-ssm:///prod/api/db-password', USER: 'aws-ssm:///prod/api/db#username', HOSTS: 'aws-ssm:///prod/api/hosts' }
    const hush = createHush({ sources: names, providers: [provider(store)], ttl: 60, refreshAhead: 0 })
    const rotations: HushEvent[] = []
    hush.on('rotate', (e) => rotations.push(e))
    await hush.load()
    store.resetStats()
    for (let i = 0; i < 4; i++) expect(await refreshAfter(hush, 60)).toMatchObject({ type: 'refresh', changed: false })
    // Four TTLs, three names: one request per TTL, and no value read.
    expect(store.stats().requests).toEqual({ DescribeParameters: 4 })
    const v2 = `db-password-v2-${'z'.repeat(10)}`
    await admin(store).send(new PutParameterCommand({ Name: '/prod/api/db-password', Value: v2, Overwrite: true }))
    expect(await refreshAfter(hush, 60, 'PW')).toMatchObject({ type: 'refresh', name: 'PW', changed: true, version: '2' })
    expect(await hush.get('PW')).toBe(v2)
    expect(store.stats().requests.GetParameters).toBe(1)
    expect(rotations).toMatchObject([{ name: 'PW', fromVersion: '1', toVersion: '2' }])
    expectNoValue(JSON.stringify(rotations), [dbPassword, v2])
    await hush.close()
  })

  it('checks a label with GetParameters (DescribeParameters does not say where a label is), noticing it moved', async () => {
    fakeClock()
    const store = await open({ seed })
    const hush = createHush({ sources: { LIVE: 'aws-ssm:///prod/api/db-password?label=live' }, providers: [provider(store)], ttl: 60, refreshAhead: 0 })
    expect(await hush.get('LIVE')).toBe(dbPassword)
    await admin(store).send(new PutParameterCommand({ Name: '/prod/api/db-password', Value: 'db-password-v2-label', Overwrite: true }))
    store.resetStats()
    expect(await refreshAfter(hush, 60)).toMatchObject({ changed: false })
    await admin(store).send(new LabelParameterVersionCommand({ Name: '/prod/api/db-password', ParameterVersion: 2, Labels: ['live'] }))
    expect(await refreshAfter(hush, 60)).toMatchObject({ changed: true, version: '2' })
    expect(await hush.get('LIVE')).toBe('db-password-v2-label')
    // Two checks and one fetch of the new version; the label call is this test's own.
    expect(store.stats().requests).toEqual({ GetParameters: 3, LabelParameterVersion: 1 })
    await hush.close()
  })

  it('reads every parameter under a path with GetParametersByPath, page by page, for config entries that name it', async () => {
    fakeClock()
    const parameters = Array.from({ length: 23 }, (_, i) => ({ name: `/prod/app/${i < 3 ? `deep/k${i}` : `k${i}`}`, value: `path-value-${i}-xyz` }))
    const store = await open({ seed: { parameters } })
    const config = {
      secrets: {
        K5: { from: 'aws-ssm:///prod/app/*#k5' },
        DEEP: { from: 'aws-ssm:///prod/app/*#deep/k1' },
        ALL: { from: 'aws-ssm:///prod/app/*' },
      },
    }
    const hush = createHush({ config, providers: [provider(store)], ttl: 60, refreshAhead: 0 })
    const values = await hush.load()
    expect(values.K5).toBe('path-value-5-xyz')
    expect(values.DEEP).toBe('path-value-1-xyz')
    expect(Object.keys(JSON.parse(values.ALL))).toHaveLength(23)
    // 23 parameters, 10 a page: three pages, read once for the three names.
    expect(store.stats().requests).toEqual({ GetParametersByPath: 3 })
    store.resetStats()
    expect(await refreshAfter(hush, 60)).toMatchObject({ changed: false })
    expect(store.stats().requests).toEqual({ DescribeParameters: 1 })
    await admin(store).send(new PutParameterCommand({ Name: '/prod/app/k5', Value: 'path-value-5-new', Overwrite: true }))
    expect(await refreshAfter(hush, 60)).toMatchObject({ changed: true })
    expect(await hush.get('K5')).toBe('path-value-5-new')
    await hush.close()
  })

  it('serves the last good value while the store is down or throttling during refresh, then fails', async () => {
    fakeClock()
    const store = await open({ seed })
    const hush = createHush({
      sources: { PW: 'aws-ssm:///prod/api/db-password' },
      providers: [provider(store)],
      ttl: 50,
      refreshAhead: 0,
      staleIfError: 300,
      retry: { retries: 0 },
      random: () => 0.5,
    })
    const stale: HushEvent[] = []
    const errors: HushEvent[] = []
    hush.on('stale-served', (e) => stale.push(e))
    hush.on('error', (e) => errors.push(e))
    await hush.get('PW')
    store.setFaults({ throttleRate: 1 })
    expect(await refreshAfter(hush, 100)).toMatchObject({ type: 'error', code: 'HUSH_STORE_UNAVAILABLE' })
    expect(await hush.get('PW')).toBe(dbPassword)
    store.setFaults({ outage: true })
    await vi.advanceTimersByTimeAsync(100)
    expect(await hush.get('PW')).toBe(dbPassword)
    expect(stale[0]).toMatchObject({ name: 'PW', errorCode: 'HUSH_STORE_UNAVAILABLE' })
    await vi.advanceTimersByTimeAsync(350) // past staleIfError
    const gone = await hush.get('PW').catch((e: unknown) => e)
    expectNoValue(printed(gone) + JSON.stringify([...stale, ...errors]), dbPassword)
    expect(gone).toMatchObject({ code: 'HUSH_STORE_UNAVAILABLE' })
    expect(errors.map((e) => (e as { message?: string }).message).join('\n')).toContain('throttling DescribeParameters')
    store.setFaults({})
    expect(await hush.get('PW')).toBe(dbPassword)
    await hush.close()
  })

  it('stops serving a parameter deleted mid-run', async () => {
    const store = await open({ seed })
    const hush = createHush({ sources: { PW: 'aws-ssm:///prod/api/db-password' }, providers: [provider(store)] })
    await hush.get('PW')
    await admin(store).send(new DeleteParameterCommand({ Name: '/prod/api/db-password' }))
    await expect(hush.refresh('PW')).rejects.toMatchObject({ code: 'HUSH_NOT_FOUND' })
    expect(hush.peek('PW')).toBeUndefined()
    await hush.close()
  })

  it('rotates only with a declared generator: a new value (a JSON key replaced in place), else says why it cannot', async () => {
    const store = await open({ seed })
    const config = {
      secrets: {
        PW: { from: 'aws-ssm:///prod/api/db-password', rotation: { every: '30d', generate: { length: 40, alphabet: 'hex' as const } } },
        DB_PW: { from: 'aws-ssm:///prod/api/db#password', rotation: { generate: {} } },
        HOSTS: { from: 'aws-ssm:///prod/api/hosts', rotation: '30d' },
      },
    } as const
    const hush = createHush({ config, providers: [provider(store)] })
    const events: HushEvent[] = []
    hush.on('*', (e) => events.push(e))
    await hush.load()
    await hush.rotate('PW')
    const pw = await hush.get('PW')
    expect(pw).toMatch(/^[0-9a-f]{40}$/)
    await hush.rotate('DB_PW')
    expect(await hush.get('DB_PW')).toMatch(/^[A-Za-z0-9_-]{32}$/)
    expect((await hush.describe('PW')).version).toBe('2')
    const refused = await hush.rotate('HOSTS').catch((e: unknown) => e)
    expectNoValue(printed(refused) + JSON.stringify(events), [pw, dbPassword, 'db-json-password-v1'])
    expect(refused).toMatchObject({ code: 'HUSH_BAD_CONFIG', message: expect.stringContaining('rotation: { generate:') })
    expect(events.filter((e) => e.type === 'rotate').map((e) => e.name)).toEqual(['PW', 'DB_PW'])
    await hush.close()
  })

  it('keeps the other fields of a JSON parameter when it rotates one key', async () => {
    const store = await open({ seed })
    const hush = createHush({
      config: {
        secrets: {
          DB_PW: { from: 'aws-ssm:///prod/api/db#password', rotation: { generate: { length: 24 } } },
          DB_USER: { from: 'aws-ssm:///prod/api/db#username' },
        },
      },
      providers: [provider(store)],
    })
    await hush.rotate('DB_PW')
    expect(await hush.get('DB_USER')).toBe('app')
    expect(await hush.get('DB_PW')).toHaveLength(24)
    expect(await hush.get('DB_PW')).not.toBe('db-json-password-v1')
    await hush.close()
  })

  it('rejects malformed aws-ssm references and applies account and region rules', async () => {
    const store = await open({ seed: { ...seed, accountId: '111111111111' } })
    const bad = createHush({
      sources: {
        A: 'aws-ssm:///prod/api/db-password?stage=AWSPREVIOUS',
        B: 'aws-ssm://prod/api/db-password',
        C: 'aws-ssm:///prod/api/db-password?version=1&label=live',
        D: 'aws-ssm:///prod/api/*?version=2',
      },
      providers: [provider(store)],
    })
    await expect(bad.get('A')).rejects.toMatchObject({ code: 'HUSH_BAD_REFERENCE', message: expect.stringContaining('"stage"') })
    await expect(bad.get('B')).rejects.toMatchObject({ code: 'HUSH_BAD_REFERENCE', fix: expect.stringContaining('aws-ssm:///prod/api/db-password') })
    await expect(bad.get('C')).rejects.toMatchObject({ code: 'HUSH_BAD_REFERENCE' })
    await expect(bad.get('D')).rejects.toMatchObject({ code: 'HUSH_BAD_REFERENCE' })
    const config = {
      environments: { production: { allow: ['aws-ssm:111111111111'] }, development: { allow: ['env'] } },
      secrets: {
        OTHER: { from: 'aws-ssm://arn:aws:ssm:us-east-1:999999999999:parameter/prod/api/db-password' },
        MINE: { from: { production: 'aws-ssm:///prod/api/db-password', development: 'aws-ssm:///prod/api/db-password' } },
      },
    }
    const prod = createHush({ config, environment: 'production', providers: [provider(store, { accountId: '111111111111' })] })
    await expect(prod.get('OTHER')).rejects.toMatchObject({ code: 'HUSH_ENV_ISOLATION', message: expect.stringContaining('account 999999999999') })
    expect(await prod.get('MINE')).toBe(dbPassword)
    const dev = createHush({ config, environment: 'development', providers: [provider(store)] })
    await expect(dev.get('MINE')).rejects.toMatchObject({ code: 'HUSH_ENV_ISOLATION', message: expect.stringContaining('may not read aws-ssm://') })
    await Promise.all([bad.close(), prod.close(), dev.close()])
  })

  it('shows no value in inspect output of the provider or hush', async () => {
    const store = await open({ seed })
    const p = provider(store)
    const hush = createHush({ sources: { PW: 'aws-ssm:///prod/api/db-password' }, providers: [p] })
    await hush.get('PW')
    expectNoValue(inspect(p, { depth: 6 }) + inspect(hush, { depth: 6 }) + JSON.stringify(hush), dbPassword)
    expect(inspect(hush)).toContain('"loaded":1')
    await hush.close()
  })
})
