import type { Masker } from './masker.js'

type AnyFunction = (this: unknown, ...args: unknown[]) => unknown

/**
 * Masks what goes through `stream.write` and `stream.end`, in every signature: a string with
 * or without an encoding, a Buffer or Uint8Array, the callback in either position. Data with
 * no value is passed on as given (same object, same arguments), so binary output is untouched.
 */
export function guardStream(stream: NodeJS.WritableStream, where: string, masker: Masker): () => void {
  let active = true
  const mask = (chunk: unknown, encoding: unknown): unknown => {
    if (typeof chunk === 'string') return masker.chunk(chunk, encoding, where)
    if (chunk instanceof Uint8Array) return masker.bytes(chunk, where)
    // Any other view (Uint16Array, DataView, ...) is written as its bytes: look at them.
    if (ArrayBuffer.isView(chunk)) {
      const bytes = new Uint8Array(chunk.buffer, chunk.byteOffset, chunk.byteLength)
      const masked = masker.bytes(bytes, where)
      return masked === bytes ? chunk : masked
    }
    return chunk
  }
  const wrap = (key: 'write' | 'end') => {
    // Called later with the stream as `this`, as the stream itself would call it.
    const original = (stream as unknown as Record<string, AnyFunction>)[key]!
    const own = Object.prototype.hasOwnProperty.call(stream, key)
    const guarded = function (this: unknown, chunk: unknown, ...rest: unknown[]) {
      // `end(callback)` carries no data.
      if (!active || typeof chunk === 'function' || chunk == null) return original.call(this, chunk, ...rest)
      // A masked chunk that became bytes keeps its encoding argument: streams ignore it for bytes.
      return original.call(this, mask(chunk, rest[0]), ...rest)
    }
    ;(stream as unknown as Record<string, AnyFunction>)[key] = guarded
    return () => {
      if (stream[key] !== (guarded as unknown)) return
      if (own) (stream as unknown as Record<string, AnyFunction>)[key] = original
      else delete (stream as unknown as Record<string, AnyFunction>)[key]
    }
  }
  const undo = [wrap('write'), wrap('end')]
  return () => {
    active = false
    for (const u of undo) u()
  }
}
