import { HushError } from '@hush/core'
import { describe, expect, it } from 'vitest'
import { guardsOutput, reportLeak } from '../src/core/report.js'

const leak = new HushError('HUSH_LEAK', { message: 'src/main.js:2:13 reads DB_PASSWORD, a server-only secret, in client code', secret: 'DB_PASSWORD' })

/** A bundler's error and warning channels that remember what they were given. */
function target() {
  const calls: Array<[string, string]> = []
  return { calls, error: (m: string) => void calls.push(['error', m]), warn: (m: string) => void calls.push(['warn', m]) }
}

describe('reportLeak: the one place leakGuard is read for reporting', () => {
  it.each([
    ['error', [['error', `[hush] ${leak.message}`]]],
    ['warn', [['warn', `[hush] ${leak.message}`]]],
    ['off', []],
  ] as const)('%s', (mode, expected) => {
    const to = target()
    reportLeak(mode, leak, to)
    expect(to.calls).toEqual(expected)
  })

  it('calls the target as a method, so a bundler hook context keeps its `this`', () => {
    const hook = {
      seen: [] as string[],
      error(this: { seen: string[] }, m: string) {
        this.seen.push(m)
      },
      warn(this: { seen: string[] }, m: string) {
        this.seen.push(m)
      },
    }
    reportLeak('error', leak, hook)
    expect(hook.seen).toEqual([`[hush] ${leak.message}`])
  })
})

describe('guardsOutput', () => {
  it.each([
    ['error', true, true, true],
    ['warn', true, true, true],
    ['off', true, true, false],
    ['error', false, true, true],
    ['error', false, false, false],
    ['error', true, false, true],
    ['off', false, true, false],
  ] as const)('leakGuard %s, client %s, guardServer %s: %s', (leakGuard, client, guardServer, expected) => {
    expect(guardsOutput({ leakGuard, guardServer }, client)).toBe(expected)
  })
})
