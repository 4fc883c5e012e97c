import { execFile } from 'node:child_process'
import { mkdirSync, mkdtempSync, symlinkSync, writeFileSync } from 'node:fs'
import { type AddressInfo, createServer, type Socket } from 'node:net'
import { tmpdir } from 'node:os'
import { dirname, join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { type LocalStore, startLocalStore } from '@hush/local-store'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'

// An app with @hush/aws installed beside @hush/dotenv, a .env of aws-sm:// references, no
// config file and no code: the standard AWS environment variables are all it takes.
const here = dirname(fileURLToPath(import.meta.url))
let store: LocalStore
let app: string

beforeAll(async () => {
  store = await startLocalStore({
    seed: {
      secrets: [
        { name: 'prod/db', value: { password: 'zero-config-password-1' } },
        { name: 'prod/api', value: 'zero-config-api-key-1' },
      ],
    },
  })
  app = mkdtempSync(join(tmpdir(), 'hush-zero-'))
  writeFileSync(join(app, 'package.json'), '{"name":"zero","private":true}')
  writeFileSync(join(app, '.env'), 'DB_PASSWORD=aws-sm://prod/db#password\nAPI_KEY=aws-sm://prod/api\nPLAIN=plain\n')
  mkdirSync(join(app, 'node_modules', '@hush'), { recursive: true })
  symlinkSync(join(here, '..'), join(app, 'node_modules', '@hush', 'aws'), 'dir')
  symlinkSync(join(here, '..', 'node_modules', '@hush', 'dotenv'), join(app, 'node_modules', '@hush', 'dotenv'), 'dir')
})
afterAll(() => store.close())

// Asynchronous on purpose: the store runs in this process, so a blocking spawn would deadlock.
function node(args: string[], env: Record<string, string>): Promise<{ status: number; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    execFile(process.execPath, args, { cwd: app, env, encoding: 'utf8' }, (error, stdout, stderr) => {
      resolve({ status: error ? ((error as { code?: number }).code ?? 1) : 0, stdout, stderr })
    })
  })
}

const awsEnv = () => ({
  PATH: process.env.PATH!,
  AWS_REGION: 'us-east-1',
  AWS_ACCESS_KEY_ID: 'local',
  AWS_SECRET_ACCESS_KEY: 'local',
  AWS_ENDPOINT_URL_SECRETS_MANAGER: store.url,
  AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED: 'true',
})

describe('zero config through @hush/dotenv', () => {
  it.each([
    [
      'node -r @hush/dotenv/config',
      ['-r', '@hush/dotenv/config', '-e', 'console.log(process.env.DB_PASSWORD.length, process.env.API_KEY.length, process.env.PLAIN)'],
    ],
    [
      'import @hush/dotenv/config',
      [
        '--input-type=module',
        '-e',
        'await import("@hush/dotenv/config"); console.log(process.env.DB_PASSWORD.length, process.env.API_KEY.length, process.env.PLAIN)',
      ],
    ],
  ])('%s resolves aws-sm:// with the standard AWS variables', async (_, args) => {
    store.resetStats()
    const r = await node(args, awsEnv())
    expect(r.stderr).toBe('')
    expect(r.stdout.trim()).toBe(`${'zero-config-password-1'.length} ${'zero-config-api-key-1'.length} plain`)
    expect(store.stats().requests).toEqual({ BatchGetSecretValue: 1 })
  })

  it('also honours AWS_ENDPOINT_URL', async () => {
    const { AWS_ENDPOINT_URL_SECRETS_MANAGER: url, ...env } = awsEnv()
    const r = await node(['-r', '@hush/dotenv/config', '-e', 'console.log(process.env.API_KEY)'], { ...env, AWS_ENDPOINT_URL: url })
    expect(r.stdout.trim()).toBe('[redacted:API_KEY]')
  })

  it.each([
    ['node -r', ['-r', '@hush/dotenv/config', '-e', 'console.log("app ran")']],
    ['import', ['--input-type=module', '-e', 'await import("@hush/dotenv/config"); console.log("app ran")']],
  ])('%s: a store that accepts connections and never answers ends the start in HUSH_STORE_UNAVAILABLE', async (_, args) => {
    const sockets = new Set<Socket>()
    const silent = createServer((socket) => void sockets.add(socket))
    await new Promise<void>((resolve) => silent.listen(0, '127.0.0.1', resolve))
    try {
      const url = `http://127.0.0.1:${(silent.address() as AddressInfo).port}`
      const r = await node(args, { ...awsEnv(), AWS_ENDPOINT_URL_SECRETS_MANAGER: url, HUSH_STORE_TIMEOUT: '400ms', HUSH_STARTUP_TIMEOUT: '20s' })
      expect(r.status).toBe(1)
      expect(r.stdout).toBe('')
      expect(r.stderr).toContain('[HUSH_STORE_UNAVAILABLE]')
      expect(r.stderr).toContain('the aws-sm store did not answer within 400 ms')
      expect(r.stderr).toContain('HUSH_STORE_TIMEOUT')
      expect(sockets.size).toBeGreaterThan(0)
    } finally {
      for (const s of sockets) s.destroy()
      silent.close()
    }
  })

  it('says what to set when no region is configured', async () => {
    const { AWS_REGION: _, ...env } = awsEnv()
    const r = await node(['-r', '@hush/dotenv/config', '-e', '0'], { ...env, AWS_CONFIG_FILE: '/nonexistent', AWS_SHARED_CREDENTIALS_FILE: '/nonexistent' })
    expect(r.status).not.toBe(0)
    expect(r.stderr).toContain('[HUSH_BAD_CONFIG]')
    expect(r.stderr).toContain('set AWS_REGION')
  })
})

