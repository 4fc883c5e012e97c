import {
  BatchGetSecretValueCommand,
  CreateSecretCommand,
  DeleteSecretCommand,
  DescribeSecretCommand,
  GetSecretValueCommand,
  InternalServiceError,
  InvalidRequestException,
  ListSecretsCommand,
  ListSecretVersionIdsCommand,
  PutSecretValueCommand,
  ResourceExistsException,
  ResourceNotFoundException,
  RestoreSecretCommand,
  RotateSecretCommand,
  SecretsManagerClient,
  TagResourceCommand,
  UpdateSecretVersionStageCommand,
} from '@aws-sdk/client-secrets-manager'
import { spawn } from 'node:child_process'
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest'
import { type LocalStore, startLocalStore } from '../src/index.js'

// Every test talks to the server through the real AWS SDK over HTTP.
const client = (store: LocalStore, accessKeyId = 'test', maxAttempts = 1) =>
  new SecretsManagerClient({ region: 'us-east-1', endpoint: store.url, credentials: { accessKeyId, secretAccessKey: 'x' }, maxAttempts })

let store: LocalStore
let sm: SecretsManagerClient

beforeAll(async () => {
  store = await startLocalStore({
    seed: {
      secrets: [
        { name: 'prod/db', value: { username: 'app', password: 'seed-password-1' }, tags: { team: 'data' }, rotation: { key: 'password', length: 24 } },
        { name: 'prod/api-key', value: 'plain-api-key-1' },
        { name: 'bin/cert', binary: Buffer.from([0, 1, 2, 250]).toString('base64') },
      ],
    },
    rotationDelayMs: 30,
  })
  sm = client(store)
})
afterAll(() => store.close())
afterEach(() => {
  vi.useRealTimers()
})

