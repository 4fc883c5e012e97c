import { type ChildProcessWithoutNullStreams, spawn } from 'node:child_process'
import { createHash, randomBytes } from 'node:crypto'
import { existsSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs'
import { createRequire } from 'node:module'
import { tmpdir } from 'node:os'
import { dirname, join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { SecretsManagerClient } from '@aws-sdk/client-secrets-manager'
import { findValue } from '@hush/test-kit'

export const appDir = fileURLToPath(new URL('..', import.meta.url))

/** Written again here rather than imported from src: a test sharing the app's code could share its bug. */
export const fingerprint = (value: string) => createHash('sha256').update(value).digest('hex').slice(0, 12)

/** Fresh values for each run, so a leak is findable in the output and no run passes on a value another left behind. */
export function randomSecrets() {
  return { dbPassword: `pw-${randomBytes(16).toString('base64url')}`, apiKey: `pk_live_${randomBytes(16).toString('hex')}` }
}

/** A local-store seed with the secrets the app's .env points at; a secret left undefined is not in the store. */
export function writeSeed(values: { dbPassword?: string; apiKey?: string }): string {
  const secrets = []
  if (values.dbPassword !== undefined)
    secrets.push({
      name: 'prod/nest-api/db',
      value: { username: 'nest_api', password: values.dbPassword },
      rotation: { key: 'password', length: 32, afterDays: 30 },
    })
  if (values.apiKey !== undefined) secrets.push({ name: 'prod/nest-api/partner-key', value: values.apiKey })
  const file = join(mkdtempSync(join(tmpdir(), 'hush-nest-api-')), 'seed.json')
  writeFileSync(file, JSON.stringify({ region: 'us-east-1', accountId: '123456789012', secrets }))
  return file
}

export interface Running {
  child: ChildProcessWithoutNullStreams
  /** Everything the process wrote to stdout and stderr so far. */
  output(): string
  /** Resolves with the first line matching `re`; fails if the process exits first. */
  waitFor(re: RegExp, ms?: number): Promise<RegExpExecArray>
  /** Resolves when the process has exited. */
  exited: Promise<{ code: number | null; signal: NodeJS.Signals | null }>
  /** Sends `signal` (SIGTERM by default) and waits for the exit. */
  stop(signal?: NodeJS.Signals): Promise<{ code: number | null; signal: NodeJS.Signals | null }>
}

/**
 * Starts `node args` and collects its output. `secrets` are the values the process may hold:
 * a failure message quotes the output only when none of them is in it.
 */
export function run(args: string[], options: { env: Record<string, string>; secrets: string[] }): Running {
  const child = spawn(process.execPath, args, { cwd: appDir, env: options.env })
  let out = ''
  child.stdout.on('data', (chunk: Buffer) => (out += chunk.toString()))
  child.stderr.on('data', (chunk: Buffer) => (out += chunk.toString()))
  const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) =>
    child.once('exit', (code, signal) => resolve({ code, signal })),
  )
  let done = false
  void exited.then(() => (done = true))
  const shown = () => (findValue(out, options.secrets) ? '(not shown: it holds a secret value)' : out)
  return {
    child,
    output: () => out,
    exited,
    async waitFor(re, ms = 30_000) {
      const end = Date.now() + ms
      for (;;) {
        for (const line of out.split('\n')) {
          const match = re.exec(line)
          if (match) return match
        }
        if (done) throw new Error(`${args.join(' ')} exited before printing ${re}; output:\n${shown()}`)
        if (Date.now() > end) throw new Error(`${args.join(' ')} printed no ${re} in ${ms} ms; output:\n${shown()}`)
        await new Promise((r) => setTimeout(r, 25))
      }
    },
    async stop(signal = 'SIGTERM') {
      if (!done) child.kill(signal)
      return exited
    },
  }
}

const localStoreBin = (() => {
  const pkg = createRequire(join(appDir, 'package.json')).resolve('@hush/local-store/package.json')
  const { bin } = JSON.parse(readFileSync(pkg, 'utf8')) as { bin: Record<string, string> }
  return join(dirname(pkg), bin['hush-local-store']!)
})()

/** @hush/local-store as its own process, as `pnpm store` runs it; rotations finish 200 ms after RotateSecret. */
export async function startStore(seed: string) {
  const store = run([localStoreBin, '--seed', seed, '--port', '0', '--rotation-delay', '200'], { env: { PATH: process.env.PATH! }, secrets: [] })
  const url = (await store.waitFor(/listening on (http:\/\/\S+)/))[1]!
  return { ...store, url }
}

/** The environment the app would have on AWS, pointed at the local store. */
function appEnv(storeUrl: string): Record<string, string> {
  return {
    PATH: process.env.PATH!,
    ...(process.env.TMPDIR ? { TMPDIR: process.env.TMPDIR } : {}),
    PORT: '0',
    NO_COLOR: '1',
    AWS_REGION: 'us-east-1',
    AWS_ACCESS_KEY_ID: 'local',
    AWS_SECRET_ACCESS_KEY: 'local',
    AWS_ENDPOINT_URL_SECRETS_MANAGER: storeUrl,
    AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED: 'true',
  }
}

/** Starts the built app (`node dist/main.js`) without waiting for it to listen. */
export function launchApp(storeUrl: string, secrets: string[]): Running {
  if (!existsSync(join(appDir, 'dist', 'main.js')))
    throw new Error('examples/nest-api is not built: run `pnpm build` (or `pnpm --filter @hush/example-nest-api build`) first')
  return run(['dist/main.js'], { env: appEnv(storeUrl), secrets })
}

/** Starts the built app and waits until it listens. */
export async function startApp(storeUrl: string, secrets: string[]) {
  const app = launchApp(storeUrl, secrets)
  const [, url, pid] = await app.waitFor(/nest-api listening on (http:\/\/\S+) \(pid (\d+)\)/)
  return { ...app, url: url!, pid: Number(pid) }
}

/** A GET over HTTP, with the JSON body it answered. */
export async function getJson(url: string): Promise<{ status: number; body: any }> {
  const response = await fetch(url)
  return { status: response.status, body: await response.json() }
}

/** Operator credentials for the local store, as `aws secretsmanager ...` would use. */
export const secretsManager = (storeUrl: string) =>
  new SecretsManagerClient({ region: 'us-east-1', endpoint: storeUrl, credentials: { accessKeyId: 'ops', secretAccessKey: 'ops' } })

/** Polls `check` until it returns something other than undefined (a background refresh has landed). */
export async function eventually<T>(what: string, check: () => Promise<T | undefined>, ms = 30_000): Promise<T> {
  const end = Date.now() + ms
  for (;;) {
    const result = await check()
    if (result !== undefined) return result
    if (Date.now() > end) throw new Error(`${what}: not seen in ${ms} ms`)
    await new Promise((r) => setTimeout(r, 100))
  }
}
