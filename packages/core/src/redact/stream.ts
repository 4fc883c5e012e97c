import { Transform } from 'node:stream'
import { StringDecoder } from 'node:string_decoder'
import type { Redactor } from './redactor.js'

// Characters of already emitted text kept in front of the buffer: enough for one code point,
// so a short value's match sees whether a letter or digit precedes it.
const CONTEXT = 2

/**
 * A Transform that masks secrets in a byte or text stream, emitting text. It keeps back the
 * last `longest + 1` characters of each chunk (a whole pattern and the character after it),
 * so a value split across chunk boundaries (or across a multi-byte character) is caught and
 * judged the same as in the whole text; the tail is flushed at the end.
 */
export function createRedactStream(redactor: Redactor): Transform {
  const decoder = new StringDecoder('utf8')
  let carry = '' // the first `context` characters were emitted already
  let context = 0
  const push = (stream: Transform, text: string, final: boolean) => {
    const buffer = carry + text
    const hold = final ? 0 : redactor.longest + 2
    let safe = buffer.length - hold
    // Never end an emitted piece between the halves of a surrogate pair.
    const last = buffer.charCodeAt(safe - 1)
    if (safe > context && safe < buffer.length && last >= 0xd800 && last <= 0xdbff) safe--
    if (safe <= context) {
      carry = buffer
      return
    }
    let matches = redactor.findAll(buffer)
    // A match inside the context was judged when that text was emitted.
    if (matches.length && matches[0]!.start < context) matches = matches.filter((m) => m.start >= context)
    // A match running past `safe` is held back whole, so an overlapping one that the next
    // chunk completes still merges with it, as in the whole text.
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
    const { text: out, consumed } = redactor.apply(buffer, matches, safe)
    const emitted = out.slice(context)
    const keep = Math.min(CONTEXT, consumed)
    carry = buffer.slice(consumed - keep)
    context = keep
    if (emitted) stream.push(emitted)
  }
  return new Transform({
    transform(chunk: Buffer | string, _encoding, done) {
      push(this, typeof chunk === 'string' ? chunk : decoder.write(chunk), false)
      done()
    },
    flush(done) {
      push(this, decoder.end(), true)
      done()
    },
  })
}
