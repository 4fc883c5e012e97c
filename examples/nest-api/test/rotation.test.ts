import { GetSecretValueCommand, PutSecretValueCommand, RotateSecretCommand } from '@aws-sdk/client-secrets-manager'
import { expectNoValue } from '@hush/test-kit'
import { describe, expect, it } from 'vitest'
import { eventually, fingerprint, getJson, randomSecrets, secretsManager, startApp, startStore, writeSeed } from './support.js'

describe('examples/nest-api: rotation', () => {
  it('answers every request through a rotation, then uses the new values with a recycled pool, in the same process', async () => {
    const initial = randomSecrets()
    const next = randomSecrets()
    const store = await startStore(writeSeed(initial))
    const seen = [initial.dbPassword, initial.apiKey, next.apiKey]
    const app = await startApp(store.url, seen)
    const sm = secretsManager(store.url)
    const answers: Array<{ status: number; body: any }> = []
    let traffic: Promise<void> | undefined
    let trafficOn = true
    let rotatedPassword = ''
    try {
      const before = await getJson(`${app.url}/`)
      expect(before).toEqual({
        status: 200,
        body: {
          greeting: 'hello',
          pid: app.pid,
          db: { pool: 1, fingerprint: fingerprint(initial.dbPassword) },
          apiKey: { client: fingerprint(initial.apiKey), controller: fingerprint(initial.apiKey) },
        },
      })

      // One request after another for the whole rotation, as a client would send them.
      traffic = (async () => {
        while (trafficOn) answers.push(await getJson(`${app.url}/`).catch((e: Error) => ({ status: 0, body: e.message })))
      })()

      await sm.send(new RotateSecretCommand({ SecretId: 'prod/nest-api/db' }))
      rotatedPassword = await eventually('the store finishing the rotation', async () => {
        const { SecretString } = await sm.send(new GetSecretValueCommand({ SecretId: 'prod/nest-api/db' }))
        const { password } = JSON.parse(SecretString!) as { password: string }
        return password === initial.dbPassword ? undefined : password
      })
      seen.push(rotatedPassword)
      const afterDb = await eventually('the app on the rotated DB password', async () => {
        const { body } = await getJson(`${app.url}/`)
        return body.db?.fingerprint === fingerprint(rotatedPassword) ? body : undefined
      })
      expect(afterDb).toMatchObject({ pid: app.pid, db: { pool: 2 }, apiKey: { client: fingerprint(initial.apiKey) } })

      // A key changed by hand (PutSecretValue), not by a rotation: @InjectSecret handles follow it too.
      await sm.send(new PutSecretValueCommand({ SecretId: 'prod/nest-api/partner-key', SecretString: next.apiKey }))
      const afterKey = await eventually('the app on the new API key', async () => {
        const { body } = await getJson(`${app.url}/`)
        return body.apiKey?.client === fingerprint(next.apiKey) ? body : undefined
      })
      expect(afterKey).toEqual({
        greeting: 'hello',
        pid: app.pid,
        // The pool is recycled for DB_PASSWORD only: a new API key leaves it alone.
        db: { pool: 2, fingerprint: fingerprint(rotatedPassword) },
        apiKey: { client: fingerprint(next.apiKey), controller: fingerprint(next.apiKey) },
      })
    } finally {
      trafficOn = false
      await traffic
      await app.stop()
      await store.stop()
    }

    const output = app.output()
    expectNoValue(output, seen, { in: "the app's output" })
    expect(app.child.pid).toBe(app.pid)
    // The pool printed its connection string at each connect, and redactLogs masked the password.
    expect(output.match(/pool \d: connecting to postgres:\/\/nest_api:\[redacted:DB_PASSWORD\]@db\.internal/g)).toHaveLength(2)
    expect(output).toMatch(/DB_PASSWORD rotated \(version [\w-]+\): pool 2 connected, pool 1 closed/)

    expect(answers.filter((a) => a.status !== 200)).toEqual([])
    const pools = answers.map((a) => a.body.db.pool as number)
    // The traffic ran across the rotation: it saw both pools, and never went back to the old one.
    expect(pools[0]).toBe(1)
    expect(pools.at(-1)).toBe(2)
    expect(pools).toEqual([...pools].sort((a, b) => a - b))
    for (const { body } of answers) {
      expect(body.pid).toBe(app.pid)
      expect(body.db.fingerprint).toBe(fingerprint(body.db.pool === 1 ? initial.dbPassword : rotatedPassword))
    }
  })
})
