import { randomBytes } from 'node:crypto'
import { PassThrough, Readable } from 'node:stream'
import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { createRedactByteStream } from '../src/redact/byte-stream.js'
import { Redactor } from '../src/redact/redactor.js'
import { cutBytes } from './helpers.js'

async function throughStream(redactor: Redactor, chunks: Buffer[], idleFlush = 0): Promise<Buffer> {
  const out: Buffer[] = []
  for await (const piece of Readable.from(chunks, { objectMode: false }).pipe(createRedactByteStream(redactor, { idleFlush }))) out.push(piece as Buffer)
  return Buffer.concat(out)
}

/** Reads what the stream has emitted so far, waiting `ms` for it. */
function collect(stream: NodeJS.ReadableStream): { text: () => string } {
  const out: Buffer[] = []
  stream.on('data', (b: Buffer) => out.push(b))
  return { text: () => Buffer.concat(out).toString('utf8') }
}
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms))

describe('createRedactByteStream', () => {
  it('passes bytes that are not UTF-8 through unchanged, byte for byte, around a masked value', async () => {
    const value = randomBytes(18).toString('base64url')
    const r = new Redactor()
    r.add('TOKEN', value)
    const noise = Buffer.from([0xff, 0xfe, 0x00, 0xc3, 0x28, 0xe2, 0x82, 0x80, 0xf0, 0x9f])
    const input = Buffer.concat([noise, Buffer.from(` ${value} `), noise, randomBytes(4096)])
    const out = await throughStream(r, cutBytes(input, [3, 7, 20, 100]))
    expect(out.includes(Buffer.from(value))).toBe(false)
    expect(out.equals(Buffer.concat([noise, Buffer.from(' [redacted:TOKEN] '), noise, input.subarray(noise.length * 2 + value.length + 2)]))).toBe(true)
  })

  it('gives binary output with no value back identical, whatever the chunking (property)', async () => {
    const r = new Redactor()
    r.add('TOKEN', randomBytes(24).toString('hex'))
    await fc.assert(
      fc.asyncProperty(fc.uint8Array({ maxLength: 600 }), fc.array(fc.integer({ min: 1, max: 64 }), { maxLength: 12 }), async (bytes, sizes) => {
        const input = Buffer.from(bytes)
        expect(
          (
            await throughStream(
              r,
              cutBytes(input, sizes).filter((c) => c.length),
            )
          ).equals(input),
        ).toBe(true)
      }),
      { numRuns: 200 },
    )
  })

  it('masks every form split at random points the same as the whole output (property)', async () => {
    const value = fc.string({ minLength: 10, maxLength: 30, unit: 'grapheme' }).filter((s) => new Set(s).size >= 6)
    const short = fc.stringMatching(/^[a-z0-9]{6,9}$/).filter((s) => new Set(s).size >= 6)
    const glue = fc.constantFrom('', ' ', 'x', '7', 'é', '𝒳', '"', '\u0301')
    await fc.assert(
      fc.asyncProperty(
        value,
        short,
        fc.array(fc.tuple(fc.uint8Array({ maxLength: 12 }), glue, fc.nat(), glue), { minLength: 1, maxLength: 6 }),
        fc.array(fc.integer({ min: 1, max: 24 }), { minLength: 1, maxLength: 12 }),
        async (v, s, parts, sizes) => {
          const r = new Redactor()
          r.add('V', v)
          r.add('S', s)
          const forms = [v, s, v.toUpperCase(), Buffer.from(`u:${v}`).toString('base64'), JSON.stringify(v), encodeURIComponent(v)]
          const input = Buffer.concat(parts.flatMap(([noise, g1, pick, g2]) => [Buffer.from(noise), Buffer.from(g1 + forms[pick % forms.length] + g2)]))
          const whole = Buffer.from(r.redactBytes(input))
          expect(
            (
              await throughStream(
                r,
                cutBytes(input, sizes).filter((c) => c.length),
              )
            ).equals(whole),
          ).toBe(true)
        },
      ),
      { numRuns: 300 },
    )
  })

  it('masks the same in large chunks, where values sit at the seams between what was held back and the next chunk (property)', async () => {
    const short = fc.stringMatching(/^[a-z0-9]{6,9}$/).filter((s) => new Set(s).size >= 6)
    const glue = fc.constantFrom('', ' ', 'x', '7', 'é', '"')
    await fc.assert(
      fc.asyncProperty(
        short,
        fc.array(fc.tuple(fc.uint8Array({ maxLength: 300 }), glue, fc.nat(), glue), { minLength: 1, maxLength: 12 }),
        fc.array(fc.integer({ min: 1, max: 700 }), { minLength: 1, maxLength: 8 }),
        async (s, parts, sizes) => {
          const v = randomBytes(20).toString('base64url')
          const r = new Redactor()
          r.add('V', v)
          r.add('S', s)
          const forms = [v, s, Buffer.from(v).toString('base64'), encodeURIComponent(`/${v}`), Buffer.from(v).toString('hex')]
          const input = Buffer.concat(parts.flatMap(([noise, g1, pick, g2]) => [Buffer.from(noise), Buffer.from(g1 + forms[pick % forms.length] + g2)]))
          const whole = Buffer.from(r.redactBytes(input))
          expect(
            (
              await throughStream(
                r,
                cutBytes(input, sizes).filter((c) => c.length),
              )
            ).equals(whole),
          ).toBe(true)
        },
      ),
      { numRuns: 400 },
    )
  })

  it('judges a short value glued to the end of the previous chunk as in the whole output, at every cut near it', async () => {
    const short = '482913'
    const r = new Redactor()
    r.add('PIN', short)
    const noise = Buffer.alloc(700, 0x2e)
    for (const glue of ['x', '7', 'é', ' ']) {
      const input = Buffer.concat([noise, Buffer.from(`${glue}${short} `), noise])
      const whole = Buffer.from(r.redactBytes(input))
      expect(whole.includes('[redacted:PIN]')).toBe(glue === ' ')
      for (let cut = 690; cut < 720; cut++) {
        expect((await throughStream(r, [input.subarray(0, cut), input.subarray(cut)])).equals(whole), `${glue} cut at ${cut}`).toBe(true)
      }
    }
  })

  it('holds nothing back of a chunk that cannot end in the start of a value: a line is out as soon as it is written', async () => {
    const value = `sk-${randomBytes(16).toString('hex')}`
    const r = new Redactor()
    r.add('TOKEN', value)
    const input = new PassThrough()
    const seen = collect(input.pipe(createRedactByteStream(r, { idleFlush: 0 })))
    input.write(`connecting with ${value} to db\n`)
    await sleep(20)
    expect(seen.text()).toBe('connecting with [redacted:TOKEN] to db\n')
    // The start of the value is held, the rest of the line is not.
    input.write(`next ${value.slice(0, 10)}`)
    await sleep(20)
    expect(seen.text()).toBe('connecting with [redacted:TOKEN] to db\nnext ')
    input.end()
  })

  it('shows a prompt that ends without a newline once its writer goes quiet, and keeps back the start of a value', async () => {
    const value = `sk-${randomBytes(16).toString('hex')}`
    const r = new Redactor()
    r.add('TOKEN', value)
    const input = new PassThrough()
    const seen = collect(input.pipe(createRedactByteStream(r, { idleFlush: 20 })))
    input.write('Password: ')
    await sleep(120)
    expect(seen.text()).toBe('Password: ')
    // Half a value, then quiet: the half is held, not shown, until the rest decides it.
    input.write(`token ${value.slice(0, 12)}`)
    await sleep(120)
    expect(seen.text()).toBe('Password: token ')
    input.end(`${value.slice(12)} done`)
    await sleep(20)
    expect(seen.text()).toBe('Password: token [redacted:TOKEN] done')
  })
})
