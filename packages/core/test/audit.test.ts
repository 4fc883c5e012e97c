import { execFileSync } from 'node:child_process'
import { randomBytes } from 'node:crypto'
import { chmodSync, existsSync, mkdtempSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { expectNoValue } from '@hush/test-kit'
import { describe, expect, it } from 'vitest'
import { validateConfig } from '../src/config/validate.js'
import { createHush } from '../src/hush.js'
import type { HushConfig } from '../src/config/types.js'

const value = () => `v-${randomBytes(18).toString('base64url')}`
const lines = (file: string) =>
  readFileSync(file, 'utf8')
    .split('\n')
    .filter(Boolean)
    .map((l) => JSON.parse(l) as Record<string, unknown>)

/** A project folder with a config file, so the log path is relative to it. */
function project(audit: HushConfig['audit'], secrets: HushConfig['secrets']) {
  const dir = mkdtempSync(join(tmpdir(), 'hush-audit-'))
  const config: HushConfig = { secrets, ...(audit ? { audit } : {}) }
  const configFile = join(dir, 'hush.config.json')
  writeFileSync(configFile, JSON.stringify(config))
  return { dir, config, configFile }
}

describe('audit log', () => {
  it('writes one line per name read, with the count, reference, purpose and who, mode 0600, and never the value', async () => {
    const values = { DB: value(), API: value() }
    const { dir, config, configFile } = project(
      { file: 'logs/audit.jsonl' },
      { DB_PASSWORD: { from: 'env://DB', purpose: 'orders database' }, API_KEY: { from: 'env://API' } },
    )
    const hush = createHush({ config, configFile, env: values })
    for (let i = 0; i < 1000; i++) await hush.get('DB_PASSWORD')
    await hush.get('API_KEY')
    await hush.close()
    const file = join(dir, 'logs', 'audit.jsonl')
    expectNoValue(readFileSync(file), Object.values(values), { in: 'the audit log' })
    expect(statSync(file).mode & 0o777).toBe(0o600)
    const reads = lines(file).filter((l) => l.type === 'access')
    const db = reads.find((l) => l.name === 'DB_PASSWORD')!
    expect(db).toMatchObject({ count: 1000, cached: 999, reference: 'env://DB', purpose: 'orders database', environment: 'development' })
    expect(db.actor).toMatchObject({ pid: process.pid })
    expect(Date.parse(db.since as string)).toBeLessThanOrEqual(Date.parse(db.time as string))
    expect(reads.find((l) => l.name === 'API_KEY')).toMatchObject({ count: 1, cached: 0 })
  })

  it('records rotations and errors as they happen, and leaves out a value passed where a name belongs', async () => {
    const secret = value()
    const { dir, config, configFile } = project({ file: 'audit.jsonl' }, { TOKEN: { from: 'env://MISSING_TOKEN' } })
    const hush = createHush({ config, configFile, env: {} })
    await expect(hush.get('TOKEN')).rejects.toThrow(/TOKEN/)
    await expect(hush.get(secret)).rejects.toThrow()
    await hush.close()
    const text = readFileSync(join(dir, 'audit.jsonl'), 'utf8')
    expectNoValue(text, secret, { in: 'the audit log' })
    const errors = lines(join(dir, 'audit.jsonl')).filter((l) => l.type === 'error')
    expect(errors.some((l) => l.name === 'TOKEN' && l.code === 'HUSH_NOT_FOUND')).toBe(true)
    // The read that failed was a read all the same.
    expect(
      lines(join(dir, 'audit.jsonl'))
        .filter((l) => l.type === 'access')
        .map((l) => l.name),
    ).toEqual(['TOKEN'])
  })

  it('moves the file aside at maxSize and keeps only `keep` old files, each line whole', async () => {
    const { dir, config, configFile } = project({ file: 'audit.jsonl', maxSize: 600, keep: 2, events: ['access', 'cache-hit'] }, { A: { from: 'env://A' } })
    const hush = createHush({ config, configFile, env: { A: value() } })
    await hush.get('A')
    for (let i = 0; i < 40; i++) await hush.get('A') // each a cache-hit event line, about 250 bytes
    await hush.close()
    const files = readdirSync(dir)
      .filter((f) => f.startsWith('audit.jsonl'))
      .sort()
    expect(files).toEqual(['audit.jsonl', 'audit.jsonl.1', 'audit.jsonl.2'])
    for (const f of files) {
      expect(statSync(join(dir, f)).size).toBeLessThanOrEqual(600)
      expect(() => lines(join(dir, f))).not.toThrow()
    }
  })

  it('narrows an existing log file to mode 0600', async () => {
    const { dir, config, configFile } = project({ file: 'audit.jsonl' }, { A: { from: 'env://A' } })
    writeFileSync(join(dir, 'audit.jsonl'), '')
    chmodSync(join(dir, 'audit.jsonl'), 0o644)
    const hush = createHush({ config, configFile, env: { A: value() } })
    await hush.get('A')
    await hush.close()
    expect(statSync(join(dir, 'audit.jsonl')).mode & 0o777).toBe(0o600)
  })

  it('writes what it holds when the process exits without close()', () => {
    const { dir, config, configFile } = project({ file: 'audit.jsonl' }, { A: { from: 'env://A', purpose: 'exit test' } })
    const entry = join(import.meta.dirname, '..', 'dist', 'index.mjs')
    execFileSync(process.execPath, [
      '--input-type=module',
      '-e',
      `import { createHush } from ${JSON.stringify(entry)}
       const hush = createHush({ config: ${JSON.stringify(config)}, configFile: ${JSON.stringify(configFile)}, env: { A: 'x-${randomBytes(12).toString('hex')}' } })
       await hush.get('A'); await hush.get('A'); process.exit(0)`,
    ])
    expect(existsSync(join(dir, 'audit.jsonl'))).toBe(true)
    expect(lines(join(dir, 'audit.jsonl'))).toEqual([expect.objectContaining({ type: 'access', name: 'A', count: 2, purpose: 'exit test' })])
  })

  it.each([
    [{ events: ['access'] }, /audit\.file is missing/],
    [{ file: 'a.log', events: ['reads'] }, /audit\.events holds a 5-character string.*fix: list some of: access,/],
    [{ file: 'a.log', maxSize: 'lots' }, /audit\.maxSize is a 4-character string, not a size/],
    [{ file: 'a.log', keep: 0 }, /audit\.keep is a number, not a whole number from 1 to 100/],
    [{ file: 'a.log', rotate: true }, /audit.*rotate/],
  ])('rejects a bad audit section with what to write instead: %j', (audit, message) => {
    expect(() => validateConfig({ audit })).toThrow(message)
  })
})
