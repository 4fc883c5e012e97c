import { symlinkSync } from 'node:fs'
import { join } from 'node:path'
import { type LocalStore, startLocalStore } from '@hush/local-store'
import { expectNoValue } from '@hush/test-kit'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { gitRepo, hush } from './helpers.js'

// Values detection alone would not flag: a short lower-case word and digits, under names that say nothing.
const VALUE = `blue-harbor-${Math.random().toString(36).slice(2, 10)}-lantern`
const OTHER = `quiet meadow/${Math.random().toString(36).slice(2, 10)}+river`
let store: LocalStore

beforeAll(async () => {
  store = await startLocalStore({ seed: { secrets: [{ name: 'dev/app', value: { webhook: VALUE, other: OTHER } }] } })
})
afterAll(() => store.close())

/** A project whose hush.config reads from the local store through @hush/aws (installed, as a user would have it). */
function project(files: Record<string, string>): string {
  const dir = gitRepo({
    'hush.config.json': JSON.stringify({
      secrets: { PAYMENTS_WEBHOOK: { from: 'aws-sm://dev/app#webhook' }, NOTIFY_HOOK: { from: 'aws-sm://dev/app#other' } },
    }),
    ...files,
  })
  symlinkSync(join(import.meta.dirname, '..', 'node_modules'), join(dir, 'node_modules'), 'dir')
  return dir
}

const awsEnv = () => ({
  AWS_ENDPOINT_URL_SECRETS_MANAGER: store.url,
  AWS_REGION: 'us-east-1',
  AWS_ACCESS_KEY_ID: 'local',
  AWS_SECRET_ACCESS_KEY: 'local',
  HUSH_ENV: 'development',
})

describe('hush scan --known-values', () => {
  it("finds the stores' current values, plain and base64- or URL-encoded, that detection alone misses", async () => {
    const dir = project({
      'notes.md': `the hook is ${VALUE}\n`,
      'k8s/secret.yml': `data:\n  hook: ${Buffer.from(VALUE).toString('base64')}\n`,
      'callback.txt': `https://example.com/cb?x=${encodeURIComponent(OTHER)}\n`,
      'clean.md': 'nothing here\n',
    })
    const plain = await hush(['scan', '--format', 'json'], dir, awsEnv())
    expect(JSON.parse(plain.stdout)).toEqual({ findings: [], skipped: [] })
    const run = await hush(['scan', '--known-values', '--format', 'json'], dir, awsEnv())
    expectNoValue(run.stdout + run.stderr, [VALUE, OTHER, Buffer.from(VALUE).toString('base64'), encodeURIComponent(OTHER)], { in: 'the output', piece: 5 })
    expect(run.stderr).toBe('')
    expect(run.code).toBe(1)
    const found = JSON.parse(run.stdout).findings.map((f: any) => [f.file, f.line, f.rule, f.label])
    expect(found).toEqual([
      ['callback.txt', 1, 'hush/known-value', 'the value of NOTIFY_HOOK (url)'],
      ['k8s/secret.yml', 2, 'hush/known-value', 'the value of PAYMENTS_WEBHOOK (base64)'],
      ['notes.md', 1, 'hush/known-value', 'the value of PAYMENTS_WEBHOOK'],
    ])
  })

  it('goes on with detection only when the stores do not answer, saying so on stderr, exit code unaffected', async () => {
    const dir = project({ 'notes.md': `the hook is ${VALUE}\n` })
    const run = await hush(['scan', '--known-values'], dir, { ...awsEnv(), AWS_ENDPOINT_URL_SECRETS_MANAGER: 'http://127.0.0.1:9', AWS_MAX_ATTEMPTS: '1' })
    expectNoValue(run.stdout + run.stderr, [VALUE, OTHER], { in: 'the output', piece: 5 })
    expect(run.stderr).toMatch(
      /^hush: --known-values skipped, scanning with detection only: \[HUSH_STORE_UNAVAILABLE\] [\s\S]*could not be reached[\s\S]*\nhush: no secrets in 2 files\n$/,
    )
    expect(run.code).toBe(0)
  })

  it('says there is no config to read values from, and scans anyway', async () => {
    const run = await hush(['scan', '--known-values'], gitRepo({ 'a.md': 'hello\n' }))
    expect(run.stderr).toMatch(/^hush: --known-values skipped, scanning with detection only: no hush.config found here or above.\n/)
    expect(run.code).toBe(0)
  })
})
