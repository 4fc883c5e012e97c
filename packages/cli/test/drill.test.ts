import { type ChildProcess, spawn } from 'node:child_process'
import { randomBytes } from 'node:crypto'
import { createServer } from 'node:net'
import { startLocalStore } from '@hush/local-store'
import { expectNoValue } from '@hush/test-kit'
import { describe, expect, it } from 'vitest'
import { awsProject } from './aws-project.js'
import { hush } from './helpers.js'

// A small app reading one secret with the AWS SDK, showing a sha256 fingerprint of the value it
// uses at GET /. APP_MODE: fresh (300 ms cache, the last good value while the store fails),
// once (reads at start, never again), nocache (asks the store on every request, no fallback).
const APP = `
import { createServer } from 'node:http'
import { createHash } from 'node:crypto'
import { GetSecretValueCommand, SecretsManagerClient } from '@aws-sdk/client-secrets-manager'
const mode = process.env.APP_MODE
const sm = new SecretsManagerClient({ maxAttempts: 1 })
let value
let at = 0
async function current() {
  if (value !== undefined && (mode === 'once' || (mode === 'fresh' && Date.now() - at < 300))) return value
  try {
    value = (await sm.send(new GetSecretValueCommand({ SecretId: 'dev/db' }))).SecretString
    at = Date.now()
  } catch (error) {
    if (mode !== 'fresh' || value === undefined) throw error
  }
  return value
}
await current()
createServer((req, res) => {
  current().then(
    (v) => res.end(JSON.stringify({ db: createHash('sha256').update(v).digest('hex').slice(0, 12) })),
    () => { res.statusCode = 503; res.end('{}') },
  )
}).listen(Number(process.env.PORT), '127.0.0.1')
`

function app(): { dir: string; value: string } {
  const value = `pw-${randomBytes(16).toString('base64url')}`
  const seed = {
    secrets: [
      { name: 'dev/db', value, rotation: { length: 24 } },
      { name: 'dev/other', value: 'x' },
    ],
  }
  return { dir: awsProject({}, { 'app.mjs': APP, 'seed.json': JSON.stringify(seed) }), value }
}

function freePort(): Promise<number> {
  return new Promise((resolve) => {
    const server = createServer().listen(0, '127.0.0.1', () => {
      const { port } = server.address() as { port: number }
      server.close(() => resolve(port))
    })
  })
}

const drill = (args: string[], dir: string, mode: string) =>
  hush(['drill', ...args, '--seed', 'seed.json', '--', process.execPath, 'app.mjs'], dir, { APP_MODE: mode })

