import { GetSecretValueCommand, RotateSecretCommand, SecretsManagerClient } from '@aws-sdk/client-secrets-manager'
import { startLocalStore } from '@hush/local-store'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { appDir, awsEnv, startApp } from './support.js'

describe('examples/aws-rotation', () => {
  it('reads AWS Secrets Manager through @hush/dotenv and picks up a rotation without a restart', async () => {
    const store = await startLocalStore({ seed: join(appDir, 'local-store.seed.yaml'), rotationDelayMs: 100 })
    const app = startApp(awsEnv(store.url))
    try {
      const started = await app.waitFor(/started/)
      expect(started).toContain('DB password loaded (26 characters, Secrets Manager)')
      expect(started).toContain('session secret loaded (32 characters, Parameter Store)')
      // One read from each store at start: the two Secrets Manager secrets batched, the parameter in one GetParameters.
      expect(store.stats().requests).toMatchObject({ BatchGetSecretValue: 1, GetParameters: 1 })
      const sm = new SecretsManagerClient({ region: 'us-east-1', endpoint: store.url, credentials: { accessKeyId: 'ops', secretAccessKey: 'ops' } })
      await sm.send(new RotateSecretCommand({ SecretId: 'prod/orders/db' }))
      const line = await app.waitFor(/rotated/)
      expect(line).toMatch(/reconnecting with the new one \(version [\w-]+\) after \d+ connections, no restart/)
      const careless = await app.waitFor(/careless log/)
      expect(careless).toContain('[redacted:DB_PASSWORD]')
      const rotated = JSON.parse((await sm.send(new GetSecretValueCommand({ SecretId: 'prod/orders/db' }))).SecretString!).password as string
      expect(rotated).toHaveLength(24)
      expect(
        app.output().includes(rotated) || app.output().includes('initial-demo-password-0001') || app.output().includes('initial-demo-session-secret-0001'),
      ).toBe(false)
      expect(await app.stop()).toBe(0)
      const requests = store.stats().requests
      // One batched read at start, one more once the version moved; cheap checks in between.
      expect(requests.BatchGetSecretValue).toBe(2)
      expect(requests.GetSecretValue).toBe(1) // this test's own check of the rotated value
      expect(requests.DescribeSecret).toBeGreaterThan(0)
    } finally {
      app.child.kill()
      await store.close()
    }
  })

  it('refuses a value served from another account, found out from the answer', async () => {
    const store = await startLocalStore({ seed: join(appDir, 'local-store.seed.yaml'), accountId: '999999999999' })
    const app = startApp(awsEnv(store.url))
    try {
      const exit = await new Promise<number | null>((resolve) => app.child.once('exit', resolve))
      expect(exit).not.toBe(0)
      expect(app.output()).toContain('[HUSH_ENV_ISOLATION]')
      expect(app.output()).toContain('account 999999999999')
    } finally {
      await store.close()
    }
  })

  it('refuses a store outside the production region before any request', async () => {
    const store = await startLocalStore({ seed: join(appDir, 'local-store.seed.yaml'), accountId: '999999999999' })
    const app = startApp(awsEnv(store.url, { AWS_REGION: 'eu-west-1' }))
    try {
      const exit = await new Promise<number | null>((resolve) => app.child.once('exit', resolve))
      expect(exit).not.toBe(0)
      expect(app.output()).toContain('[HUSH_ENV_ISOLATION]')
      expect(store.stats().total).toBe(0)
    } finally {
      await store.close()
    }
  })
})
