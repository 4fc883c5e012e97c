import { Readable } from 'node:stream'
import { inspect } from 'node:util'
import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { Redactor } from '../src/redact/redactor.js'
import { createRedactStream } from '../src/redact/stream.js'
import { cutBytes } from './helpers.js'

async function throughStream(redactor: Redactor, chunks: Array<string | Buffer>): Promise<string> {
  let out = ''
  for await (const piece of Readable.from(chunks, { objectMode: false }).pipe(createRedactStream(redactor))) out += piece
  return out
}

describe('createRedactStream with every form', () => {
  it('cuts at every byte give the whole-text result: base64 at each alignment, case copies, escapes, short values at word edges', async () => {
    const value = 'tøken-"Ω\\mega-12345'
    const short = '482913'
    const r = new Redactor()
    r.add('TOKEN', value)
    r.add('PIN', short)
    const text = [
      `Basic ${Buffer.from(`user:${value}`).toString('base64')}`,
      Buffer.from(`k${value}!`).toString('base64url'),
      value.toUpperCase(),
      JSON.stringify({ msg: JSON.stringify({ t: value }) }),
      inspect({ t: value }),
      new URLSearchParams({ t: value }).toString(),
      `pin ${short} id ${short}7 x${short}`,
      `𝒳${short}`,
    ].join('\n')
    const whole = r.redact(text)
    expect(whole.includes(value) || whole.includes(value.toUpperCase())).toBe(false)
    expect(whole).toContain(`pin [redacted:PIN] id ${short}7 x${short}`)
    expect(whole).toContain(`𝒳${short}`)
    const bytes = Buffer.from(text)
    for (let cut = 1; cut < bytes.length; cut++) {
      expect((await throughStream(r, [bytes.subarray(0, cut), bytes.subarray(cut)])) === whole, `cut at ${cut}`).toBe(true)
    }
  })

  it('judges a short value glued to text across chunk boundaries the same as in the whole text', async () => {
    const short = '482913'
    const r = new Redactor()
    r.add('PIN', short)
    // Each piece puts the value after and before a character that may glue to it.
    const text = Array.from({ length: 30 }, (_, i) => `${'xy7 é-'[i % 6]}${short}${' 7x.'[i % 4]}`).join('')
    const whole = r.redact(text)
    expect(whole).toContain(' [redacted:PIN].')
    expect(whole).toContain(`x${short}`)
    const bytes = Buffer.from(text)
    for (let size = 1; size <= 12; size++) {
      const chunks: Buffer[] = []
      for (let pos = 0; pos < bytes.length; pos += size) chunks.push(bytes.subarray(pos, pos + size))
      expect((await throughStream(r, chunks)) === whole, `chunks of ${size}`).toBe(true)
    }
  })

  it('streams random chunkings of any forms, short values and multi-byte text the same as the whole text (property)', async () => {
    const value = fc.string({ minLength: 10, maxLength: 30, unit: 'grapheme' }).filter((s) => new Set(s).size >= 6)
    const short = fc.stringMatching(/^[a-z0-9]{6,9}$/).filter((s) => new Set(s).size >= 6)
    const glue = fc.constantFrom('', ' ', 'x', '7', 'é', '𝒳', '"', '\u0301')
    await fc.assert(
      fc.asyncProperty(
        value,
        short,
        fc.array(fc.tuple(fc.string({ maxLength: 20, unit: 'grapheme' }), glue, fc.nat(), glue), { minLength: 1, maxLength: 6 }),
        fc.array(fc.integer({ min: 1, max: 24 }), { minLength: 1, maxLength: 12 }),
        async (v, s, parts, sizes) => {
          const r = new Redactor()
          r.add('V', v)
          r.add('S', s)
          const forms = [v, s, v.toUpperCase(), Buffer.from(`u:${v}`).toString('base64'), JSON.stringify(v), encodeURIComponent(s)]
          const text = parts.map(([filler, g1, pick, g2]) => filler + g1 + forms[pick % forms.length] + g2).join('')
          const bytes = Buffer.from(text)
          const chunks = cutBytes(bytes, sizes)
          expect(
            (await throughStream(
              r,
              chunks.filter((c) => c.length),
            )) === r.redact(text),
          ).toBe(true)
        },
      ),
      { numRuns: 300 },
    )
  })
})
