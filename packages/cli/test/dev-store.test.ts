import { type ChildProcessWithoutNullStreams, spawn } from 'node:child_process'
import { randomBytes } from 'node:crypto'
import { GetSecretValueCommand, SecretsManagerClient } from '@aws-sdk/client-secrets-manager'
import { expectNoValue } from '@hush/test-kit'
import { describe, expect, it } from 'vitest'
import { awsProject } from './aws-project.js'
import { BIN, hush } from './helpers.js'

interface Running {
  child: ChildProcessWithoutNullStreams
  stdout: () => string
  stderr: () => string
  exited: Promise<number | null>
}

/** `hush dev-store` as a terminal runs it: in the foreground until a signal. */
function devStore(args: string[], cwd: string): Running {
  const child = spawn(process.execPath, [BIN, 'dev-store', ...args], { cwd, env: { ...process.env, NO_COLOR: '1' } })
  let out = ''
  let err = ''
  child.stdout.on('data', (c: Buffer) => (out += c.toString()))
  child.stderr.on('data', (c: Buffer) => (err += c.toString()))
  const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)))
  return { child, stdout: () => out, stderr: () => err, exited }
}

/** The variables of the `export` lines, once all five are printed. */
async function exports(running: Running): Promise<Record<string, string>> {
  for (let i = 0; i < 300; i++) {
    const vars = Object.fromEntries([...running.stdout().matchAll(/^export (\w+)='([^']*)'$/gm)].map((m) => [m[1]!, m[2]!]))
    if (Object.keys(vars).length === 5) return vars
    if (running.child.exitCode !== null) break
    await new Promise((r) => setTimeout(r, 50))
  }
  throw new Error(`hush dev-store printed no export lines; stderr: ${running.stderr()}`)
}

describe('hush dev-store', () => {
  it("serves the seed hush init --store local wrote, prints what to export, and the app's secrets resolve through it; SIGTERM stops it with 0", async () => {
    const secret = `sk_live_${randomBytes(16).toString('hex')}`
    const dir = awsProject({}, { '.env': `STRIPE_SECRET_KEY=${secret}\n` })
    const init = await hush(['init', '--store', 'local', '--write'], dir)
    expect(init.code).toBe(0)
    const store = devStore(['--port', '0'], dir)
    try {
      const vars = await exports(store)
      expect(Object.keys(vars)).toEqual([
        'AWS_ENDPOINT_URL_SECRETS_MANAGER',
        'AWS_ENDPOINT_URL_SSM',
        'AWS_REGION',
        'AWS_ACCESS_KEY_ID',
        'AWS_SECRET_ACCESS_KEY',
      ])
      expect(vars.AWS_ENDPOINT_URL_SSM).toBe(vars.AWS_ENDPOINT_URL_SECRETS_MANAGER)
      expect(store.stderr()).toMatch(/^hush: local store on http:\/\/127\.0\.0\.1:\d+, 1 secret and 0 parameters from \.hush\/local-store\.seed\.json\.$/m)

      const sm = new SecretsManagerClient({
        endpoint: vars.AWS_ENDPOINT_URL_SECRETS_MANAGER!,
        region: vars.AWS_REGION!,
        credentials: { accessKeyId: 'local', secretAccessKey: 'local' },
      })
      const got = await sm.send(new GetSecretValueCommand({ SecretId: 'dev/app/STRIPE_SECRET_KEY' }))
      sm.destroy()
      expect(got.SecretString === secret).toBe(true)
      // The app, as the printed lines set it up: `hush run` resolves the reference init left in .env.
      const app = await hush(
        ['run', '--env', 'development', '--', process.execPath, '-e', 'process.exit(process.env.STRIPE_SECRET_KEY === process.argv[1] ? 0 : 3)', secret],
        dir,
        vars,
      )
      expect(app.code).toBe(0)
    } finally {
      store.child.kill('SIGTERM')
    }
    expect(await store.exited).toBe(0)
    expectNoValue(store.stdout() + store.stderr(), [secret], { in: "dev-store's output" })
    expect(store.stderr()).toMatch(/hush: local store stopped\.\n$/)
  })

  it('--seed names the file to serve; SIGINT stops it with 0 too', async () => {
    const dir = awsProject({}, { 'seed.json': JSON.stringify({ region: 'eu-west-1', parameters: [{ name: '/dev/flag', value: 'on', type: 'String' }] }) })
    const store = devStore(['--seed', 'seed.json', '--port', '0'], dir)
    try {
      const vars = await exports(store)
      expect(vars.AWS_REGION).toBe('eu-west-1')
      expect(store.stderr()).toContain('0 secrets and 1 parameter from seed.json')
    } finally {
      store.child.kill('SIGINT')
    }
    expect(await store.exited).toBe(0)
  })

  it('a missing seed or a bad port is a usage error, exit code 2', async () => {
    const dir = awsProject({})
    expect(await hush(['dev-store', '--seed', 'nope.yaml'], dir)).toEqual({
      code: 2,
      stdout: '',
      stderr: 'hush: --seed nope.yaml: no such file. Run "hush dev-store --help" for usage.\n',
    })
    const port = await hush(['dev-store', '--port', 'http'], dir)
    expect(port.code).toBe(2)
    expect(port.stderr).toBe('hush: --port must be a whole number from 0 to 65535. Run "hush dev-store --help" for usage.\n')
  })
})
