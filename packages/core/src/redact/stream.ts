import { Transform } from 'node:stream'
import { StringDecoder } from 'node:string_decoder'
import type { Redactor } from './redactor.js'

/**
 * A Transform that masks secrets in a byte or text stream. It keeps back the last
 * `longest - 1` characters of each chunk, so a value split across chunk boundaries (or
 * across a multi-byte character) is still caught; the tail is flushed at the end.
 */
export function createRedactStream(redactor: Redactor): Transform {
  const decoder = new StringDecoder('utf8')
  let carry = ''
  const push = (stream: Transform, text: string, final: boolean) => {
    const buffer = carry + text
    const hold = final ? 0 : Math.max(redactor.longest - 1, 0)
    let safe = buffer.length - hold
    // Never end an emitted piece between the halves of a surrogate pair.
    const last = buffer.charCodeAt(safe - 1)
    if (safe > 0 && safe < buffer.length && last >= 0xd800 && last <= 0xdbff) safe--
    if (safe <= 0) {
      carry = buffer
      return
    }
    const { text: out, consumed } = redactor.apply(buffer, redactor.findAll(buffer), safe)
    carry = buffer.slice(consumed)
    if (out) stream.push(out)
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
