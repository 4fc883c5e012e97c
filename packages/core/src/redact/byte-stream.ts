import { Transform } from 'node:stream'
import type { RedactMatch, Redactor } from './redactor.js'

export interface RedactByteStreamOptions {
  /**
   * Milliseconds without new input after which the stream emits what it holds back, except a
   * tail that could still become a value. A prompt with no newline (`Password: `) then shows
   * while its program waits for input, instead of when the next output comes. 0 holds until
   * more input or the end. @default 30
   */
  idleFlush?: number
}

// Bytes of already emitted output kept in front of the buffer: one UTF-8 character, so a
// short value's match sees whether a letter or digit precedes it.
const CONTEXT = 4

/**
 * A Transform that masks secrets in a byte stream and emits bytes: what is not a value passes
 * byte for byte, so binary output (images, archives, text that is not UTF-8) is unchanged.
 * It holds back the last `longestBytes + 4` bytes of each chunk, so a value split across
 * chunks, or written in two pieces, is caught; the tail is emitted at the end, and after
 * `idleFlush` ms of quiet up to where a value could still begin.
 */
export function createRedactByteStream(redactor: Redactor, options: RedactByteStreamOptions = {}): Transform {
  const idleFlush = options.idleFlush ?? 30
  let carry: Buffer = Buffer.alloc(0) // its first `context` bytes were emitted already
  let context = 0
  let timer: NodeJS.Timeout | undefined

  const push = (stream: Transform, chunk: Buffer, mode: 'more' | 'idle' | 'end') => {
    const buffer = carry.length ? Buffer.concat([carry, chunk]) : chunk
    let safe = mode === 'end' ? buffer.length : mode === 'idle' ? redactor.pendingBytes(buffer) : buffer.length - redactor.longestBytes - CONTEXT
    if (safe <= context) {
      carry = buffer
      return
    }
    let matches = redactor.findAllBytes(buffer)
    // A match inside the context was judged when those bytes were emitted.
    if (matches.length && matches[0]!.start < context) matches = matches.filter((m) => m.start >= context)
    // A match running past `safe` is held back whole, so an overlapping one that later bytes
    // complete still merges with it, as in the whole output.
    for (const m of matches) {
      if (m.start < safe && m.end > safe) {
        safe = m.start
        break
      }
    }
    if (safe <= context) {
      carry = buffer
      return
    }
    const emitted: RedactMatch[] = []
    for (const m of matches) if (m.start < safe) emitted.push({ ...m, start: m.start - context, end: m.end - context })
    const piece = buffer.subarray(context, safe)
    stream.push(emitted.length ? redactor.applyBytes(piece, emitted) : piece)
    const keep = Math.min(CONTEXT, safe)
    carry = buffer.subarray(safe - keep)
    context = keep
  }

  const held = () => carry.length > context

  return new Transform({
    transform(chunk: Buffer | string, encoding, done) {
      clearTimeout(timer)
      push(this, typeof chunk === 'string' ? Buffer.from(chunk, encoding) : chunk, 'more')
      if (idleFlush > 0 && held()) {
        timer = setTimeout(() => {
          if (held()) push(this, Buffer.alloc(0), 'idle')
        }, idleFlush)
      }
      done()
    },
    flush(done) {
      clearTimeout(timer)
      push(this, Buffer.alloc(0), 'end')
      done()
    },
    destroy(error, done) {
      clearTimeout(timer)
      done(error)
    },
  })
}
