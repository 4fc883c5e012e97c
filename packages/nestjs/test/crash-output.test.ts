import { spawn } from 'node:child_process'
import { fileURLToPath } from 'node:url'
import { expectNoValue } from '@hush/test-kit'
import { describe, expect, it } from 'vitest'
import { project, secretValue } from './project.js'

const fixture = fileURLToPath(new URL('fixtures/crash-app.mjs', import.meta.url))

// redactLogs promises to "mask every value in what the process prints". An error nobody
// catches (a driver's rejected reconnect, an 'error' event with no listener) ends the process,
// and Node prints it to stderr itself, from native code, past the stream guard: the crash report
// holds the password.
describe('a Nest app with redactLogs that crashes on an error holding a secret', () => {
  it("prints no value in Node's report of the unhandled rejection", { timeout: 30_000 }, async () => {
    const db = secretValue('pw')
    const p = project({ secrets: { db }, env: (p) => `DB_PASSWORD=file://${p.file('db')}\n` })
    const env: Record<string, string | undefined> = { ...process.env, NO_COLOR: '1' }
    delete env.HUSH_ENV
    const child = spawn(process.execPath, [fixture], { cwd: p.dir, env })
    let out = ''
    child.stdout.on('data', (c: Buffer) => (out += c.toString()))
    child.stderr.on('data', (c: Buffer) => (out += c.toString()))
    const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)))

    let url: string | undefined
    const deadline = Date.now() + 20_000
    while (!url) {
      url = /listening on (\S+)/.exec(out)?.[1]
      if (child.exitCode !== null || Date.now() > deadline) break
      await new Promise((r) => setTimeout(r, 50))
    }
    if (url) await fetch(`${url}/reconnect`).catch(() => undefined)
    if (!url) child.kill()
    const code = await exited

    expectNoValue(out, db, { in: 'the output of the crashed app' })
    expect(url).toBeDefined()
    expect(code).not.toBe(0)
    expect(out).toContain('ECONNREFUSED')
  })
})
