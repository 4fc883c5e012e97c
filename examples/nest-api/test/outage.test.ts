import { expectNoValue } from '@hush/test-kit'
import { describe, expect, it } from 'vitest'
import { eventually, fingerprint, getJson, randomSecrets, startApp, startStore, writeSeed } from './support.js'

const iso = /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$/

describe('examples/nest-api: store outage', () => {
  it('keeps answering with the last good values while AWS Secrets Manager is down, and /health says degraded, never a value', async () => {
    const secrets = randomSecrets()
    const store = await startStore(writeSeed(secrets))
    const values = [secrets.dbPassword, secrets.apiKey]
    const app = await startApp(store.url, values)
    const healths: unknown[] = []
    type Answer = Awaited<ReturnType<typeof getJson>>
    let up: Answer | undefined
    let degraded: Answer | undefined
    const during: Answer[] = []
    try {
      up = await getJson(`${app.url}/health`)
      healths.push(up.body)
      const before = await getJson(`${app.url}/`)
      expect(before.body).toMatchObject({ db: { pool: 1, fingerprint: fingerprint(secrets.dbPassword) }, apiKey: { client: fingerprint(secrets.apiKey) } })

      // The store process dies: connections are refused from now on.
      await store.stop('SIGKILL')

      degraded = await eventually('/health reporting the outage', async () => {
        const health = await getJson(`${app.url}/health`)
        healths.push(health.body)
        return health.body.status === 'degraded' ? health : undefined
      })
      during.push(await getJson(`${app.url}/`), await getJson(`${app.url}/`))
    } finally {
      await app.stop()
      await store.stop()
    }

    expectNoValue(app.output(), values, { in: "the app's output" })
    expectNoValue(JSON.stringify(healths), values, { in: 'the /health answers' })

    expect(up).toMatchObject({
      status: 200,
      body: { status: 'ok', details: { secrets: { status: 'up', stores: { 'aws-sm': { status: 'up', secrets: 2 } } } } },
    })
    expect(degraded?.status).toBe(200)
    expect(degraded?.body.details.secrets.status).toBe('degraded')
    expect(degraded?.body.details.secrets.stores).toEqual({
      'aws-sm': {
        status: 'stale',
        secrets: 2,
        since: expect.stringMatching(iso),
        lastError: 'HUSH_STORE_UNAVAILABLE',
        lastErrorAt: expect.stringMatching(iso),
      },
    })

    // Same values, same pool: an outage is not a rotation.
    expect(during).toHaveLength(2)
    for (const answer of during)
      expect(answer).toEqual({
        status: 200,
        body: {
          greeting: 'hello',
          pid: app.pid,
          db: { pool: 1, fingerprint: fingerprint(secrets.dbPassword) },
          apiKey: { client: fingerprint(secrets.apiKey), controller: fingerprint(secrets.apiKey) },
        },
      })
  })
})
