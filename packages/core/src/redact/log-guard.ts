import { formatWithOptions } from 'node:util'
import type { Redactor } from './redactor.js'

const METHODS = ['log', 'info', 'warn', 'error', 'debug', 'trace'] as const

type Write = typeof process.stdout.write

/**
 * Masks secrets in everything this process writes through `console.*` and
 * `process.stdout` / `process.stderr`. Returns a function that removes the guard.
 * Each write is masked on its own: a value split across two separate writes is not
 * caught here (pipe the output through `createRedactStream` for that).
 */
export function installLogGuard(redactor: Pick<Redactor, 'redact'>): () => void {
  const restore: Array<() => void> = []
  for (const stream of [process.stdout, process.stderr]) {
    const original = stream.write
    const guarded = function (this: NodeJS.WriteStream, chunk: unknown, ...rest: unknown[]) {
      if (typeof chunk === 'string') {
        chunk = redactor.redact(chunk)
      } else if (chunk instanceof Uint8Array) {
        const text = Buffer.from(chunk.buffer, chunk.byteOffset, chunk.byteLength).toString('utf8')
        const masked = redactor.redact(text)
        if (masked !== text) chunk = masked
      }
      return (original as (...args: unknown[]) => boolean).call(this, chunk, ...rest)
    } as Write
    stream.write = guarded
    restore.push(() => {
      if (stream.write === guarded) stream.write = original
    })
  }
  for (const method of METHODS) {
    const original = console[method]
    // Formatting first means objects, errors and %s arguments are masked as they print.
    const guarded = (...args: unknown[]) => {
      if (args.length === 0) return original.call(console)
      const text = formatWithOptions({ colors: false }, ...args)
      const masked = redactor.redact(text)
      return masked === text ? original.apply(console, args) : original.call(console, masked)
    }
    console[method] = guarded
    restore.push(() => {
      if (console[method] === guarded) console[method] = original
    })
  }
  return () => {
    for (const undo of restore.reverse()) undo()
  }
}
