import { randomBytes } from 'node:crypto'
import { inspect } from 'node:util'
import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { Redactor, WHOLE_WORD_BELOW } from '../src/redact/redactor.js'
import { caseCopiesOf, maskability, variantsOf } from '../src/redact/variants.js'

// Values at least WHOLE_WORD_BELOW long are masked wherever they are, glued or not.
const longValue = fc.string({ minLength: WHOLE_WORD_BELOW, maxLength: 40, unit: 'grapheme' }).filter((s) => new Set(s).size >= 6)
// Quotes and backslashes, so every escaping differs from the value.
const quotedValue = fc.tuple(longValue, fc.constantFrom('"\\', '\\"', `'"\\\``, '"\\ +~')).map(([v, q]) => v.slice(0, 5) + q + v.slice(5))
const anyValue = fc.oneof(longValue, quotedValue)
const text = fc.string({ maxLength: 40, unit: 'grapheme' })
const bytes = fc.uint8Array({ maxLength: 40 })

const redactorFor = (value: string) => {
  const r = new Redactor()
  expect(r.add('S', value)).toBe(true)
  return r
}

/** The base64 characters that depend on `value` alone when it sits `prefix.length` bytes into the data. */
function base64Core(prefix: Uint8Array, value: string, suffix: Uint8Array, encoding: 'base64' | 'base64url'): string {
  const v = Buffer.from(value)
  const encoded = Buffer.concat([prefix, v, suffix]).toString(encoding)
  return encoded.slice(Math.ceil((8 * prefix.length) / 6), Math.floor((8 * (prefix.length + v.length)) / 6))
}

