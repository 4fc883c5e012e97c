import { Transform } from 'node:stream'
import type { Redactor } from './redactor.js'

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

// The most of a value's start that quiet output shows. With many values (and their encodings
// and case copies) nearly every letter and digit starts one, so a prompt that ends in a word
// (`Username`, `Choice: 2`) would lose its last characters until the command writes again,
// which it does only once answered. Three bytes say little of a value; if the rest follows,
// it is masked, and those three bytes are all that showed.
const SHOWN_TAIL = 3

/**
 * A Transform that masks secrets in a byte stream and emits bytes: what is not a value passes
 * byte for byte, so binary output (images, archives, text that is not UTF-8) is unchanged.
 * Of each chunk it holds back only a tail that could be the start of a value (or a value at
 * the very end, whose next character decides whether it stands alone), so a value split
 * across chunks, or written in two pieces, is caught; what is held is emitted at the end, or
 * after `idleFlush` ms of quiet when it turned out complete.
 */
export function createRedactByteStream(redactor: Redactor, options: RedactByteStreamOptions = {}): Transform {
  const masker = new ByteMasker(redactor)
  const idleFlush = options.idleFlush ?? 30
  let timer: NodeJS.Timeout | undefined
  const emit = (stream: Transform, parts: Buffer[]) => {
    for (const part of parts) stream.push(part)
  }
  return new Transform({
    transform(chunk: Buffer | string, encoding, done) {
      clearTimeout(timer)
      emit(this, masker.write(typeof chunk === 'string' ? Buffer.from(chunk, encoding) : chunk))
      if (idleFlush > 0 && masker.holding) timer = setTimeout(() => emit(this, masker.idle()), idleFlush)
      done()
    },
    flush(done) {
      clearTimeout(timer)
      emit(this, masker.end())
      done()
    },
    destroy(error, done) {
      clearTimeout(timer)
      done(error)
    },
  })
}

/**
 * The stream's state: the bytes held back (`carry`, whose first `context` bytes were emitted
 * already and are kept only to judge word edges). Each call returns the pieces to emit, in
 * order: slices of the input where nothing matched (not copied) and the masks.
 */
export class ByteMasker {
  readonly #redactor: Redactor
  #carry: Buffer = Buffer.alloc(0)
  #context = 0

  constructor(redactor: Redactor) {
    this.#redactor = redactor
  }

  /** Whether bytes are held back that `idle()` or `end()` would emit. */
  get holding(): boolean {
    return this.#carry.length > this.#context
  }

  write(chunk: Buffer): Buffer[] {
    return this.#push(chunk, 'more')
  }

  /**
   * The input went quiet: emits all but a tail that could still become a value, and that tail
   * too when it is at most 3 bytes long (a value it starts is masked from there on).
   */
  idle(): Buffer[] {
    return this.holding ? this.#push(Buffer.alloc(0), 'idle') : []
  }

  end(): Buffer[] {
    return this.#push(Buffer.alloc(0), 'end')
  }

  #push(body: Buffer, mode: 'more' | 'idle' | 'end'): Buffer[] {
    const redactor = this.#redactor
    const head = this.#carry
    const context = this.#context
    const total = head.length + body.length
    // Held back: only a tail that could still become a value (the start of one), not a fixed
    // window, so a line is out as soon as it is written and stdout and stderr keep their order.
    let safe = mode === 'end' ? total : this.#pendingFrom(head, body)
    // Quiet input: a short tail that could start a value is shown too, but stays in the carry
    // (as context) so that a value it turns out to start is still found and masked.
    const showTail = (at: number) => mode === 'idle' && total - at <= SHOWN_TAIL
    if (safe <= context && !showTail(safe)) {
      this.#carry = body.length ? Buffer.concat([head, body]) : head
      return []
    }
    let matches = redactor.findAllBytesAcross(head, body)
    // A match inside the context was judged when those bytes were emitted. One that runs past
    // it started in a short tail shown while the input was quiet: the rest of it is masked.
    if (matches.length && matches[0]!.start < context) matches = matches.filter((m) => m.end > context)
    // A match running past `safe` is held back whole, so an overlapping one that later bytes
    // complete still merges with it, as in the whole output. So is a short value ending at the
    // last bytes: whether the next character glues it into a longer word is not known yet.
    // Quiet input ends at a character's end, unless its last character is cut short: the rest of
    // it decides whether a letter follows.
    const cut = mode === 'idle' ? cutCharacter(head, body) : 0
    const edge = mode === 'more' ? total - CONTEXT : cut ? total - cut - 1 : total
    for (const m of matches) {
      if (m.start < safe && (m.end > safe || (m.wordEnd && m.end > edge))) {
        safe = m.start
        break
      }
    }
    if (safe <= context && !showTail(safe)) {
      this.#carry = body.length ? Buffer.concat([head, body]) : head
      return []
    }
    // Offsets count across head and body: a range of them is one or two slices.
    const slice = (from: number, to: number, into: Buffer[]) => {
      if (from < head.length) into.push(head.subarray(from, Math.min(to, head.length)))
      if (to > head.length) into.push(body.subarray(Math.max(0, from - head.length), to - head.length))
    }
    const shown = showTail(safe) ? total : safe
    const parts: Buffer[] = []
    let pos = context
    for (const m of matches) {
      if (m.start >= safe) break
      if (m.start > pos) slice(pos, m.start, parts)
      parts.push(redactor.maskBytes(m))
      pos = m.end
    }
    if (shown > pos) slice(pos, shown, parts)
    const from = safe - Math.min(CONTEXT, safe)
    this.#carry = from >= head.length ? body.subarray(from - head.length) : Buffer.concat([head.subarray(from), body])
    this.#context = shown - from
    return parts.filter((p) => p.length)
  }

  /** Where, in head followed by body, a value could begin that later bytes would complete. */
  #pendingFrom(head: Buffer, body: Buffer): number {
    const total = head.length + body.length
    const from = Math.max(0, total - this.#redactor.longestBytes)
    const tail = from >= head.length ? body.subarray(from - head.length) : Buffer.concat([head.subarray(from), body])
    return from + this.#redactor.pendingBytes(tail)
  }
}

/** How many bytes at the end of head followed by body are the start of a UTF-8 character whose other bytes are still to come. */
function cutCharacter(head: Buffer, body: Buffer): number {
  const total = head.length + body.length
  const at = (i: number) => (i >= head.length ? body[i - head.length]! : head[i]!)
  for (let back = 1; back <= Math.min(3, total); back++) {
    const byte = at(total - back)
    if ((byte & 0xc0) === 0x80) continue // a continuation byte: look further back for its lead
    const size = byte >= 0xf0 ? 4 : byte >= 0xe0 ? 3 : byte >= 0xc0 ? 2 : 1
    return size > back ? back : 0
  }
  return 0
}
