import { afterEach, describe, expect, it } from 'vitest'
import { type AwsStore, awsStore } from './aws-store.js'
import { fingerprint, type HttpApp, httpApp, until } from './http-app.js'
import { project, secretValue } from './project.js'

// The usual least-privilege policy for an app grants secretsmanager:GetSecretValue on its
// secrets and nothing else. hush starts with it (BatchGetSecretValue is refused, it falls back
// to GetSecretValue), but its refresh asks DescribeSecret whether the version moved; that is
// refused too, the refusal is taken as the store's answer about the secret, and the value is
// dropped: from the first refresh on, every ConfigService read fails and /health is down.
describe('an app whose policy allows only GetSecretValue', () => {
  let aws: AwsStore | undefined
  let app: HttpApp | undefined
  afterEach(async () => {
    await app?.close()
    await aws?.close()
    app = aws = undefined
  })

  it('keeps serving its secret through ConfigService and stays healthy after refreshes', { timeout: 60_000 }, async () => {
    const password = secretValue('pw')
    const reader = { accessKeyId: 'api', secretAccessKey: 'api-local-only' }
    aws = await awsStore([{ name: 'prod/db', value: password }], [{ ...reader, actions: ['GetSecretValue'], secrets: ['prod/*'] }])
    const p = project({ env: () => 'DB_PASSWORD=aws-sm://prod/db\n' })
    // The app starting at all says the secret was read: a secret hush cannot read fails the bootstrap.
    app = await httpApp({ dir: p.dir, hush: { providers: [aws.provider(reader)], ttl: '1s' } })

    // The first refresh asks DescribeSecret; after it, either hush goes on talking to the store
    // (a fallback read, the next check) or the app has lost the value.
    await until('a version check', async () => (aws!.store.stats().requests.DescribeSecret ?? 0) >= 1)
    const seen = aws.store.stats().total
    let read = await app.get('/secret/DB_PASSWORD')
    await until('the outcome of the first refresh', async () => {
      read = await app!.get('/secret/DB_PASSWORD')
      return read.body.error !== undefined || aws!.store.stats().total > seen
    })
    expect(read.body).toEqual({ fingerprint: fingerprint(password) })
    const health = await app.get('/health')
    expect(health.body.details.secrets.stores['aws-sm'].status).toBe('up')
  })
})
