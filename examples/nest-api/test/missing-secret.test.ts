import { expectNoValue } from '@hush/test-kit'
import { describe, expect, it } from 'vitest'
import { getJson, launchApp, randomSecrets, startStore, writeSeed } from './support.js'

describe('examples/nest-api: a required secret is missing', () => {
  it('stops the bootstrap with a non-zero exit and a diagnostic naming the secret, its reference and the next step', async () => {
    const secrets = randomSecrets()
    // The partner key was never created in this account: .env points at a secret that is not there.
    const store = await startStore(writeSeed({ dbPassword: secrets.dbPassword }))
    const app = launchApp(store.url, [secrets.dbPassword])
    let exit, stats, timer
    try {
      exit = await Promise.race([
        app.exited,
        new Promise<never>((_, reject) => (timer = setTimeout(() => reject(new Error('the app kept running: the bootstrap did not stop')), 30_000))),
      ])
      stats = await getJson(`${store.url}/_hush/stats`)
    } finally {
      clearTimeout(timer)
      await app.stop()
      await store.stop()
    }

    const output = app.output()
    expectNoValue(output, [secrets.dbPassword], { in: "the app's output" })
    expect(exit).toEqual({ code: 1, signal: null })
    // The store was asked: the app failed on its answer, not before trying.
    expect(stats.body.total).toBeGreaterThan(0)
    expect(output).not.toContain('listening on')
    // The HushError as Nest's ExceptionHandler logs it: the message line, then its fix.
    const lines = output.split('\n')
    const start = lines.findIndex((line) => line.includes('[HUSH_NOT_FOUND]'))
    expect(start).toBeGreaterThan(-1)
    const [message, fix] = lines.slice(start, start + 2)
    expect(message).toContain('API_KEY: aws-sm://prod/nest-api/partner-key: AWS Secrets Manager has no secret "prod/nest-api/partner-key" in region us-east-1')
    expect(message).toContain('(.env:5)')
    expect(fix).toMatch(/^\s+fix: .*aws secretsmanager create-secret --name prod\/nest-api\/partner-key\b/)
  })
})