describe('forms of a value', () => {
  it('masks base64 and base64url of a value at every byte alignment inside any bytes (property)', () => {
    fc.assert(
      fc.property(anyValue, bytes, bytes, fc.constantFrom('base64' as const, 'base64url' as const), (value, prefix, suffix, encoding) => {
        const r = redactorFor(value)
        const encoded = Buffer.concat([prefix, Buffer.from(value), suffix]).toString(encoding)
        const out = r.redact(`auth ${encoded} end`)
        expect(out.includes(base64Core(prefix, value, suffix, encoding)), 'the value-only base64 characters are left').toBe(false)
        expect(out.includes(value)).toBe(false)
      }),
      { numRuns: 300 },
    )
  })

  it("masks the percent-encodings other libraries write: encodeURI, RFC 3986, Python's quote and quote_plus, curl", () => {
    const value = `${randomBytes(9).toString('base64')}/a+b!c'd(e)f*g~h i=é`
    const r = redactorFor(value)
    const strict = encodeURIComponent(value).replace(/[!'()*]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`)
    // What each one writes (checked by hand against Python 3's urllib.parse and curl's --data-urlencode).
    const quotePlus = strict.replaceAll('%20', '+')
    const forms = {
      encodeURI: encodeURI(value),
      strict,
      quote: strict.replaceAll('%2F', '/'),
      quotePlus,
      curl: quotePlus.replace(/%[0-9A-F]{2}/g, (e) => e.toLowerCase()),
    }
    for (const [name, form] of Object.entries(forms)) {
      const out = r.redact(`https://h/x?token=${form}&n=1`)
      expect(out === 'https://h/x?token=[redacted:S]&n=1', name).toBe(true)
    }
  })

  it('masks a multi-line value whose line feeds became CR LF (a terminal, a Windows program)', () => {
    const value = `-----BEGIN PRIVATE KEY-----\n${'MIGHAgEAMBMGByqGSM49'}\n${randomBytes(24).toString('base64')}\n-----END PRIVATE KEY-----\n`
    const r = redactorFor(value)
    for (const shown of [value, value.replaceAll('\n', '\r\n')]) {
      const out = Buffer.from(r.redactBytes(Buffer.from(`key:\r\n${shown}done`))).toString()
      expect(out === 'key:\r\n[redacted:S]done').toBe(true)
    }
  })

  it('covers the three alignments with both endings for both alphabets', () => {
    const value = 'tøken-Ωmega-12345'
    const forms = variantsOf(value).filter((v) => v.encoding === 'base64')
    for (const skip of [0, 1, 2]) {
      for (const after of ['', 'x']) {
        const core = base64Core(Buffer.alloc(skip, 0x41), value, Buffer.from(after), 'base64')
        expect(
          forms.some((f) => core.startsWith(f.text) || f.text.startsWith(core)),
          `alignment ${skip}`,
        ).toBe(true)
      }
    }
  })

  it('masks case copies, JSON, JSON inside JSON, ASCII JSON, util.inspect, URI and form encoding anywhere in text (property)', () => {
    // encodeURIComponent throws on a lone surrogate, so no program writes that form of such a value.
    const encoders: Array<[string, (v: string) => string, (v: string) => string]> = [
      ['upper', (v) => v.toUpperCase(), (v) => v.toUpperCase()],
      ['lower', (v) => v.toLowerCase(), (v) => v.toLowerCase()],
      ['json', (v) => JSON.stringify({ token: v }), (v) => JSON.stringify(v).slice(1, -1)],
      ['json in json', (v) => JSON.stringify({ level: 30, msg: JSON.stringify({ token: v }) }), (v) => JSON.stringify(JSON.stringify(v)).slice(1, -1)],
      [
        'ascii json',
        (v) => JSON.stringify(v).replace(/[\u0080-\uffff]/g, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`),
        (v) =>
          JSON.stringify(v)
            .slice(1, -1)
            .replace(/[\u0080-\uffff]/g, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`),
      ],
      ['inspect', (v) => inspect({ nested: { token: v } }), (v) => inspect(v).slice(1, -1)],
      ['inspect, all quotes', (v) => inspect({ token: `${v} '"\`` }), (v) => inspect(`${v}'"\``).slice(1, -5)],
      ['form', (v) => new URLSearchParams({ token: v, other: 'x y' }).toString(), (v) => new URLSearchParams({ v }).toString().slice(2)],
      ['uri', (v) => `https://h/?q=${encodeURIComponent(v)}`, (v) => encodeURIComponent(v)],
    ]
    fc.assert(
      fc.property(
        anyValue.filter((v) => !/\p{Cs}/u.test(v)),
        text,
        text,
        fc.constantFrom(...encoders),
        (value, before, after, [, write, form]) => {
          const r = redactorFor(value)
          const out = r.redact(before + write(value) + after)
          expect(out.includes(form(value)), 'an encoded form is left').toBe(false)
          expect(out.includes(value)).toBe(false)
        },
      ),
      { numRuns: 500 },
    )
  })

  it('masks any form of any value placed at any offset of any text, and never leaves the value (property)', () => {
    fc.assert(
      fc.property(anyValue, text, text, fc.nat(), (value, before, after, pick) => {
        const r = redactorFor(value)
        const forms = [...variantsOf(value), ...caseCopiesOf(value)]
        const form = forms[pick % forms.length]!.text
        const out = r.redact(before + form + after)
        expect(out.includes(form)).toBe(false)
        expect(out.includes(value)).toBe(false)
        const bytesOut = Buffer.from(r.redactBytes(Buffer.concat([Buffer.from(before), Buffer.from(form), Buffer.from(after)])))
        expect(bytesOut.includes(Buffer.from(form))).toBe(false)
      }),
      { numRuns: 500 },
    )
  })

  it('leaves text and bytes that hold no value unchanged, bytes as the same object (property)', () => {
    fc.assert(
      fc.property(fc.string({ maxLength: 200, unit: 'grapheme' }), fc.uint8Array({ maxLength: 200 }), (t, b) => {
        const r = new Redactor()
        r.add('X', '\u0000never-in-text-\u0001Q')
        r.add('Y', 'Σ\u0002neither\u0003')
        expect(r.redact(t)).toBe(t)
        expect(r.redactBytes(b)).toBe(b)
      }),
    )
  })
})

describe('short values', () => {
  it('are masked as whole words only, in text and in bytes', () => {
    const r = redactorFor('123456')
    for (const t of ['1234567', 'x1234567', 'x123456', '123456x', 'é123456', '0123456', '123456\u0301']) {
      expect(r.redact(t), t).toBe(t)
      expect(Buffer.from(r.redactBytes(Buffer.from(t))).toString(), t).toBe(t)
    }
    for (const [t, masked] of [
      ['pin 123456.', 'pin [redacted:S].'],
      ['pin=123456', 'pin=[redacted:S]'],
      ['"123456"', '"[redacted:S]"'],
      ['123456', '[redacted:S]'],
      ['a-123456_b', 'a-[redacted:S]_b'],
    ]) {
      expect(r.redact(t!)).toBe(masked)
      expect(Buffer.from(r.redactBytes(Buffer.from(t!))).toString()).toBe(masked)
    }
    // Base64 of a short value sits inside longer base64 by nature, so it is masked there.
    expect(r.redact(`Basic ${Buffer.from(`user:123456`).toString('base64')}`)).not.toContain(
      base64Core(Buffer.from('user:'), '123456', Buffer.alloc(0), 'base64'),
    )
  })

  it('a value shorter than the threshold is masked between separators at any offset (property)', () => {
    const short = fc
      .string({ minLength: 6, maxLength: WHOLE_WORD_BELOW - 1, unit: fc.constantFrom(...'abcdefghijkLMNOP0123456789') })
      .filter((s) => new Set(s).size >= 6)
    const separator = fc.constantFrom(' ', '=', '"', ':', '/', '\n', '.', ',', '-', '')
    fc.assert(
      fc.property(short, text, text, separator, separator, (value, before, after, s1, s2) => {
        const r = redactorFor(value)
        const left = s1 || (before.length ? ' ' : '')
        const right = s2 || (after.length ? ' ' : '')
        expect(r.redact(before + left + value + right + after).includes(`${left}[redacted:S]${right}`)).toBe(true)
      }),
    )
  })

  it('long random values stay masked wherever they are glued (property)', () => {
    fc.assert(
      fc.property(
        fc.stringMatching(/^[A-Za-z0-9]{12,32}$/).filter((s) => new Set(s).size >= 6),
        fc.stringMatching(/^[A-Za-z0-9]{0,8}$/),
        fc.stringMatching(/^[A-Za-z0-9]{0,8}$/),
        (value, before, after) => {
          expect(
            redactorFor(value)
              .redact(before + value + after)
              .includes(value),
          ).toBe(false)
        },
      ),
    )
  })
})

describe('maskability', () => {
  it('says why a value cannot be masked', () => {
    expect(maskability('abc12')).toBe('too-short')
    expect(maskability('production')).toBe('common')
    expect(maskability('aaaaaaaaaaaa')).toBe('low-entropy')
    expect(maskability('x7Qp2Lm9')).toBe('ok')
    expect(maskability('abcdefgh', 10)).toBe('too-short')
    expect(maskability('aabbccdd', 6, 40)).toBe('low-entropy')
  })
})
