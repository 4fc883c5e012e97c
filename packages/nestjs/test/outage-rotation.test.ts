import { PutSecretValueCommand } from '@aws-sdk/client-secrets-manager'
import { Controller, Get, Injectable } from '@nestjs/common'
import { ConfigService } from '@nestjs/config'
import { afterEach, describe, expect, it } from 'vitest'
import { HushService } from '../src/index.js'
import { type AwsStore, awsStore } from './aws-store.js'
import { fingerprint, type HttpApp, httpApp, until } from './http-app.js'
import { project, secretValue } from './project.js'

/** The README's pattern (and examples/nest-api's): a pool keeps the password it connected with, and onRotate builds a new one. */
@Injectable()
class Pool {
  password: string

  constructor(config: ConfigService, hush: HushService) {
    this.password = config.getOrThrow<string>('DB_PASSWORD')
    hush.onRotate('DB_PASSWORD', () => (this.password = config.getOrThrow<string>('DB_PASSWORD')))
  }
}

@Controller('pool')
class PoolController {
  constructor(private readonly pool: Pool) {}

  @Get()
  status() {
    return { fingerprint: fingerprint(this.pool.password) }
  }
}

// The secret rotates while the app cannot reach the store, and the outage outlasts staleIfError.
// When the store is back, hush fetches the new value (ConfigService answers with it) but takes it
// as a first fetch, not a rotation: onRotate never fires, and the pool keeps the old password.
describe('a rotation during an outage longer than the stale window', () => {
  let aws: AwsStore | undefined
  let app: HttpApp | undefined
  afterEach(async () => {
    await app?.close()
    await aws?.close()
    app = aws = undefined
  })

  it('reaches onRotate listeners when the store is back, so a pool built on the old password is rebuilt', { timeout: 60_000 }, async () => {
    const before = secretValue('pw-old')
    const after = secretValue('pw-new')
    aws = await awsStore([{ name: 'prod/db', value: before }])
    const p = project({ env: () => 'DB_PASSWORD=aws-sm://prod/db\n' })
    app = await httpApp({
      dir: p.dir,
      hush: { providers: [aws.provider()], ttl: '300ms', staleIfError: '300ms' },
      controllers: [PoolController],
      providers: [Pool],
    })
    expect((await app.get('/pool')).body).toEqual({ fingerprint: fingerprint(before) })

    aws.readsDown(true)
    await until('the stale window over', async () => (await app!.get('/secret/DB_PASSWORD')).body.error !== undefined)
    // And failed refreshes after it (two, so one has surely been handled), as in any outage longer than the window.
    const failed = aws.dropped()
    await until('a refresh failing past the window', async () => aws!.dropped() > failed + 1)
    await aws.ops.send(new PutSecretValueCommand({ SecretId: 'prod/db', SecretString: after }))
    aws.readsDown(false)

    await until('the new value served through ConfigService', async () => (await app!.get('/secret/DB_PASSWORD')).body.fingerprint === fingerprint(after))
    expect((await app.get('/pool')).body).toEqual({ fingerprint: fingerprint(after) })
  })
})
