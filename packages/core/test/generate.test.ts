import { describe, expect, it } from 'vitest'
import { generateValue } from '../src/index.js'

describe('generateValue', () => {
  it('draws the declared length from the declared alphabet, 32 base64url characters by default', () => {
    expect(generateValue()).toMatch(/^[A-Za-z0-9_-]{32}$/)
    expect(generateValue({ length: 64, alphabet: 'hex' })).toMatch(/^[0-9a-f]{64}$/)
    expect(generateValue({ length: 20, alphabet: 'alphanumeric' })).toMatch(/^[A-Za-z0-9]{20}$/)
  })

  it('uses every character of the alphabet without bias toward the first ones', () => {
    const counts = new Map<string, number>()
    for (const c of Array.from({ length: 200 }, () => generateValue({ length: 310, alphabet: 'alphanumeric' })).join(''))
      counts.set(c, (counts.get(c) ?? 0) + 1)
    expect(counts.size).toBe(62)
    // 62 000 draws: 1000 each on average; a fold of 256 onto 62 would give the first 8 about 25% more.
    const first = ['A', 'B', 'C', 'D'].map((c) => counts.get(c)!)
    const last = ['6', '7', '8', '9'].map((c) => counts.get(c)!)
    expect(first.reduce((a, b) => a + b) / last.reduce((a, b) => a + b)).toBeLessThan(1.15)
  })
})
