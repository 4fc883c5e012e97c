import type { Redactor } from '@hush/core'
import { type chai as Chai, expect, type SnapshotSerializer } from 'vitest'
import type { SnapshotMode } from './options.js'

/** The error a snapshot with a value fails with: one line, as vitest prints a serializer's error. */
export function leakError(names: string[]): Error {
  const test = expect.getState().currentTestName ?? 'this test'
  const error = new Error(`[HUSH_LEAK] the snapshot of "${test}" would contain ${names.join(', ')}`)
  // No stack: the reporter would print the frames under the line, and they say nothing here.
  error.stack = `Error: ${error.message}`
  return error
}

function namesIn(text: string, redactor: Redactor): string[] {
  return [...new Set(redactor.findAll(text).map((m) => m.name))]
}

/**
 * A pretty-format plugin: it is asked about every value a snapshot serializes (object keys too),
 * before anything is written, so one that holds a secret fails the test or is masked.
 */
export function snapshotSerializer(redactor: Redactor, mode: SnapshotMode): SnapshotSerializer {
  return {
    test: (val: unknown) => typeof val === 'string' && redactor.findAll(val).length > 0,
    serialize(val: string, config, indentation, depth, refs, printer) {
      if (mode === 'fail') throw leakError(namesIn(val, redactor))
      return printer(redactor.redact(val), config, indentation, depth, refs)
    },
  }
}

/**
 * `toMatchFileSnapshot` writes a string as it is, without the serializers: the string is checked
 * (or masked) before vitest's own matcher sees it.
 */
export function guardFileSnapshots(chai: typeof Chai, redactor: Redactor, mode: SnapshotMode): void {
  chai.Assertion.overwriteMethod('toMatchFileSnapshot', (original: (...args: unknown[]) => unknown) => {
    return function (this: object, ...args: unknown[]) {
      const received: unknown = chai.util.flag(this, 'object')
      if (typeof received === 'string') {
        const names = namesIn(received, redactor)
        if (names.length && mode === 'fail') throw leakError(names)
        if (names.length) chai.util.flag(this, 'object', redactor.redact(received))
      }
      return original.apply(this, args)
    }
  })
}
