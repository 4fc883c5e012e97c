import { describe, expect, it } from 'vitest'
import { expectNoValue, findValue } from '../src/index.js'

const value = 'sk_live_4eC39HqLyjWDarjtT1zdp7dc'

describe('expectNoValue', () => {
  it('passes on a text without the value, and fails on one with it, naming only where', () => {
    expect(() => expectNoValue('[redacted:STRIPE_KEY] and more', value)).not.toThrow()
    const error = (() => {
      try {
        expectNoValue(`key=${value};`, value, { in: 'the log' })
      } catch (e) {
        return e as Error
      }
    })()
    expect(error?.message).toBe('the value (32 characters) is in the log at offset 4')
    expect(`${error?.message}\n${error?.stack}`.includes(value.slice(0, 8))).toBe(false)
  })

  it('finds a piece of a value when asked, and each of several values', () => {
    expect(() => expectNoValue(`prefix ${value.slice(5, 17)} suffix`, value)).not.toThrow()
    expect(() => expectNoValue(`prefix ${value.slice(5, 17)} suffix`, value, { piece: 10 })).toThrow(
      /^10 characters of the value \(32 long\) is in the text at offset 7$/,
    )
    expect(findValue('a b c', ['x', 'b'])).toEqual({ value: 1, offset: 2, length: 1 })
    expect(() => expectNoValue('..b', ['x', 'b'])).toThrow(/^value #2 of 2/)
  })

  it('compares without case on request, and reads buffers and other values', () => {
    expect(findValue(value.toUpperCase(), value)).toBeUndefined()
    expect(findValue(value.toUpperCase(), value, { ignoreCase: true })?.offset).toBe(0)
    expect(findValue(Buffer.from(`x${value}`), value)?.offset).toBe(1)
    expect(findValue(undefined, value)).toBeUndefined()
    expect(findValue('anything', '')).toBeUndefined()
  })
})