describe('local-store speaks Secrets Manager to the real SDK', () => {
  it('creates and reads by name, full ARN and partial ARN', async () => {
    const created = await sm.send(new CreateSecretCommand({ Name: 'app/token', SecretString: 'token-v1', Description: 'd' }))
    expect(created.ARN).toMatch(/^arn:aws:secretsmanager:us-east-1:123456789012:secret:app\/token-[A-Za-z0-9]{6}$/)
    const partial = created.ARN!.slice(0, -7)
    for (const id of ['app/token', created.ARN!, partial]) {
      const got = await sm.send(new GetSecretValueCommand({ SecretId: id }))
      expect(got).toMatchObject({ Name: 'app/token', SecretString: 'token-v1', VersionId: created.VersionId, VersionStages: ['AWSCURRENT'] })
      expect(got.CreatedDate).toBeInstanceOf(Date)
    }
    await expect(sm.send(new CreateSecretCommand({ Name: 'app/token', SecretString: 'x' }))).rejects.toBeInstanceOf(ResourceExistsException)
  })

  it('moves AWSCURRENT to a new version and AWSPREVIOUS follows; ClientRequestToken is idempotent', async () => {
    const v2 = await sm.send(
      new PutSecretValueCommand({ SecretId: 'prod/api-key', SecretString: 'plain-api-key-2', ClientRequestToken: 'tok-000000000000000000000000000000002' }),
    )
    const again = await sm.send(
      new PutSecretValueCommand({ SecretId: 'prod/api-key', SecretString: 'plain-api-key-2', ClientRequestToken: 'tok-000000000000000000000000000000002' }),
    )
    expect(again.VersionId).toBe(v2.VersionId)
    await expect(
      sm.send(new PutSecretValueCommand({ SecretId: 'prod/api-key', SecretString: 'other', ClientRequestToken: 'tok-000000000000000000000000000000002' })),
    ).rejects.toBeInstanceOf(ResourceExistsException)
    expect((await sm.send(new GetSecretValueCommand({ SecretId: 'prod/api-key' }))).SecretString).toBe('plain-api-key-2')
    expect((await sm.send(new GetSecretValueCommand({ SecretId: 'prod/api-key', VersionStage: 'AWSPREVIOUS' }))).SecretString).toBe('plain-api-key-1')
    expect((await sm.send(new GetSecretValueCommand({ SecretId: 'prod/api-key', VersionId: v2.VersionId }))).SecretString).toBe('plain-api-key-2')
    const d = await sm.send(new DescribeSecretCommand({ SecretId: 'prod/api-key' }))
    expect(
      Object.values(d.VersionIdsToStages!)
        .map((s) => s.join())
        .sort(),
    ).toEqual(['AWSCURRENT', 'AWSPREVIOUS'])
    const listed = await sm.send(new ListSecretVersionIdsCommand({ SecretId: 'prod/api-key' }))
    expect(listed.Versions).toHaveLength(2)
    await expect(sm.send(new GetSecretValueCommand({ SecretId: 'prod/api-key', VersionStage: 'AWSPENDING' }))).rejects.toBeInstanceOf(ResourceNotFoundException)
  })

  it('moves a stage explicitly with UpdateSecretVersionStage', async () => {
    const versions = (await sm.send(new ListSecretVersionIdsCommand({ SecretId: 'prod/api-key' }))).Versions!
    const previous = versions.find((v) => v.VersionStages!.includes('AWSPREVIOUS'))!
    const current = versions.find((v) => v.VersionStages!.includes('AWSCURRENT'))!
    await expect(
      sm.send(new UpdateSecretVersionStageCommand({ SecretId: 'prod/api-key', VersionStage: 'AWSCURRENT', MoveToVersionId: previous.VersionId })),
    ).rejects.toThrow(/RemoveFromVersionId/)
    await sm.send(
      new UpdateSecretVersionStageCommand({
        SecretId: 'prod/api-key',
        VersionStage: 'AWSCURRENT',
        MoveToVersionId: previous.VersionId,
        RemoveFromVersionId: current.VersionId,
      }),
    )
    expect((await sm.send(new GetSecretValueCommand({ SecretId: 'prod/api-key' }))).SecretString).toBe('plain-api-key-1')
    expect((await sm.send(new GetSecretValueCommand({ SecretId: 'prod/api-key', VersionStage: 'AWSPREVIOUS' }))).SecretString).toBe('plain-api-key-2')
  })

  it('batches up to 20 ids with per-secret errors, and filters', async () => {
    const out = await sm.send(new BatchGetSecretValueCommand({ SecretIdList: ['prod/db', 'missing/one', 'prod/api-key'] }))
    expect(out.SecretValues!.map((v) => v.Name).sort()).toEqual(['prod/api-key', 'prod/db'])
    expect(out.Errors).toEqual([expect.objectContaining({ SecretId: 'missing/one', ErrorCode: 'ResourceNotFoundException' })])
    await expect(sm.send(new BatchGetSecretValueCommand({ SecretIdList: Array.from({ length: 21 }, (_, i) => `s${i}`) }))).rejects.toThrow(/between 1 and 20/)
    const filtered = await sm.send(new BatchGetSecretValueCommand({ Filters: [{ Key: 'name', Values: ['prod/'] }] }))
    expect(filtered.SecretValues!.map((v) => v.Name).sort()).toEqual(['prod/api-key', 'prod/db'])
    const tagged = await sm.send(new ListSecretsCommand({ Filters: [{ Key: 'tag-value', Values: ['data'] }] }))
    expect(tagged.SecretList!.map((s) => s.Name)).toEqual(['prod/db'])
  })

  it('rotates without a Lambda: AWSPENDING first, AWSCURRENT after the rotation finishes', async () => {
    // The rotation finishes on a timer: with the clock stopped, the reads below find it
    // pending however slow they are, and it finishes when the test moves the clock on.
    vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout'] })
    const before = JSON.parse((await sm.send(new GetSecretValueCommand({ SecretId: 'prod/db' }))).SecretString!)
    const rotated = await sm.send(new RotateSecretCommand({ SecretId: 'prod/db' }))
    const pending = await sm.send(new GetSecretValueCommand({ SecretId: 'prod/db', VersionStage: 'AWSPENDING' }))
    expect(pending.VersionId).toBe(rotated.VersionId)
    expect((await sm.send(new GetSecretValueCommand({ SecretId: 'prod/db' }))).SecretString).toBe(JSON.stringify(before))
    await vi.advanceTimersByTimeAsync(30) // the store's rotationDelayMs
    const after = JSON.parse((await sm.send(new GetSecretValueCommand({ SecretId: 'prod/db' }))).SecretString!)
    expect(after.username).toBe('app')
    expect(after.password).toHaveLength(24)
    expect(after.password).not.toBe(before.password)
    const d = await sm.send(new DescribeSecretCommand({ SecretId: 'prod/db' }))
    expect(d.RotationEnabled).toBe(true)
    expect(d.LastRotatedDate).toBeInstanceOf(Date)
    expect(d.NextRotationDate!.getTime()).toBeGreaterThan(Date.now())
    expect(d.VersionIdsToStages![rotated.VersionId!]).toEqual(['AWSCURRENT'])
  })

  it('deletes with a recovery window, refuses reads, restores', async () => {
    await sm.send(new CreateSecretCommand({ Name: 'tmp/deleted', SecretString: 'going-away' }))
    const del = await sm.send(new DeleteSecretCommand({ SecretId: 'tmp/deleted', RecoveryWindowInDays: 7 }))
    expect(del.DeletionDate!.getTime()).toBeGreaterThan(Date.now() + 6 * 86_400_000)
    const error = await sm.send(new GetSecretValueCommand({ SecretId: 'tmp/deleted' })).catch((e) => e)
    expect(error).toBeInstanceOf(InvalidRequestException)
    expect(error.message).toContain('marked for deletion')
    expect((await sm.send(new DescribeSecretCommand({ SecretId: 'tmp/deleted' }))).DeletedDate).toBeInstanceOf(Date)
    await sm.send(new RestoreSecretCommand({ SecretId: 'tmp/deleted' }))
    expect((await sm.send(new GetSecretValueCommand({ SecretId: 'tmp/deleted' }))).SecretString).toBe('going-away')
    await sm.send(new TagResourceCommand({ SecretId: 'tmp/deleted', Tags: [{ Key: 'k', Value: 'v' }] }))
    expect((await sm.send(new DescribeSecretCommand({ SecretId: 'tmp/deleted' }))).Tags).toEqual([{ Key: 'k', Value: 'v' }])
  })

  it('returns binary secrets as bytes', async () => {
    const got = await sm.send(new GetSecretValueCommand({ SecretId: 'bin/cert' }))
    expect(got.SecretString).toBeUndefined()
    expect([...got.SecretBinary!]).toEqual([0, 1, 2, 250])
  })

  it('counts requests per operation', async () => {
    store.resetStats()
    await sm.send(new DescribeSecretCommand({ SecretId: 'prod/db' }))
    await sm.send(new GetSecretValueCommand({ SecretId: 'prod/db' }))
    await sm.send(new GetSecretValueCommand({ SecretId: 'prod/db' }))
    expect(store.stats()).toMatchObject({ total: 3, requests: { DescribeSecret: 1, GetSecretValue: 2 } })
    const viaHttp = (await (await fetch(`${store.url}/_hush/stats`)).json()) as { total: number }
    expect(viaHttp.total).toBe(3)
  })
})

