import { DeleteSecretCommand, PutSecretValueCommand, RestoreSecretCommand } from '@aws-sdk/client-secrets-manager'
import { afterEach, describe, expect, it } from 'vitest'
import { type AwsStore, awsStore } from './aws-store.js'
import { fingerprint, type HttpApp, httpApp, until } from './http-app.js'
import { project, secretValue } from './project.js'

// The README: "After an outage longer than the stale window hush keeps retrying in the
// background, so the values (and `up`) come back with the store, with no request needing to
// trigger it"; and the read error itself says "hush keeps retrying". A secret the store
// answered for as gone (deleted, or a value without the key asked for) is dropped, and then
// nothing retries it: ConfigService and /health stay broken after the store has it again.
describe('a secret the store takes away and gives back', () => {
  let aws: AwsStore | undefined
  let app: HttpApp | undefined
  afterEach(async () => {
    await app?.close()
    await aws?.close()
    app = aws = undefined
  })

  it('is served again through ConfigService and /health once a deleted secret is restored, with no awaited get()', { timeout: 60_000 }, async () => {
    const password = secretValue('pw')
    aws = await awsStore([{ name: 'prod/db', value: password }])
    const p = project({ env: () => 'DB_PASSWORD=aws-sm://prod/db\n' })
    app = await httpApp({ dir: p.dir, hush: { providers: [aws.provider()], ttl: '300ms', staleIfError: '300ms' } })
    expect((await app.get('/secret/DB_PASSWORD')).body).toEqual({ fingerprint: fingerprint(password) })

    await aws.ops.send(new DeleteSecretCommand({ SecretId: 'prod/db', RecoveryWindowInDays: 7 }))
    await until('the deletion seen by the app', async () => (await app!.get('/secret/DB_PASSWORD')).body.error !== undefined)
    await aws.ops.send(new RestoreSecretCommand({ SecretId: 'prod/db' }))

    await until(
      'the restored secret served through ConfigService',
      async () => (await app!.get('/secret/DB_PASSWORD')).body.fingerprint === fingerprint(password),
    )
    expect((await app.get('/health')).status).toBe(200)
  })

  it('picks a JSON secret up again when a rotation wrote a value without the key and the next one fixed it', { timeout: 60_000 }, async () => {
    const first = secretValue('pw1')
    const fixed = secretValue('pw3')
    aws = await awsStore([{ name: 'prod/db', value: { username: 'app', password: first } }])
    const p = project({ env: () => 'DB_PASSWORD="aws-sm://prod/db#password"\n' })
    app = await httpApp({ dir: p.dir, hush: { providers: [aws.provider()], ttl: '300ms', staleIfError: '300ms' } })
    expect((await app.get('/secret/DB_PASSWORD')).body).toEqual({ fingerprint: fingerprint(first) })

    // A botched rotation: the new version has no "password" key.
    await aws.ops.send(new PutSecretValueCommand({ SecretId: 'prod/db', SecretString: JSON.stringify({ username: 'app' }) }))
    await until('the bad version seen by the app', async () => (await app!.get('/secret/DB_PASSWORD')).body.error !== undefined)
    await aws.ops.send(new PutSecretValueCommand({ SecretId: 'prod/db', SecretString: JSON.stringify({ username: 'app', password: fixed }) }))

    await until('the fixed version served through ConfigService', async () => (await app!.get('/secret/DB_PASSWORD')).body.fingerprint === fingerprint(fixed))
    expect((await app.get('/health')).status).toBe(200)
  })
})
