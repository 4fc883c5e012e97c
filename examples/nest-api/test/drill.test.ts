import { execFile } from 'node:child_process'
import { readFileSync } from 'node:fs'
import { createRequire } from 'node:module'
import { dirname, join } from 'node:path'
import { expectNoValue } from '@hush/test-kit'
import { describe, expect, it } from 'vitest'
import { appDir, randomSecrets, writeSeed } from './support.js'

const hushBin = (() => {
  const pkg = createRequire(join(appDir, 'package.json')).resolve('@hush/cli/package.json')
  const { bin } = JSON.parse(readFileSync(pkg, 'utf8')) as { bin: Record<string, string> }
  return join(dirname(pkg), bin.hush!)
})()

/** `hush drill KIND` in this example, starting the built app (`node dist/main.js`) against a store seeded with random values. */
function drill(kind: string, seed: string, duration: string): Promise<{ code: number; stdout: string; stderr: string }> {
  const args = [hushBin, 'drill', kind, '--seed', seed, '--duration', duration, '--', process.execPath, 'dist/main.js']
  const env = { PATH: process.env.PATH!, NO_COLOR: '1', AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED: 'true' }
  return new Promise((resolve) => {
    execFile(process.execPath, args, { cwd: appDir, env }, (error, stdout, stderr) => resolve({ code: error ? Number(error.code ?? 1) : 0, stdout, stderr }))
  })
}

describe('examples/nest-api: hush drill', () => {
  it('rotation: zero failed requests, and the time until the app served the new DB password', async () => {
    const secrets = randomSecrets()
    const run = await drill('rotation', writeSeed(secrets), '10s')
    expectNoValue(run.stdout + run.stderr, [secrets.dbPassword, secrets.apiKey], { in: "the drill's output" })
    expect(run.stdout).toMatch(/^ {2}requests: \d+ sent, 0 failed /m)
    // The seed gives prod/nest-api/db a rotation rule: the drill picks it without --secret.
    expect(run.stdout).toMatch(/^ {2}rotation: prod\/nest-api\/db, version [\w-]+ → [\w-]+; the store served it \d+ ms after RotateSecret$/m)
    expect(run.stdout).toMatch(/^ {2}pickup: the app used the new value \d+ ms after the store served it$/m)
    expect(run.stdout).not.toContain('note:')
    expect(run.stdout.endsWith('\nPASS\n')).toBe(true)
    expect(run.code).toBe(0)
  })

  it('outage: the app keeps answering with its last good values while the store is down (stale serving within the window)', async () => {
    const secrets = randomSecrets()
    const run = await drill('outage', writeSeed(secrets), '3s')
    expectNoValue(run.stdout + run.stderr, [secrets.dbPassword, secrets.apiKey], { in: "the drill's output" })
    expect(run.stdout).toMatch(/^ {2}requests: \d+ sent, 0 failed /m)
    const dropped = Number(/store: dropped (\d+) calls? from the app/.exec(run.stdout)?.[1])
    expect(dropped).toBeGreaterThan(0)
    const [, answered, during] = /stale serving: the app answered (\d+) of (\d+) requests while the store could not serve it/.exec(run.stdout) ?? []
    expect(Number(during)).toBeGreaterThan(0)
    expect(answered).toBe(during)
    expect(run.stdout.endsWith('\nPASS\n')).toBe(true)
    expect(run.code).toBe(0)
  })
})
