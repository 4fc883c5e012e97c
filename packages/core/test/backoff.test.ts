import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { backoffDelay } from '../src/backoff.js'
import { parseDuration } from '../src/duration.js'

describe('backoffDelay (exponential, full jitter)', () => {
  it('stays in [0, min(max, base * 2^attempt)) and reaches both ends of the range', () => {
    expect(backoffDelay(0, 100, 10_000, () => 0)).toBe(0)
    expect(backoffDelay(3, 100, 10_000, () => 0.999999)).toBe(799)
    expect(backoffDelay(20, 100, 10_000, () => 0.999999)).toBe(9_999)
    fc.assert(
      fc.property(
        fc.integer({ min: 0, max: 40 }),
        fc.integer({ min: 1, max: 1000 }),
        fc.integer({ min: 1, max: 60_000 }),
        fc.double({ min: 0, max: 0.9999999, noNaN: true }),
        (attempt, base, max, r) => {
          const d = backoffDelay(attempt, base, max, () => r)
          expect(d).toBeGreaterThanOrEqual(0)
          expect(d).toBeLessThan(Math.min(max, base * 2 ** attempt))
        },
      ),
    )
  })

  it('spreads retries: many callers at one attempt do not pick one delay', () => {
    const delays = new Set(Array.from({ length: 200 }, () => backoffDelay(5, 100, 30_000)))
    expect(delays.size).toBeGreaterThan(150)
  })
})

describe('parseDuration', () => {
  it.each([
    ['30d', 2_592_000_000],
    ['5m', 300_000],
    ['250ms', 250],
    ['1.5h', 5_400_000],
    [90, 90],
    ['2w', 1_209_600_000],
  ] as const)('%s', (text, ms) => expect(parseDuration(text)).toBe(ms))

  it.each(['30 days', 'soon', '-5m', '', 'm5'])('rejects %j', (text) => expect(parseDuration(text)).toBeUndefined())
})
