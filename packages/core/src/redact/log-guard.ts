import type { RedactMatch, Redactor } from './redactor.js'

export interface LogGuardOptions {
  /** Called with what was masked and where (`stdout` or `stderr`); never with a value. */
  onMask?: (matches: RedactMatch[], where: string) => void
}

type Write = typeof process.stdout.write

/**
 * Masks secrets in everything this process writes through `console.*` and
 * `process.stdout` / `process.stderr`; returns a function that removes the guard. Node's
 * console writes through those streams, so guarding them covers it with one mask per line.
 * Each write is masked on its own: a value split across two separate writes is not
 * caught here (pipe the output through `createRedactStream` for that).
 */
export function installLogGuard(redactor: Pick<Redactor, 'findAll' | 'apply'>, options: LogGuardOptions = {}): () => void {
  const restore: Array<() => void> = []
  const mask = (text: string, where: string): string => {
    const matches = redactor.findAll(text)
    if (!matches.length) return text
    options.onMask?.(matches, where)
    return redactor.apply(text, matches, text.length).text
  }
  for (const [where, stream] of [['stdout', process.stdout], ['stderr', process.stderr]] as const) {
    const original = stream.write
    const guarded = function (this: NodeJS.WriteStream, chunk: unknown, ...rest: unknown[]) {
      if (typeof chunk === 'string') {
        chunk = mask(chunk, where)
      } else if (chunk instanceof Uint8Array) {
        const text = Buffer.from(chunk.buffer, chunk.byteOffset, chunk.byteLength).toString('utf8')
        const masked = mask(text, where)
        if (masked !== text) chunk = masked
      }
      return (original as (...args: unknown[]) => boolean).call(this, chunk, ...rest)
    } as Write
    stream.write = guarded
    restore.push(() => {
      if (stream.write === guarded) stream.write = original
    })
  }
  return () => {
    for (const undo of restore.reverse()) undo()
  }
}