describe('access rules and faults', () => {
  it('denies what no rule allows, naming the action and the resource', async () => {
    const s = await startLocalStore({
      seed: {
        secrets: [
          { name: 'prod/db', value: 'v' },
          { name: 'dev/db', value: 'd' },
        ],
      },
      access: [{ accessKeyId: 'reader', secretAccessKey: 'x', actions: ['GetSecretValue', 'DescribeSecret'], secrets: ['dev/*'] }],
    })
    try {
      const reader = client(s, 'reader')
      expect((await reader.send(new GetSecretValueCommand({ SecretId: 'dev/db' }))).SecretString).toBe('d')
      const denied = await reader.send(new GetSecretValueCommand({ SecretId: 'prod/db' })).catch((e) => e)
      expect(denied.name).toBe('AccessDeniedException')
      expect(denied.$metadata.httpStatusCode).toBe(400)
      expect(denied.message).toMatch(
        /not authorized to perform: secretsmanager:GetSecretValue on resource: arn:aws:secretsmanager:us-east-1:123456789012:secret:prod\/db-/,
      )
      await expect(reader.send(new BatchGetSecretValueCommand({ SecretIdList: ['dev/db'] }))).rejects.toMatchObject({ name: 'AccessDeniedException' })
      await expect(client(s, 'stranger').send(new GetSecretValueCommand({ SecretId: 'dev/db' }))).rejects.toMatchObject({ name: 'UnrecognizedClientException' })
    } finally {
      await s.close()
    }
  })

  it('injects latency, errors, throttling and outages, by option and over HTTP', async () => {
    const s = await startLocalStore({ seed: { secrets: [{ name: 'a', value: 'v' }] }, faults: { operations: { GetSecretValue: { latencyMs: 60 } } } })
    try {
      const sm1 = client(s)
      // Latency is a timer in the server: on a fake clock, time passes only when the test moves
      // it, so a busy machine can neither stretch a fast answer nor shorten a slow one.
      vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout', 'Date'] })
      let t = Date.now()
      let answered = false
      const slow = sm1.send(new GetSecretValueCommand({ SecretId: 'a' })).finally(() => (answered = true))
      // One fake millisecond per turn of the event loop, until the server lets the answer go.
      while (!answered) {
        await vi.advanceTimersByTimeAsync(1)
        await new Promise((r) => setImmediate(r))
      }
      await slow
      expect(Date.now() - t).toBeGreaterThanOrEqual(55)
      t = Date.now()
      // The clock stands still here: an answer held back by latency would never come.
      await sm1.send(new DescribeSecretCommand({ SecretId: 'a' }))
      expect(Date.now() - t).toBeLessThan(55)
      vi.useRealTimers()
      s.setFaults({ errorRate: 1 })
      await expect(sm1.send(new GetSecretValueCommand({ SecretId: 'a' }))).rejects.toBeInstanceOf(InternalServiceError)
      await fetch(`${s.url}/_hush/faults`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ throttleRate: 1 }) })
      const throttled = await sm1.send(new GetSecretValueCommand({ SecretId: 'a' })).catch((e) => e)
      expect(throttled.name).toBe('ThrottlingException')
      s.setFaults({ outage: true })
      const down = await sm1.send(new GetSecretValueCommand({ SecretId: 'a' })).catch((e) => e)
      expect(down.$metadata?.httpStatusCode).toBeUndefined()
      s.setFaults({})
      expect((await sm1.send(new GetSecretValueCommand({ SecretId: 'a' }))).SecretString).toBe('v')
      expect(s.stats().faulted).toMatchObject({ GetSecretValue: 3 })
    } finally {
      await s.close()
    }
  })
})

