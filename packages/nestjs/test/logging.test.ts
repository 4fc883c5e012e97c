import { spawnSync } from 'node:child_process'
import { createHash } from 'node:crypto'
import { fileURLToPath } from 'node:url'
import { expectNoValue } from '@hush/test-kit'
import { describe, expect, it } from 'vitest'
import { project, secretValue } from './project.js'

// The fixtures import '@hush/nestjs' by name (the package's self-reference), so these tests
// run the built dist, as an installed package would be.
const fixture = (ext: string) => fileURLToPath(new URL(`fixtures/logging-app.${ext}`, import.meta.url))

function run(ext: 'cjs' | 'mjs', redact: boolean) {
  const key = secretValue('sk-live')
  const p = project({ secrets: { key }, env: (p) => `API_KEY=file://${p.file('key')}\n` })
  const env: Record<string, string | undefined> = { ...process.env, REDACT: redact ? '1' : '0', NO_COLOR: '1' }
  delete env.HUSH_ENV
  const r = spawnSync(process.execPath, [fixture(ext)], { cwd: p.dir, env, encoding: 'utf8', timeout: 30_000 })
  return { key, code: r.status, out: `${r.stdout}\n${r.stderr}`, fingerprint: createHash('sha256').update(key).digest('hex').slice(0, 16) }
}

describe.each(['cjs', 'mjs'] as const)('an app loaded as %s', (ext) => {
  it('with redactLogs, masks the value in Nest Logger, console, process.stdout/stderr and fs.writeSync output', () => {
    const { key, code, out, fingerprint } = run(ext, true)
    expectNoValue(out, key, { piece: 10, in: 'the app output' })
    expect(code).toBe(0)
    expect(out).toContain(`fingerprint ${fingerprint} same=true`)
    for (const line of [
      '[Greeter] connecting with [redacted:API_KEY]',
      'console.log [redacted:API_KEY]',
      "apiKey: '[redacted:API_KEY]'",
      'stdout.write [redacted:API_KEY]',
      'fs.writeSync [redacted:API_KEY]',
      'fs.writeSync(2) [redacted:API_KEY]',
    ]) {
      expect(out).toContain(line)
    }
  })

  it('without redactLogs, leaves output as the app wrote it (the option is what masks)', () => {
    const { key, code, out } = run(ext, false)
    expect(code).toBe(0)
    expect(out.includes(`console.log ${key}`)).toBe(true)
    expect(out).not.toContain('[redacted:')
  })
})
