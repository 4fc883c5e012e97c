import { PutSecretValueCommand, DeleteSecretCommand, SecretsManagerClient } from '@aws-sdk/client-secrets-manager'
import { createHush, type Hush, type HushError, type HushEvent } from '@hush/core'
import { type LocalStore, startLocalStore } from '@hush/local-store'
import { afterEach, describe, expect, it, vi } from 'vitest'
import { awsSecretsManager } from '../src/index.js'

// The real AWS SDK, over HTTP, against @hush/local-store: no SDK mocks anywhere.
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

/**
 * Only hush's clock and its refresh timers are faked: the store and the SDK still talk real
 * HTTP (Node's sockets keep their own timers), so a test steps through TTLs itself instead of
 * sleeping and hoping the machine kept up.
 */
const fakeClock = () => vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout', 'Date'] })

/** Moves the clock `ms` on, then waits for the background refresh that starts to answer (or fail). */
async function refreshAfter(hush: Hush, ms: number): Promise<HushEvent> {
  const answered = new Promise<HushEvent>((resolve) => {
    const off = hush.on('*', (e) => {
      if (e.type !== 'refresh' && e.type !== 'error') return
      off()
      resolve(e)
    })
  })
  await vi.advanceTimersByTimeAsync(ms)
  return answered
}

const provider = (store: LocalStore, extra: Parameters<typeof awsSecretsManager>[0] = {}) =>
  awsSecretsManager({ region: 'us-east-1', endpoint: store.url, credentials, maxAttempts: 1, ...extra })
const admin = (store: LocalStore) => new SecretsManagerClient({ region: 'us-east-1', endpoint: store.url, credentials })

const seed = {
  secrets: [
    { name: 'prod/db', value: { username: 'app', password: 'db-password-v1', nested: { port: 5432 } }, rotation: { key: 'password', length: 20 } },
    { name: 'prod/api', value: 'api-key-value-v1' },
    { name: 'prod/cert', binary: Buffer.from('binary-cert-bytes').toString('base64') },
  ],
}

