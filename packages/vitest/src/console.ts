import type { Writable } from 'node:stream'
import type { Redactor } from '@hush/core'

interface ConsoleStreams {
  _stdout?: Writable
  _stderr?: Writable
}

/**
 * Masks what a `Console` writes, at its streams: every method (`log`, `dir`, `table`, `trace`,
 * `count`...) ends in one `write` of the whole formatted text, so a value is never split across
 * writes, and the line is masked rather than dropped.
 */
export function guardConsole(target: Console, redactor: Redactor): void {
  const streams = target as unknown as ConsoleStreams
  for (const stream of [streams._stdout, streams._stderr]) {
    if (!stream || stream === process.stdout || stream === process.stderr) continue
    const write = stream.write.bind(stream) as (chunk: unknown, ...rest: unknown[]) => boolean
    stream.write = ((chunk: unknown, ...rest: unknown[]) => write(maskChunk(chunk, redactor), ...rest)) as Writable['write']
  }
}

function maskChunk(chunk: unknown, redactor: Redactor): unknown {
  if (typeof chunk === 'string') return redactor.redact(chunk)
  if (chunk instanceof Uint8Array) return redactor.redactBytes(chunk)
  return chunk
}
