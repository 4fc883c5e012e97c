import { spawnSync } from 'node:child_process'
import { Readable } from 'node:stream'
import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { createRedactStream, Redactor } from '../src/index.js'
import { variantsOf } from '../src/redact/variants.js'
import { cutBytes } from './helpers.js'

const secretArb = fc.string({ minLength: 10, maxLength: 40, unit: 'grapheme' }).filter((s) => new Set(s).size >= 6)

async function throughStream(redactor: Redactor, chunks: Array<string | Buffer>): Promise<string> {
  let out = ''
  for await (const piece of Readable.from(chunks, { objectMode: false }).pipe(createRedactStream(redactor))) out += piece
  return out
}

describe('Redactor', () => {
  it('masks a value and its base64, base64url, URL, JSON and hex forms', () => {
    const value = 'p@ss>?w"rd/+é~Zq9'
    const r = new Redactor()
    expect(r.add('DB', value)).toBe(true)
    for (const v of variantsOf(value)) {
      const text = `before ${v.text} after`
      expect(r.redact(text), v.encoding).toBe('before [redacted:DB] after')
    }
    expect(new Set(variantsOf(value).map((v) => v.encoding))).toEqual(new Set(['raw', 'base64', 'base64url', 'url', 'json', 'hex', 'HEX']))
  })

  it('does not mask short or plain values', () => {
    const r = new Redactor()
    expect(r.add('A', '1')).toBe(false)
    expect(r.add('B', 'true')).toBe(false)
    expect(r.add('C', 'aaaaaaaaaaaa')).toBe(false)
    expect(r.add('D', 'production')).toBe(false)
    expect(r.redact('1 true aaaaaaaaaaaa production')).toBe('1 true aaaaaaaaaaaa production')
  })

  it('masks overlapping and adjacent values whole', () => {
    const r = new Redactor()
    r.add('A', 'abcdef123456')
    r.add('B', '123456ghijkl')
    expect(r.redact('xabcdef123456ghijklx')).toBe('x[redacted:A]x')
    expect(r.redact('abcdef123456abcdef123456')).toBe('[redacted:A][redacted:A]')
  })

  it('masks every registered value wherever it is placed in text (property)', () => {
    fc.assert(
      fc.property(
        fc.array(secretArb, { minLength: 1, maxLength: 8 }),
        fc.array(fc.string({ maxLength: 30 }), { minLength: 1, maxLength: 8 }),
        (values, filler) => {
          const r = new Redactor()
          values.forEach((v, i) => r.add(`S${i}`, v))
          const text = filler.map((f, i) => f + values[i % values.length]).join('')
          const out = r.redact(text)
          for (const v of values) expect(out.includes(v)).toBe(false)
        },
      ),
    )
  })

  it('leaves text without secrets unchanged (property)', () => {
    fc.assert(
      fc.property(fc.string({ maxLength: 200 }), (text) => {
        const r = new Redactor()
        r.add('X', '\u0000never-in-text-\u0001Q')
        expect(r.redact(text)).toBe(text)
      }),
    )
  })

  it('catches a value split across stream chunks at every position, and multi-byte characters', async () => {
    const value = 'tøken-Ωmega-12345'
    const r = new Redactor()
    r.add('TOKEN', value)
    const text = `log line: ${value} and its base64 ${Buffer.from(value).toString('base64')} end`
    const bytes = Buffer.from(text)
    const whole = r.redact(text)
    expect(whole).toMatch(/^log line: \[redacted:TOKEN\] and its base64 \[redacted:TOKEN\]=* end$/)
    for (let cut = 1; cut < bytes.length; cut++) {
      expect(await throughStream(r, [bytes.subarray(0, cut), bytes.subarray(cut)])).toBe(whole)
    }
  })

  it('streams random chunkings the same as redacting the whole text (property)', async () => {
    await fc.assert(
      fc.asyncProperty(
        secretArb,
        fc.string({ maxLength: 60, unit: 'grapheme' }),
        fc.array(fc.integer({ min: 1, max: 20 }), { minLength: 1, maxLength: 10 }),
        async (value, filler, sizes) => {
          const r = new Redactor()
          r.add('S', value)
          // Chunks are cut on bytes, as pipes deliver them, so characters may be split too.
          const text = filler + value + filler + value
          const bytes = Buffer.from(text)
          const chunks = cutBytes(bytes, sizes)
          expect(
            await throughStream(
              r,
              chunks.filter((c) => c.length),
            ),
          ).toBe(r.redact(text))
        },
      ),
      { numRuns: 200 },
    )
  })

  it('installLogGuard masks console.* and stdout/stderr writes until removed', () => {
    // A real Node process: test runners replace console, so the guard is checked where it runs.
    const script = `
      import { Redactor, installLogGuard } from ${JSON.stringify(new URL('../dist/index.mjs', import.meta.url).href)}
      const r = new Redactor()
      r.add('API_KEY', 'sk_live_abcdef123456')
      const remove = installLogGuard(r)
      console.log('key=%s', 'sk_live_abcdef123456')
      console.error({ nested: { key: 'sk_live_abcdef123456' } })
      process.stdout.write(Buffer.from('raw sk_live_abcdef123456\\n'))
      remove()
      console.log('after sk_live_abcdef123456')
    `
    const run = spawnSync(process.execPath, ['--input-type=module', '-e', script], { encoding: 'utf8' })
    expect(run.status).toBe(0)
    expect(run.stdout).toBe('key=[redacted:API_KEY]\nraw [redacted:API_KEY]\nafter sk_live_abcdef123456\n')
    expect(run.stderr).toContain("key: '[redacted:API_KEY]'")
    expect(run.stderr).not.toContain('sk_live_abcdef123456')
  })

  it('hush.guardLogs() masks its values and emits a leak-blocked event without the value', () => {
    const script = `
      import { createHush, jsonLinesSink } from ${JSON.stringify(new URL('../dist/index.mjs', import.meta.url).href)}
      const hush = createHush({ env: { K: 'ghp_abcdefghijklmnop1234' }, sources: { GITHUB_TOKEN: 'env://K' } })
      const events = []
      hush.on('leak-blocked', (e) => events.push(e))
      await hush.get('GITHUB_TOKEN')
      const stop = hush.guardLogs()
      console.log('token', await hush.get('GITHUB_TOKEN'))
      stop()
      process.stderr.write(JSON.stringify(events) + '\\n')
    `
    const run = spawnSync(process.execPath, ['--input-type=module', '-e', script], { encoding: 'utf8' })
    expect(run.stdout).toBe('token [redacted:GITHUB_TOKEN]\n')
    const events = JSON.parse(run.stderr)
    expect(events).toHaveLength(1)
    expect(events[0]).toMatchObject({ type: 'leak-blocked', name: 'GITHUB_TOKEN', where: 'stdout', encoding: 'raw', actor: { pid: expect.any(Number) } })
    expect(run.stderr).not.toContain('ghp_abcdefghijklmnop1234')
  })
})