describe('zero config for aws-ssm://, with the SDK loaded only when a reference needs it', () => {
  let ssmApp: string
  beforeAll(async () => {
    await store.close()
    store = await startLocalStore({
      seed: {
        secrets: [{ name: 'prod/api', value: 'zero-config-api-key-1' }],
        parameters: [{ name: '/prod/db/password', value: 'zero-config-ssm-password-1' }],
      },
    })
    ssmApp = mkdtempSync(join(tmpdir(), 'hush-zero-ssm-'))
    writeFileSync(join(ssmApp, 'package.json'), '{"name":"zero-ssm","private":true}')
    mkdirSync(join(ssmApp, 'node_modules', '@hush'), { recursive: true })
    symlinkSync(join(here, '..'), join(ssmApp, 'node_modules', '@hush', 'aws'), 'dir')
    symlinkSync(join(here, '..', 'node_modules', '@hush', 'dotenv'), join(ssmApp, 'node_modules', '@hush', 'dotenv'), 'dir')
    // A loader hook that says on stderr when the SSM client's files are loaded.
    writeFileSync(
      join(ssmApp, 'hooks.mjs'),
      "export async function load(url, context, next) {\n  if (url.includes('/@aws-sdk/client-ssm/')) process.stderr.write('client-ssm loaded\\n')\n  return next(url, context)\n}\n",
    )
    writeFileSync(join(ssmApp, 'register.mjs'), "import { register } from 'node:module'\nregister('./hooks.mjs', import.meta.url)\n")
  })

  const run = (dotenv: string, env: Record<string, string>) =>
    new Promise<{ stdout: string; stderr: string }>((resolve) => {
      writeFileSync(join(ssmApp, '.env'), dotenv)
      execFile(
        process.execPath,
        [
          '--import',
          './register.mjs',
          '--input-type=module',
          '-e',
          'await import("@hush/dotenv/config"); console.log(Object.keys(process.env).filter((k) => k.startsWith("S_")).map((k) => `${k}=${process.env[k].length}`).join(" "))',
        ],
        { cwd: ssmApp, env, encoding: 'utf8' },
        (_, stdout, stderr) => resolve({ stdout, stderr }),
      )
    })

  it('resolves aws-ssm:// with AWS_ENDPOINT_URL_SSM and the standard variables', async () => {
    store.resetStats()
    const { AWS_ENDPOINT_URL_SECRETS_MANAGER: _, ...env } = awsEnv()
    const r = await run('S_DB=aws-ssm:///prod/db/password\n', { ...env, AWS_ENDPOINT_URL_SSM: store.url })
    expect(r.stdout.trim()).toBe(`S_DB=${'zero-config-ssm-password-1'.length}`)
    expect(r.stderr).toContain('client-ssm loaded')
    expect(store.stats().requests).toEqual({ GetParameters: 1 })
  })

  it('does not load the SSM client for an app that reads only aws-sm://', async () => {
    const r = await run('S_API=aws-sm://prod/api\n', { ...awsEnv(), AWS_ENDPOINT_URL_SSM: store.url })
    expect(r.stdout.trim()).toBe(`S_API=${'zero-config-api-key-1'.length}`)
    expect(r.stderr).not.toContain('client-ssm loaded')
  })
})
