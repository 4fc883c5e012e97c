import { readdirSync, readFileSync } from 'node:fs'
import { join } from 'node:path'
import dotenv from 'dotenv'
import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { parse } from '../src/index.js'

const fixtures = join(import.meta.dirname, 'fixtures')

/** Same keys, same values, same key order, same prototype: what `toStrictEqual` alone would miss on order. */
function expectSame(src: string | Buffer): void {
  const ours = parse(src)
  const theirs = dotenv.parse(src)
  expect(Object.entries(ours)).toEqual(Object.entries(theirs))
  expect(Object.getPrototypeOf(ours)).toBe(Object.getPrototypeOf(theirs))
  expect(dotenv.parse(src, { fast: true })).toStrictEqual(theirs)
}

// 10,000 cases of fixed work: seconds on an idle machine, far more when turbo runs every
// package's tests at once on two cores. The limit is for a hang, not a speed check.
const PROPERTY_TIMEOUT = 180_000

describe('parse matches dotenv 18.0.10', () => {
  it.each(readdirSync(fixtures).filter((f) => f.endsWith('.env')))('on the corpus file %s', (file) => {
    const text = readFileSync(join(fixtures, file), 'utf8')
    expectSame(text)
    expectSame(Buffer.from(text))
    expect(Object.keys(parse(text)).length).toBeGreaterThan(0)
  })

  it('agrees on some values worth stating outright', () => {
    const out = parse("A='it''s' # x\nB=\"x\\ny\"\nC=  spaced  #c\nexport D=1\nE: colon\n__proto__=p\nF=\n'next line'")
    expect(out).toEqual({ A: "it''s", B: 'x\ny', C: 'spaced', D: '1', E: 'colon', F: 'next line' })
  })

  const pieces = [
    'A',
    'b',
    '_',
    '.',
    '-',
    '9',
    'KEY',
    'export',
    'export ',
    ' ',
    '\t',
    '\n',
    '\r',
    '\r\n',
    '=',
    ':',
    ': ',
    '#',
    ' #',
    '"',
    "'",
    '`',
    '\\',
    '\\n',
    '\\r',
    '\\"',
    "\\'",
    '\u2028',
    '\u2029',
    '\u00a0',
    '\ufeff',
    '\u3000',
    '\v',
    '\f',
    '$',
    '{',
    '}',
    'é',
    '🔐',
  ]
  const envLike = fc.array(fc.constantFrom(...pieces), { maxLength: 60 }).map((a) => a.join(''))

  it(
    'on generated .env-shaped inputs (property)',
    () => {
      fc.assert(
        fc.property(envLike, (src) => expectSame(src)),
        { numRuns: 20_000 },
      )
    },
    PROPERTY_TIMEOUT,
  )

  it(
    'on generated line-structured inputs (property)',
    () => {
      const line = fc
        .tuple(
          fc.constantFrom('', 'export ', '  ', '# '),
          fc.stringMatching(/^[A-Za-z_][\w.-]{0,8}$/),
          fc.constantFrom('=', ' = ', ': ', ':', ' '),
          fc.oneof(
            fc.string({ maxLength: 20 }),
            envLike,
            fc.string({ maxLength: 12 }).map((s) => `"${s}"`),
            fc.string({ maxLength: 12 }).map((s) => `'${s}' # c`),
          ),
        )
        .map((parts) => parts.join(''))
      fc.assert(
        fc.property(fc.array(line, { maxLength: 12 }), fc.constantFrom('\n', '\r\n', '\r'), (lines, eol) => expectSame(lines.join(eol))),
        { numRuns: 10_000 },
      )
    },
    PROPERTY_TIMEOUT,
  )

  it(
    'on arbitrary unicode strings (property)',
    () => {
      fc.assert(
        fc.property(fc.string({ unit: 'binary', maxLength: 80 }), (src) => expectSame(src)),
        { numRuns: 10_000 },
      )
    },
    PROPERTY_TIMEOUT,
  )
})