describe('awsSecretsManager provider', () => {
  it('resolves single secrets, JSON keys and binaries through hush', async () => {
    const store = await open({ seed })
    const hush = createHush({
      sources: {
        DB_USER: 'aws-sm://prod/db#username',
        DB_PASSWORD: 'aws-sm://prod/db#password',
        DB_PORT: 'aws-sm://prod/db#nested.port',
        API: 'aws-sm://prod/api',
        CERT: 'aws-sm://prod/cert?binary=base64',
      },
      providers: [provider(store)],
    })
    expect(await hush.load()).toEqual({
      DB_USER: 'app',
      DB_PASSWORD: 'db-password-v1',
      DB_PORT: '5432',
      API: 'api-key-value-v1',
      CERT: Buffer.from('binary-cert-bytes').toString('base64'),
    })
    // Three names share prod/db: one batch call reads both secrets once.
    expect(store.stats().requests).toEqual({ BatchGetSecretValue: 1 })
    await hush.close()
  })

  it('explains binary secrets and missing JSON keys', async () => {
    const store = await open({ seed })
    const hush = createHush({ sources: { CERT: 'aws-sm://prod/cert', NOKEY: 'aws-sm://prod/db#pasword' }, providers: [provider(store)] })
    await expect(hush.get('CERT')).rejects.toMatchObject({ code: 'HUSH_INVALID_VALUE', message: expect.stringContaining('?binary=base64') })
    await expect(hush.get('NOKEY')).rejects.toMatchObject({ code: 'HUSH_NOT_FOUND', message: expect.stringContaining('no key "pasword"') })
    await hush.close()
  })

  it('reads stages and versions with GetSecretValue and an explicit VersionStage', async () => {
    const store = await open({ seed })
    const v2 = await admin(store).send(new PutSecretValueCommand({ SecretId: 'prod/api', SecretString: 'api-key-value-v2' }))
    store.resetStats()
    const hush = createHush({
      sources: {
        NOW: 'aws-sm://prod/api',
        BEFORE: 'aws-sm://prod/api?stage=AWSPREVIOUS',
        PINNED: `aws-sm://prod/api?version=${v2.VersionId}`,
        NONE: 'aws-sm://prod/api?stage=AWSPENDING',
      },
      providers: [provider(store)],
    })
    expect(await hush.load(['NOW', 'BEFORE', 'PINNED'])).toEqual({ NOW: 'api-key-value-v2', BEFORE: 'api-key-value-v1', PINNED: 'api-key-value-v2' })
    expect(store.stats().requests).toEqual({ BatchGetSecretValue: 1, GetSecretValue: 2 })
    await expect(hush.get('NONE')).rejects.toMatchObject({ code: 'HUSH_NOT_FOUND', message: expect.stringContaining('AWSPENDING') })
    await hush.close()
  })

  it('loads 25 secrets in two batch calls', async () => {
    const secrets = Array.from({ length: 25 }, (_, i) => ({ name: `bulk/s${i}`, value: `value-${i}-abcdef` }))
    const store = await open({ seed: { secrets } })
    const hush = createHush({ sources: Object.fromEntries(secrets.map((s, i) => [`S${i}`, `aws-sm://${s.name}`])), providers: [provider(store)] })
    const values = await hush.load()
    expect(Object.keys(values)).toHaveLength(25)
    expect(values.S24).toBe('value-24-abcdef')
    expect(store.stats().requests).toEqual({ BatchGetSecretValue: 2 })
    await hush.close()
  })

  it('falls back to GetSecretValue when BatchGetSecretValue is not permitted', async () => {
    const store = await open({ seed, access: [{ accessKeyId: 'test', secretAccessKey: 'test', actions: ['GetSecretValue', 'DescribeSecret'] }] })
    const hush = createHush({ sources: { A: 'aws-sm://prod/api', B: 'aws-sm://prod/db#username' }, providers: [provider(store)] })
    expect(await hush.load()).toEqual({ A: 'api-key-value-v1', B: 'app' })
    expect(store.stats().requests).toEqual({ BatchGetSecretValue: 1, GetSecretValue: 2 })
    await hush.close()
  })

  it('refreshes by version: DescribeSecret only while unchanged, GetSecretValue once it moved', async () => {
    fakeClock()
    const store = await open({ seed })
    const hush = createHush({ sources: { API: 'aws-sm://prod/api' }, providers: [provider(store)], ttl: 60, refreshAhead: 0 })
    expect(await hush.get('API')).toBe('api-key-value-v1')
    store.resetStats()
    for (let i = 0; i < 4; i++) expect(await refreshAfter(hush, 60)).toMatchObject({ type: 'refresh', changed: false }) // four TTLs
    const quiet = store.stats().requests
    expect(quiet.DescribeSecret).toBeGreaterThanOrEqual(2)
    expect(quiet.GetSecretValue ?? 0).toBe(0)
    expect(quiet.BatchGetSecretValue ?? 0).toBe(0)
    await admin(store).send(new PutSecretValueCommand({ SecretId: 'prod/api', SecretString: 'api-key-value-v2' }))
    expect(await refreshAfter(hush, 60)).toMatchObject({ type: 'refresh', changed: true })
    expect(await hush.get('API')).toBe('api-key-value-v2')
    expect((store.stats().requests.BatchGetSecretValue ?? 0) + (store.stats().requests.GetSecretValue ?? 0)).toBe(1)
    await hush.close()
  })

  it('rotates mid-run: readers see the old or the new value, never a half-updated one', async () => {
    const store = await open({ seed, rotationDelayMs: 40 })
    const hush = createHush({ sources: { PW: 'aws-sm://prod/db#password', DB: 'aws-sm://prod/db' }, providers: [provider(store, { rotationPollMs: 10 })] })
    const events: HushEvent[] = []
    hush.on('rotate', (e) => events.push(e))
    await hush.load()
    const seen = new Set<string>()
    let reading = true
    const readers = (async () => {
      while (reading) {
        const db = JSON.parse(await hush.get('DB'))
        expect(db.username).toBe('app') // a whole JSON document every time
        seen.add(await hush.get('PW'))
        await new Promise((r) => setImmediate(r))
      }
    })()
    await hush.rotate('DB')
    await hush.refresh('PW')
    reading = false
    await readers
    const after = await hush.get('PW')
    expect(after).toHaveLength(20)
    expect(after).not.toBe('db-password-v1')
    expect([...seen].every((v) => v === 'db-password-v1' || v === after)).toBe(true)
    expect(events.map((e) => e.name).sort()).toEqual(['DB', 'PW'])
    const d = await hush.describe('DB')
    expect(d.rotationEnabled).toBe(true)
    expect(d.lastRotated).toBeInstanceOf(Date)
    await hush.close()
  })

  it('rotates without waiting when asked: the pending version at once, the old value served until the store finishes', async () => {
    const store = await open({ seed, rotationDelayMs: 60_000 })
    const hush = createHush({ sources: { DB: 'aws-sm://prod/db' }, providers: [provider(store, { rotationPollMs: 10 })] })
    const before = await hush.get('DB')
    const from = (await hush.describe('DB')).version
    const started = await hush.rotate('DB', { wait: false })
    expect(started.pending).toBe(true)
    expect(started.version).toMatch(/^[\w-]{32,64}$/)
    expect(started.version).not.toBe(from)
    // The store has not moved AWSCURRENT yet (a minute's delay): nothing changed for readers.
    expect((await hush.describe('DB')).version).toBe(from)
    await hush.refresh('DB')
    expect(await hush.get('DB')).toBe(before)
    await hush.close()
  })

  it('rotates and waits by default, answering with the version now served', async () => {
    const store = await open({ seed, rotationDelayMs: 40 })
    const hush = createHush({ sources: { DB: 'aws-sm://prod/db' }, providers: [provider(store, { rotationPollMs: 10 })] })
    const from = (await hush.describe('DB')).version
    const done = await hush.rotate('DB')
    expect(done.pending).toBeUndefined()
    expect(done.version).not.toBe(from)
    expect((await hush.describe('DB')).version).toBe(done.version)
    await hush.close()
  })

  it('tells an unknown access key id from a wrong secret key, naming the store it asked', async () => {
    const store = await open({ seed, access: [{ accessKeyId: 'reader', secretAccessKey: 'reader-secret' }] })
    const unknownKey = createHush({ sources: { API: 'aws-sm://prod/api' }, providers: [provider(store)] })
    const unknown = (await unknownKey.get('API').catch((e) => e)) as HushError
    expect(unknown.code).toBe('HUSH_ACCESS_DENIED')
    expect(unknown.summary).toBe(
      `API: aws-sm://prod/api: the store at ${store.url} does not know the access key id these credentials sign with (UnrecognizedClientException)`,
    )
    expect(unknown.fix).toContain('the accessKeyId and secretAccessKey of a rule')
    const wrongSecret = createHush({
      sources: { API: 'aws-sm://prod/api' },
      providers: [provider(store, { credentials: { accessKeyId: 'reader', secretAccessKey: 'not-it' } })],
    })
    const wrong = (await wrongSecret.get('API').catch((e) => e)) as HushError
    expect(wrong.code).toBe('HUSH_ACCESS_DENIED')
    expect(wrong.summary).toContain("the request's signature was refused (InvalidSignatureException)")
    expect(`${unknown.message}${wrong.message}`.includes('reader-secret')).toBe(false)
    await Promise.all([unknownKey.close(), wrongSecret.close()])
  })

  it('fails clearly when the store is down at start', async () => {
    const store = await open({ seed, faults: { outage: true } })
    const hush = createHush({ sources: { API: 'aws-sm://prod/api' }, providers: [provider(store)], retry: { retries: 1, baseDelayMs: 5 }, random: () => 0 })
    const error = (await hush.get('API').catch((e) => e)) as HushError
    expect(error.code).toBe('HUSH_STORE_UNAVAILABLE')
    expect(error.message).toContain('could not be reached')
    expect(error.message).toContain('fix:')
    await hush.close()
  })

  it('serves the last good value while the store is down during refresh, then fails', async () => {
    fakeClock()
    const store = await open({ seed })
    // random 0.5: after the failed background refresh, hush retries in 1 s (half of its 2 s
    // ceiling), after this test's last read, so every read below finds the same state.
    const hush = createHush({
      sources: { API: 'aws-sm://prod/api' },
      providers: [provider(store)],
      ttl: 50,
      refreshAhead: 0,
      staleIfError: 300,
      retry: { retries: 0 },
      random: () => 0.5,
    })
    const stale: HushEvent[] = []
    hush.on('stale-served', (e) => stale.push(e))
    await hush.get('API')
    store.setFaults({ outage: true })
    expect(await refreshAfter(hush, 100)).toMatchObject({ type: 'error', code: 'HUSH_STORE_UNAVAILABLE' }) // past the TTL, within staleIfError
    expect(await hush.get('API')).toBe('api-key-value-v1')
    expect(stale[0]).toMatchObject({ name: 'API', errorCode: 'HUSH_STORE_UNAVAILABLE' })
    await vi.advanceTimersByTimeAsync(350) // past staleIfError
    await expect(hush.get('API')).rejects.toMatchObject({ code: 'HUSH_STORE_UNAVAILABLE' })
    store.setFaults({})
    expect(await hush.get('API')).toBe('api-key-value-v1')
    await hush.close()
  })

  it('retries throttling with backoff, then succeeds', async () => {
    // The SDK draws its retry delays from Math.random (up to 1, 2, then 4 s for throttling):
    // at 0 they are all zero, and the test no longer spends seconds asleep.
    vi.spyOn(Math, 'random').mockReturnValue(0)
    let calls = 0
    // The first three requests are throttled, then the store answers.
    const store = await open({ seed, faults: { throttleRate: 0.5 }, random: () => (calls++ < 3 ? 0 : 1) })
    const hush = createHush({ sources: { API: 'aws-sm://prod/api' }, providers: [provider(store, { maxAttempts: 5 })] })
    expect(await hush.get('API')).toBe('api-key-value-v1')
    expect(store.stats().faulted.BatchGetSecretValue).toBe(3)
    expect(store.stats().requests.BatchGetSecretValue).toBe(4)
    await hush.close()
  })

  it('stops serving a secret deleted mid-run and says how to restore it', async () => {
    const store = await open({ seed })
    const hush = createHush({ sources: { API: 'aws-sm://prod/api' }, providers: [provider(store)], region: undefined } as never)
    await hush.get('API')
    await admin(store).send(new DeleteSecretCommand({ SecretId: 'prod/api', RecoveryWindowInDays: 7 }))
    const error = (await hush.refresh('API').catch((e) => e)) as HushError
    expect(error.code).toBe('HUSH_NOT_FOUND')
    expect(error.message).toContain('marked for deletion')
    expect(error.message).toContain('aws secretsmanager restore-secret --secret-id prod/api')
    expect(hush.peek('API')).toBeUndefined()
    await hush.close()
  })

  it('names the IAM action and resource on access denied', async () => {
    const store = await open({ seed, access: [{ accessKeyId: 'test', secretAccessKey: 'test', secrets: ['dev/*'] }] })
    const hush = createHush({ sources: { API: 'aws-sm://prod/api' }, providers: [provider(store, { batch: false })] })
    const error = (await hush.get('API').catch((e) => e)) as HushError
    expect(error.code).toBe('HUSH_ACCESS_DENIED')
    expect(error.message).toMatch(/may not call secretsmanager:GetSecretValue on arn:aws:secretsmanager:us-east-1:123456789012:secret:prod\/api-\w{6}/)
    expect(error.message).toContain('"Action":"secretsmanager:GetSecretValue"')
    await hush.close()
  })

  it('names the secret, region and account when it does not exist', async () => {
    const store = await open({ seed })
    const hush = createHush({ sources: { X: 'aws-sm://prod/missing' }, providers: [provider(store, { accountId: '123456789012' })] })
    await expect(hush.get('X')).rejects.toMatchObject({
      code: 'HUSH_NOT_FOUND',
      message: expect.stringMatching(/no secret "prod\/missing" in region us-east-1, account 123456789012/),
    })
    await hush.close()
  })

  it('rejects malformed aws-sm references and checks account/region rules', async () => {
    const store = await open({ seed })
    const bad = createHush({ sources: { A: 'aws-sm://prod/api?stag=AWSPREVIOUS', B: 'aws-sm://arn:aws:s3:::bucket' }, providers: [provider(store)] })
    await expect(bad.get('A')).rejects.toMatchObject({ code: 'HUSH_BAD_REFERENCE', message: expect.stringContaining('"stag"') })
    await expect(bad.get('B')).rejects.toMatchObject({ code: 'HUSH_BAD_REFERENCE' })
    const config = {
      environments: { production: { allow: [{ scheme: 'aws-sm', accounts: ['111111111111'] }] } },
      secrets: { OTHER: { from: 'aws-sm://arn:aws:secretsmanager:us-east-1:999999999999:secret:prod/api' } },
    }
    const isolated = createHush({ config, environment: 'production', providers: [provider(store)] })
    await expect(isolated.get('OTHER')).rejects.toMatchObject({ code: 'HUSH_ENV_ISOLATION', message: expect.stringContaining('account 999999999999') })
    expect(store.stats().total).toBe(0)
  })
})
