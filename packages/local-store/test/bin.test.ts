import { spawn } from 'node:child_process'
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs'
import { createRequire } from 'node:module'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { pathToFileURL } from 'node:url'
import { describe, expect, it } from 'vitest'
import { runBin, startBin } from './helpers.js'

const pkg = JSON.parse(readFileSync(new URL('../package.json', import.meta.url), 'utf8')) as { version: string }
const oneLine = (text: string) => text.trim().split('\n').length === 1 && !/\n\s+at /.test(text)

describe('the hush-local-store bin on first contact', () => {
  it('prints its version with --version', async () => {
    const out = await runBin(['--version'])
    expect(out.code).toBe(0)
    expect(out.stdout.trim()).toBe(pkg.version)
  })

  it('says in one line that a seed file is missing and what to do, with exit code 1', async () => {
    const missing = join(tmpdir(), 'no-such-dir-hush', 'seed.yaml')
    const out = await runBin(['--port', '0', '--seed', missing])
    expect(out.code).toBe(1)
    expect(oneLine(out.stderr)).toBe(true)
    expect(out.stderr).toBe(`hush-local-store: seed file ${missing} does not exist: check the path, or leave out --seed to start with no secrets.\n`)
  })

  it('says in one line that the port is in use and how to pick another, with exit code 1', async () => {
    const first = await startBin([])
    try {
      const { port } = new URL(first.url)
      const out = await runBin(['--port', port])
      expect(out.code).toBe(1)
      expect(oneLine(out.stderr)).toBe(true)
      expect(out.stderr).toMatch(new RegExp(`^hush-local-store: port ${port} is in use on 127\\.0\\.0\\.1: stop the other process or pass --port 0`))
      expect(out.stderr).not.toContain('EADDRINUSE')
    } finally {
      first.child.kill('SIGKILL')
    }
  })

  it('works as the README quick start says, on a machine without AWS credentials', async () => {
    const readme = readFileSync(new URL('../README.md', import.meta.url), 'utf8')
    const command = /^(AWS_ENDPOINT_URL_SECRETS_MANAGER=[^\n]*(?:\\\n[^\n]*)*)node app\.js$/m.exec(readme)?.[1]
    expect(command).toBeDefined()
    const env = Object.fromEntries([...command!.matchAll(/(\w+)=(\S+)/g)].map((m) => [m[1]!, m[2]!]))

    const dir = mkdtempSync(join(tmpdir(), 'hush-ls-quick-'))
    // The README's own seed, as a user copies it: its secrets must load and be readable with
    // the quick start's credentials.
    const seed = /## Seed \(JSON or YAML\)\n\n```yaml\n([\s\S]*?)```/.exec(readme)?.[1]
    expect(seed).toBeDefined()
    writeFileSync(join(dir, 'local-store.seed.yaml'), seed!)
    const value = JSON.stringify({ username: 'app', password: 'change-me' })
    const sdk = pathToFileURL(createRequire(import.meta.url).resolve('@aws-sdk/client-secrets-manager')).href
    writeFileSync(
      join(dir, 'app.mjs'),
      `import { SecretsManagerClient, GetSecretValueCommand } from '${sdk}'\n` +
        `const got = await new SecretsManagerClient({}).send(new GetSecretValueCommand({ SecretId: 'prod/db' }))\n` +
        `console.log(got.SecretString === ${JSON.stringify(value)} ? 'read prod/db' : 'wrong value')\n`,
    )
    const server = await startBin(['--seed', join(dir, 'local-store.seed.yaml')])
    try {
      // No AWS_* variables and an empty home: no ~/.aws either, as on a fresh laptop.
      const app = spawn(process.execPath, [join(dir, 'app.mjs')], {
        env: {
          PATH: process.env.PATH,
          HOME: dir,
          AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED: 'true',
          ...env,
          AWS_ENDPOINT_URL_SECRETS_MANAGER: server.url,
        },
        stdio: ['ignore', 'pipe', 'pipe'],
      })
      let out = ''
      let err = ''
      app.stdout.on('data', (d: Buffer) => (out += d.toString()))
      app.stderr.on('data', (d: Buffer) => (err += d.toString()))
      const code = await new Promise((r) => app.once('close', r))
      expect(err.split('\n')[0]).toBe('')
      expect(code).toBe(0)
      expect(out.trim()).toBe('read prod/db')
    } finally {
      server.child.kill('SIGKILL')
    }
  })
})
