import { DescribeSecretCommand } from '@aws-sdk/client-secrets-manager'
import { createHush, parseReference } from '@hush/core'
import { type LocalStore, startLocalStore } from '@hush/local-store'
import { afterEach, describe, expect, it } from 'vitest'
import { awsParameterStore, awsSecretsManager } from '../src/index.js'

// The real AWS SDK over HTTP against @hush/local-store; the store's request counts are the proof of batching.
const credentials = { accessKeyId: 'test', secretAccessKey: 'test' }
const stores: LocalStore[] = []
afterEach(async () => {
  await Promise.all(stores.splice(0).map((s) => s.close()))
})
const open = async (...args: Parameters<typeof startLocalStore>) => {
  const s = await startLocalStore(...args)
  stores.push(s)
  return s
}
const provider = (store: LocalStore, extra: Parameters<typeof awsSecretsManager>[0] = {}) =>
  awsSecretsManager({ region: 'us-east-1', endpoint: store.url, credentials, maxAttempts: 1, ...extra })
const ctx = { environment: 'test' }

const day = (n: number) => new Date(Date.UTC(2025, 0, 1 + n))
const many = (count: number, prefix: string) =>
  Array.from({ length: count }, (_, i) => ({ name: `${prefix}${String(i).padStart(3, '0')}`, value: `v-${i}`, lastRotated: day(i % 200).toISOString() }))

describe('awsSecretsManager describeMany', () => {
  it('describes 250 secrets with 3 ListSecrets pages, skipping the store’s other secrets, with their dates and versions', async () => {
    const store = await open({ seed: { secrets: [...many(250, 'app/S'), ...many(120, 'other/S'), { name: 'lone', value: 'x', created: '2024-06-01' }] } })
    const p = provider(store)
    const refs = [...many(250, 'app/S').map((s) => parseReference(`aws-sm://${s.name}`)), parseReference('aws-sm://lone')]
    store.resetStats()
    const out = await p.describeMany!(refs, ctx)
    // 250 of app/ in pages of 100, then the lone secret's own prefix: other/ is never listed.
    expect(store.stats().requests).toEqual({ ListSecrets: 3 })
    expect(out).toHaveLength(251)
    for (const [i, d] of out.slice(0, 250).entries()) {
      expect(d).toMatchObject({ reference: refs[i]!.raw, lastRotated: day(i % 200), rotationEnabled: false })
      expect((d as { version?: string }).version).toMatch(/^[\w-]+$/)
    }
    expect(out[250]).toMatchObject({ reference: 'aws-sm://lone', lastChanged: new Date('2024-06-01') })
    await p.close!()
  })

  it('answers a missing secret with its own error, and finds a full-ARN reference through the listing', async () => {
    const store = await open({ seed: { secrets: many(3, 'app/S') } })
    const p = provider(store)
    const fullArn = (await p.client.send(new DescribeSecretCommand({ SecretId: 'app/S002' }))).ARN!
    store.resetStats()
    const out = await p.describeMany!([parseReference(`aws-sm://${fullArn}`), parseReference('aws-sm://app/missing')], ctx)
    expect(out[0]).toMatchObject({ reference: `aws-sm://${fullArn}`, lastRotated: day(2) })
    expect(out[1]).toMatchObject({ code: 'HUSH_NOT_FOUND' })
    // The missing one is asked for by name once the listing did not show it.
    expect(store.stats().requests).toEqual({ ListSecrets: 1, DescribeSecret: 1 })
    await p.close!()
  })

  it('describes one by one when the credentials may not ListSecrets', async () => {
    const access = [{ accessKeyId: 'test', secretAccessKey: 'test', actions: ['GetSecretValue', 'DescribeSecret'] }]
    const store = await open({ seed: { secrets: many(4, 'app/S') }, access })
    const p = provider(store)
    const out = await p.describeMany!(
      many(4, 'app/S').map((s) => parseReference(`aws-sm://${s.name}`)),
      ctx,
    )
    expect(out.map((d) => (d as { lastRotated?: Date }).lastRotated)).toEqual([day(0), day(1), day(2), day(3)])
    expect(store.stats().requests).toEqual({ ListSecrets: 1, DescribeSecret: 4 })
    await p.close!()
  })

  it('batches hush.describe() calls made together into one listing', async () => {
    const store = await open({ seed: { secrets: many(40, 'app/S') } })
    const sources = Object.fromEntries(many(40, 'app/S').map((s, i) => [`N${i}`, `aws-sm://${s.name}`]))
    const hush = createHush({ sources, providers: [provider(store)] })
    store.resetStats()
    const all = await Promise.all(hush.names().map((n) => hush.describe(n)))
    expect(all.map((d) => d.lastRotated)).toEqual(many(40, 'app/S').map((_, i) => day(i)))
    expect(store.stats().requests).toEqual({ ListSecrets: 1 })
    await hush.close()
  })
})

describe('awsParameterStore describeMany', () => {
  it('describes 120 parameters with DescribeParameters, 50 names a request, and a missing one with its own error', async () => {
    const parameters = Array.from({ length: 120 }, (_, i) => ({ name: `/app/p${i}`, value: `v-${i}` }))
    const store = await open({ seed: { parameters } })
    const p = awsParameterStore({ region: 'us-east-1', endpoint: store.url, credentials, maxAttempts: 1 })
    store.resetStats()
    const out = await p.describeMany!([...parameters.map((x) => parseReference(`aws-ssm://${x.name}`)), parseReference('aws-ssm:///app/missing')], ctx)
    expect(store.stats().requests).toEqual({ DescribeParameters: 3 })
    for (const [i, d] of out.slice(0, 120).entries()) expect(d).toMatchObject({ reference: `aws-ssm:///app/p${i}`, version: '1', rotationEnabled: false })
    expect((out[0] as { lastChanged?: Date }).lastChanged).toBeInstanceOf(Date)
    expect(out[120]).toMatchObject({ code: 'HUSH_NOT_FOUND' })
    await p.close!()
  })
})