describe('hush drill', () => {
  it('rotation: an app that refreshes keeps answering and takes the new value: zero failed requests, the pickup time, PASS', async () => {
    const { dir, value } = app()
    const run = await drill(['rotation', '--duration', '5s'], dir, 'fresh')
    expectNoValue(run.stdout + run.stderr, [value], { in: 'the output' })
    expect(run.stdout).toMatch(/^ {2}requests: \d+ sent, 0 failed /m)
    expect(run.stdout).toMatch(/^ {2}rotation: dev\/db, version [\w-]+ → [\w-]+; the store served it \d+ ms after RotateSecret$/m)
    expect(run.stdout).toMatch(/^ {2}pickup: the app used the new value \d+ ms after the store served it$/m)
    expect(run.stdout.endsWith('\nPASS\n')).toBe(true)
    expect(run.code).toBe(0)
  })

  it('rotation: an app that read the secret once never shows the new value: FAIL, exit code 1', async () => {
    const { dir } = app()
    const run = await drill(['rotation', '--secret', 'dev/db', '--duration', '2s', '--json'], dir, 'once')
    expect(run.code).toBe(1)
    const report = JSON.parse(run.stdout)
    expect(report).toMatchObject({ drill: 'rotation', pass: false, requests: { failed: 0 }, rotation: { secret: 'dev/db' } })
    expect(report.rotation.pickupMs).toBeUndefined()
    expect(report.rotation.toVersion).not.toBe(report.rotation.fromVersion)
  })

  it('outage: an app serving its last good values answers every request while the store is down: stale serving reported, PASS', async () => {
    const { dir, value } = app()
    const run = await drill(['outage', '--duration', '2s', '--json'], dir, 'fresh')
    expectNoValue(run.stdout + run.stderr, [value], { in: 'the output' })
    expect(run.code).toBe(0)
    const report = JSON.parse(run.stdout)
    expect(report).toMatchObject({ drill: 'outage', pass: true, requests: { failed: 0 } })
    expect(report.faulted).toBeGreaterThan(0)
    expect(report.requests.phases.fault.sent).toBeGreaterThan(0)
    expect(report.staleServed).toBe(report.requests.phases.fault.sent)
  })

  it('outage: an app that needs the store for every request fails while it is down: FAIL with the failed count', async () => {
    const { dir } = app()
    const run = await drill(['outage', '--duration', '2s'], dir, 'nocache')
    expect(run.code).toBe(1)
    const failed = Number(/requests: \d+ sent, (\d+) failed/.exec(run.stdout)?.[1])
    expect(failed).toBeGreaterThan(0)
    // A request already answered from the store as the outage began may have succeeded; the rest could not.
    const [, answered, during] = /stale serving: the app answered (\d+) of (\d+) requests while the store could not serve it/.exec(run.stdout) ?? []
    expect(Number(answered)).toBeLessThan(Number(during))
    expect(failed).toBeGreaterThanOrEqual(Number(during) - Number(answered))
    expect(run.stdout.endsWith('\nFAIL\n')).toBe(true)
  })

  it('--health: probes with a shell command instead of GET, and reads the pickup from what it prints', async () => {
    const { dir, value } = app()
    // A health command as a team would write one: it asks the app (on the PORT the drill gave it) and prints the answer.
    const health = `${JSON.stringify(process.execPath)} -e "fetch('http://127.0.0.1:' + process.env.PORT + '/').then(async (r) => { console.log(await r.text()); process.exit(r.ok ? 0 : 1) }, () => process.exit(1))"`
    const run = await drill(['rotation', '--duration', '5s', '--health', health], dir, 'fresh')
    expectNoValue(run.stdout + run.stderr, [value], { in: 'the output' })
    expect(run.stdout).toMatch(/^hush drill rotation against `/m)
    expect(run.stdout).toMatch(/^ {2}requests: \d+ sent, 0 failed /m)
    expect(run.stdout).toMatch(/^ {2}pickup: the app used the new value \d+ ms after the store served it$/m)
    expect(run.code).toBe(0)
    // The same app behind a health command that fails during the outage: FAIL, counted.
    const down = await drill(['outage', '--duration', '2s', '--health', health], dir, 'nocache')
    expect(down.code).toBe(1)
    expect(Number(/requests: \d+ sent, (\d+) failed/.exec(down.stdout)?.[1])).toBeGreaterThan(0)
  })

  it('--url alone: drills an app already running against a local store (hush dev-store), through its control endpoint', async () => {
    const { dir } = app()
    const store = await startLocalStore({ seed: `${dir}/seed.json` })
    const port = await freePort()
    const env = { AWS_ENDPOINT_URL_SECRETS_MANAGER: store.url, AWS_REGION: 'us-east-1', AWS_ACCESS_KEY_ID: 'local', AWS_SECRET_ACCESS_KEY: 'local' }
    const running: ChildProcess = spawn(process.execPath, ['app.mjs'], {
      cwd: dir,
      env: { ...process.env, ...env, PORT: String(port), APP_MODE: 'fresh' },
      stdio: 'ignore',
    })
    try {
      const run = await hush(['drill', 'throttling', '--url', `http://127.0.0.1:${port}/`, '--duration', '2s', '--json'], dir, env)
      expect(run.code).toBe(0)
      const report = JSON.parse(run.stdout)
      expect(report).toMatchObject({ drill: 'throttling', pass: true, requests: { failed: 0 } })
      expect(report.faulted).toBeGreaterThan(0)
      // The store is left as it was found: no fault.
      expect(await (await fetch(`${store.url}/_hush/faults`)).json()).toEqual({})
    } finally {
      running.kill()
      await store.close()
    }
  })

  it('usage errors: no app, a bad duration, an unknown drill, --url without a local store', async () => {
    const { dir } = app()
    const none = await hush(['drill', 'rotation'], dir)
    expect(none.code).toBe(2)
    expect(none.stderr).toContain("give the app's command after --")
    const duration = await hush(['drill', 'outage', '--duration', 'soon', '--', 'node', 'app.mjs'], dir)
    expect(duration.code).toBe(2)
    expect(duration.stderr).toContain('--duration must be a time such as 10s')
    const kind = await hush(['drill', 'earthquake', '--', 'node', 'app.mjs'], dir)
    expect(kind.code).toBe(2)
    expect(kind.stderr).toContain('the drill must be one of rotation, outage, throttling, latency')
    const url = await hush(['drill', 'outage', '--url', 'http://127.0.0.1:1/'], dir, { AWS_ENDPOINT_URL_SECRETS_MANAGER: '', AWS_ENDPOINT_URL: '' })
    expect(url.code).toBe(2)
    expect(url.stderr).toContain('set AWS_ENDPOINT_URL_SECRETS_MANAGER to that store')
  })
})