describe('seed files, state file and the bin', () => {
  it('seeds from YAML and keeps state across restarts only when asked', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'hush-ls-'))
    const seed = join(dir, 'seed.yaml')
    writeFileSync(seed, 'region: eu-west-1\nsecrets:\n  - name: prod/db\n    value:\n      password: from-yaml\n')
    const state = join(dir, 'state.json')
    const first = await startLocalStore({ seed, stateFile: state })
    const c1 = client(first)
    expect((await c1.send(new GetSecretValueCommand({ SecretId: 'prod/db' }))).ARN).toContain(':eu-west-1:')
    await c1.send(new PutSecretValueCommand({ SecretId: 'prod/db', SecretString: '{"password":"changed"}' }))
    await first.close()
    const second = await startLocalStore({ seed, stateFile: state })
    expect((await client(second).send(new GetSecretValueCommand({ SecretId: 'prod/db' }))).SecretString).toBe('{"password":"changed"}')
    await second.close()
    const memoryOnly = await startLocalStore({ seed })
    expect((await client(memoryOnly).send(new GetSecretValueCommand({ SecretId: 'prod/db' }))).SecretString).toBe('{"password":"from-yaml"}')
    await memoryOnly.close()
    expect(JSON.parse(readFileSync(state, 'utf8')).secrets).toHaveLength(1)
  })

  it('runs from the hush-local-store bin', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'hush-ls-bin-'))
    writeFileSync(join(dir, 'seed.json'), JSON.stringify({ secrets: [{ name: 'x', value: 'from-bin' }] }))
    const bin = fileURLToPath(new URL('../dist/bin.mjs', import.meta.url))
    const child = spawn(process.execPath, [bin, '--port', '0', '--seed', join(dir, 'seed.json'), '--quiet'], { stdio: ['ignore', 'pipe', 'pipe'] })
    try {
      const url = await new Promise<string>((resolve, reject) => {
        child.stdout.once('data', (d: Buffer) => resolve(d.toString().trim()))
        child.once('exit', (code) => reject(new Error(`bin exited ${code}`)))
      })
      const sm2 = new SecretsManagerClient({ region: 'us-east-1', endpoint: url, credentials: { accessKeyId: 'a', secretAccessKey: 'b' } })
      expect((await sm2.send(new GetSecretValueCommand({ SecretId: 'x' }))).SecretString).toBe('from-bin')
    } finally {
      child.kill('SIGTERM')
    }
  })
})
