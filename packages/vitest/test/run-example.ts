import { spawn } from 'node:child_process'
import { randomBytes } from 'node:crypto'
import { mkdtempSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join, resolve } from 'node:path'

export const exampleDir = resolve(import.meta.dirname, '../../../examples/vitest-app')
const vitestBin = join(exampleDir, 'node_modules/vitest/vitest.mjs')

export interface Values {
  apiKey: string
  dbPassword: string
  seed: string
}

/** A seed of the example's secrets with random values, so that a leak cannot hide behind a demo value. */
export function randomSeed(options: { withDatabase?: boolean } = {}): Values {
  const apiKey = `pk_test_${randomBytes(18).toString('base64url')}`
  const dbPassword = randomBytes(18).toString('base64url')
  const seed = join(mkdtempSync(join(tmpdir(), 'hush-vitest-')), 'secrets.json')
  const secrets = [
    { name: 'test/vitest-app/partner-key', value: apiKey },
    ...(options.withDatabase === false ? [] : [{ name: 'test/vitest-app/db', value: { username: 'app', password: dbPassword } }]),
  ]
  writeFileSync(seed, JSON.stringify({ secrets }))
  return { apiKey, dbPassword, seed }
}

/** Runs the example's vitest CLI as a user would; resolves with its exit code and all it printed. */
export function runVitest(args: string[], env: Record<string, string> = {}): Promise<{ code: number | null; output: string }> {
  return new Promise((done, fail) => {
    const child = spawn(process.execPath, [vitestBin, 'run', ...args], {
      cwd: exampleDir,
      env: { ...process.env, AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED: 'true', NO_COLOR: '1', FORCE_COLOR: '0', ...env },
    })
    let output = ''
    child.stdout.on('data', (d: Buffer) => (output += d.toString('utf8')))
    child.stderr.on('data', (d: Buffer) => (output += d.toString('utf8')))
    child.on('error', fail)
    child.on('close', (code) => done({ code, output }))
  })
}
