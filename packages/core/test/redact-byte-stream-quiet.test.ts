import { randomBytes } from 'node:crypto'
import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { ByteMasker } from '../src/redact/byte-stream.js'
import { Redactor } from '../src/redact/redactor.js'
import { cutBytes } from './helpers.js'

/** Feeds `chunks` to a masker, going quiet (`idle()`) after the chunks `quietAfter` picks; returns what it emitted, as latin1. */
function feed(masker: ByteMasker, chunks: Buffer[], quietAfter: (i: number) => boolean): string {
  const out: Buffer[] = []
  chunks.forEach((chunk, i) => {
    out.push(...masker.write(chunk))
    if (quietAfter(i)) out.push(...masker.idle())
  })
  out.push(...masker.end())
  return Buffer.concat(out).toString('latin1')
}

const emitted = (parts: Buffer[]) => Buffer.concat(parts).toString('utf8')

describe('ByteMasker when its input goes quiet', () => {
  it('shows a prompt whose last bytes could start a value, and masks the value if it follows', () => {
    const value = `nam${randomBytes(12).toString('hex')}`
    const r = new Redactor()
    r.add('V', value)
    const m = new ByteMasker(r)
    // `nam` starts the value: held while more output may come, shown once the command waits.
    expect(emitted(m.write(Buffer.from('Choose a nam')))).toBe('Choose a ')
    expect(emitted(m.idle())).toBe('nam')
    expect(emitted(m.write(Buffer.from(`${value.slice(3)} ok\n`)))).toBe('[redacted:V] ok\n')
    expect(emitted(m.end())).toBe('')
  })

  it('never shows more than 3 bytes of a value, however it is written (a long shared prefix stays held)', () => {
    const values = [`sk_live_${randomBytes(12).toString('hex')}`, `sk_live_${randomBytes(12).toString('hex')}`]
    const r = new Redactor()
    values.forEach((v, i) => r.add(`K${i}`, v))
    const m = new ByteMasker(r)
    expect(emitted(m.write(Buffer.from('key: sk_live_')))).toBe('key: ')
    expect(emitted(m.idle())).toBe('')
    expect(emitted(m.end())).toBe('sk_live_')
    // A value written one byte at a time, quiet after each: its first 3 bytes show, then the mask.
    const input = Buffer.from(`${values[1]}\n`)
    const typed = feed(new ByteMasker(r), cutBytes(input, Array(input.length).fill(1)), () => true)
    // Compared as a boolean: a failure must not print the value.
    expect(typed === 'sk_[redacted:K1]\n').toBe(true)
  })

  it('masks every form with quiet moments at random points as the whole output does, showing at most 3 bytes of a value (property)', () => {
    const short = fc.stringMatching(/^[a-z0-9]{6,9}$/).filter((s) => new Set(s).size >= 6)
    const glue = fc.constantFrom('', ' ', 'x', '7', 'é', '"', '\n')
    fc.assert(
      fc.property(
        short,
        fc.array(fc.tuple(fc.uint8Array({ maxLength: 12 }), glue, fc.nat(), glue), { minLength: 1, maxLength: 8 }),
        fc.array(fc.integer({ min: 1, max: 24 }), { minLength: 1, maxLength: 12 }),
        fc.array(fc.boolean(), { minLength: 1, maxLength: 40 }),
        (s, parts, sizes, quiet) => {
          const v = `${randomBytes(12).toString('base64url')}/+"é`
          const r = new Redactor()
          r.add('V', v)
          r.add('S', s)
          const forms = [
            v,
            s,
            v.toUpperCase(),
            Buffer.from(`u:${v}`).toString('base64'),
            JSON.stringify(v),
            encodeURIComponent(v),
            Buffer.from(v).toString('hex'),
          ]
          const input = Buffer.concat(parts.flatMap(([noise, g1, pick, g2]) => [Buffer.from(noise), Buffer.from(g1 + forms[pick % forms.length] + g2)]))
          const whole = Buffer.from(r.redactBytes(input)).toString('latin1')
          const out = feed(
            new ByteMasker(r),
            cutBytes(input, sizes).filter((c) => c.length),
            (i) => quiet[i % quiet.length]!,
          )
          // Masks in the same places as in the whole output, the rest byte for byte the same,
          // except at most 3 more bytes before a mask: the start of the value, shown while the
          // input was quiet. So no more of a value ever shows.
          const masks = /\[redacted:[VS]\]/g
          const outParts = out.split(masks)
          const wholeParts = whole.split(masks)
          expect(out.match(masks) ?? []).toEqual(whole.match(masks) ?? [])
          // Booleans only: a failure must not print output that could hold a value.
          const same = outParts.every((part, i) => {
            const extra = i < outParts.length - 1 ? part.length - wholeParts[i]!.length : 0
            return extra >= 0 && extra <= 3 && part.slice(0, part.length - extra) === wholeParts[i]
          })
          expect(same).toBe(true)
        },
      ),
      { numRuns: 400 },
    )
  })
})
