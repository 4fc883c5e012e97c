import { inspect } from 'node:util'
import type { Redactor } from '@hush/core'

/** What the matcher searches: text as it is, bytes as bytes, anything else as util.inspect shows it in full. */
function textOf(received: unknown): string | Uint8Array {
  if (typeof received === 'string' || received instanceof Uint8Array) return received
  return inspect(received, { depth: Infinity, maxArrayLength: Infinity, maxStringLength: Infinity, breakLength: Infinity })
}

/**
 * `expect(x).not.toContainSecret()`: the message names the secrets found, never the value or
 * the text around it (no `actual` or `expected`, so vitest prints no diff).
 */
export function toContainSecret(redactor: Redactor) {
  return function (received: unknown): { pass: boolean; message: () => string } {
    const text = textOf(received)
    const found = typeof text === 'string' ? redactor.findAll(text) : redactor.findAllBytes(text)
    const names = [...new Set(found.map((m) => m.name))]
    return {
      pass: names.length > 0,
      message: () =>
        names.length
          ? `expected the value not to contain a secret, but it holds ${names.join(', ')}`
          : 'expected the value to contain a secret, but it holds none',
    }
  }
}
