import { randomBytes } from 'node:crypto'
import { mkdtempSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { inspect } from 'node:util'
import { expectNoValue } from '@hush/test-kit'
import { afterEach, describe, expect, it, vi } from 'vitest'
import { validateConfig } from '../src/config/index.js'
import { createHush, type Hush, HushError, type HushEvent, jsonLinesSink, loadConfig, type Provider, type StandardSchemaV1 } from '../src/index.js'
import { MemoryStore } from './helpers.js'

const random = () => `v${randomBytes(12).toString('base64url')}`

/** A validator that quotes the value it rejects, as some do. */
const quotingSchema: StandardSchemaV1 = {
  '~standard': { version: 1, vendor: 'test', validate: (value) => ({ issues: [{ message: `bad value ${String(value)}` }] }) },
}

describe('no value in any error, stack, event or log line', () => {
  afterEach(() => {
    vi.useRealTimers()
  })

  it('on every error path', async () => {
    // Values live 1 ms: fake time makes them expire, and refreshes fail, when the test says so.
    vi.useFakeTimers()
    const values = Array.from({ length: 8 }, random)
    const [plain, jsonless, forSchema, deleted, outage, pasted, hostile, viaFile] = values as [string, string, string, string, string, string, string, string]
    const dir = mkdtempSync(join(tmpdir(), 'hush-leak-'))
    writeFileSync(join(dir, 'not-json'), viaFile)

    const store = new MemoryStore()
    store.set('deleted', deleted)
    store.set('outage', outage)
    store.set('schema', forSchema)
    const hostileProvider: Provider = {
      scheme: 'hostile',
      resolve: () => Promise.reject(new Error(`connection failed while sending ${hostile}`)),
    }

    const lines: string[] = []
    const events: HushEvent[] = []
    const errors: unknown[] = []
    const capture = async (p: Promise<unknown> | (() => unknown)) => {
      try {
        await (typeof p === 'function' ? p() : p)
      } catch (e) {
        errors.push(e)
      }
    }

    // Typed as a plain Hush: the test also reads a name the config does not declare.
    const hush: Hush = createHush({
      config: {
        environments: { development: { allow: ['env', 'file', 'mem', 'hostile', 'vault'] } },
        secrets: {
          PLAIN: { from: 'env://PLAIN' },
          NOT_JSON: { from: 'env://JSONLESS#key' },
          MISSING_KEY: { from: 'env://PLAIN#password' },
          FILE_KEY: { from: `file://${join(dir, 'not-json')}#key` },
          VALIDATED: { from: 'mem://schema', schema: quotingSchema },
          DELETED: { from: 'mem://deleted' },
          OUTAGE: { from: 'mem://outage' },
          HOSTILE: { from: 'hostile://x' },
          ISOLATED: { from: 'aws-sm://prod/db' },
          BAD_REF: { from: 'env://has space' },
          NO_PROVIDER: { from: 'vault://kv/app' },
        },
      },
      env: { PLAIN: plain, JSONLESS: jsonless },
      providers: [store.provider(), hostileProvider, new MemoryStore().provider('aws-sm')],
      ttl: 1,
      staleIfError: 1,
      retry: { retries: 0 },
    })
    hush.on('*', (e) => events.push(e))
    hush.on('*', jsonLinesSink({ write: (line: string) => lines.push(line) }))

    expect(await hush.get('PLAIN')).toBe(plain)
    expect(await hush.get('DELETED')).toBe(deleted)
    expect(await hush.get('OUTAGE')).toBe(outage)
    for (const name of ['NOT_JSON', 'MISSING_KEY', 'FILE_KEY', 'VALIDATED', 'HOSTILE', 'ISOLATED', 'BAD_REF', 'NO_PROVIDER', 'UNDECLARED'])
      await capture(hush.get(name))
    store.values.delete('deleted')
    await capture(hush.refresh('DELETED'))
    await capture(hush.get('DELETED'))
    store.down = true
    await vi.advanceTimersByTimeAsync(20)
    await capture(hush.get('OUTAGE'))
    await capture(hush.load())
    await capture(() => validateConfig({ secrets: { A: { from: pasted } } }))
    const cfgDir = mkdtempSync(join(tmpdir(), 'hush-leak-cfg-'))
    writeFileSync(join(cfgDir, 'hush.config.json'), JSON.stringify({ secrets: { A: { from: { development: pasted } } } }))
    await capture(loadConfig({ cwd: cfgDir }))
    await hush.close()
    await capture(hush.get('PLAIN'))

    const codes = new Set(errors.map((e) => (e as HushError).code))
    expect(errors.every((e) => e instanceof HushError)).toBe(true)
    expect([...codes].sort()).toEqual(
      [
        'HUSH_BAD_CONFIG',
        'HUSH_BAD_REFERENCE',
        'HUSH_CLOSED',
        'HUSH_ENV_ISOLATION',
        'HUSH_INVALID_VALUE',
        'HUSH_NOT_FOUND',
        'HUSH_NO_PROVIDER',
        'HUSH_STORE_UNAVAILABLE',
        'HUSH_UNKNOWN_SECRET',
      ].sort(),
    )
    expect(events.some((e) => e.type === 'error')).toBe(true)
    expect(lines.length).toBe(events.length)

    const texts = [
      ...errors.flatMap((e) => [(e as Error).message, (e as Error).stack ?? '', JSON.stringify(e), inspect((e as Error).cause ?? '')]),
      ...events.map((e) => JSON.stringify(e)),
      ...lines,
    ]
    for (const value of values) {
      for (const [n, text] of texts.entries()) expectNoValue(text, value, { in: `text #${n + 1} a user could see` })
    }
  })
})
