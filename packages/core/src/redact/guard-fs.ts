import fs from 'node:fs'
import { syncBuiltinESMExports } from 'node:module'
import type { Masker } from './masker.js'

type AnyFunction = (...args: unknown[]) => unknown
type Callback = (err: NodeJS.ErrnoException | null, ...results: unknown[]) => void
type Position = number | bigint | null

const WHERE: Record<number, string> = { 1: 'stdout', 2: 'stderr' }

/** A masked write: the bytes to write instead, and what the caller asked to write. */
interface Plan {
  bytes: Uint8Array
  requested: number
  position: Position
}

const positionOf = (p: unknown): Position => (typeof p === 'number' || typeof p === 'bigint' ? p : null)
const advance = (p: Position, n: number): Position => (p === null ? null : typeof p === 'bigint' ? p + BigInt(n) : p + n)

/**
 * The masked form of what `fs.write`/`fs.writeSync` was asked to write (arguments after the
 * data, callback removed): `(string, position?, encoding?)` or `(view, offset?, length?,
 * position?)` or `(view, { offset, length, position })`. Undefined when the data holds no
 * value, and when the arguments are ones Node rejects, so Node's own error is thrown.
 */
function plan(masker: Masker, where: string, data: unknown, args: unknown[]): Plan | undefined {
  if (typeof data === 'string') {
    const encoding = args[1] ?? 'utf8'
    if (typeof encoding !== 'string' || !Buffer.isEncoding(encoding)) return undefined
    const masked = masker.chunk(data, encoding, where)
    if (masked === data) return undefined
    const bytes = typeof masked === 'string' ? Buffer.from(masked, encoding) : masked
    return { bytes, requested: Buffer.byteLength(data, encoding), position: positionOf(args[0]) }
  }
  if (!ArrayBuffer.isView(data)) return undefined
  const size = data.byteLength
  const options = typeof args[0] === 'object' && args[0] !== null ? (args[0] as Record<string, unknown>) : undefined
  const [offset, length, position] = options ? [options.offset, options.length, options.position] : args
  const o = typeof offset === 'number' ? offset : 0
  const l = typeof length === 'number' ? length : size - o
  if (!Number.isInteger(o) || !Number.isInteger(l) || o < 0 || l < 0 || o + l > size) return undefined
  const view = new Uint8Array(data.buffer, data.byteOffset + o, l)
  const masked = masker.bytes(view, where)
  return masked === view ? undefined : { bytes: masked, requested: l, position: positionOf(position) }
}

/** The views of a writev call as one run of bytes, or undefined for arguments Node rejects. */
function joined(buffers: unknown): Uint8Array | undefined {
  if (!Array.isArray(buffers) || !buffers.every((b) => ArrayBuffer.isView(b))) return undefined
  return Buffer.concat(buffers.map((b: ArrayBufferView) => new Uint8Array(b.buffer, b.byteOffset, b.byteLength)))
}

/**
 * Masks writes to file descriptors 1 and 2 made through the `fs` module (`write`,
 * `writeSync`, `writev`, `writevSync`, `writeFile`, `appendFile` and their sync forms), as
 * pino's `destination()`, sonic-boom and `fs.createWriteStream(null, { fd: 1 })` do. The
 * module object is patched and ESM named imports re-synced. A masked write reports the
 * byte count the caller asked for once all masked bytes are written: writers such as
 * sonic-boom treat a smaller count as a partial write and send the rest again.
 */
export function guardFs(masker: Masker): () => void {
  const mod = fs as unknown as Record<string, AnyFunction>
  const originals: Record<string, AnyFunction> = {}
  let active = true
  const call = (key: string, args: unknown[]) => originals[key]!(...args)

  const writeAllSync = (fd: number, bytes: Uint8Array, position: Position) => {
    let done = 0
    while (done < bytes.length) {
      try {
        const n = call('writeSync', [fd, bytes, done, bytes.length - done, position]) as number
        done += n
        position = advance(position, n)
      } catch (e) {
        // Part of the masked bytes is out: give up now and the caller would resend the
        // whole write, so wait for the pipe instead. Before any byte, the caller retries.
        if ((e as NodeJS.ErrnoException).code !== 'EAGAIN' || done === 0) throw e
        Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, 1)
      }
    }
  }
  const writeAll = (fd: number, bytes: Uint8Array, position: Position, finish: (err: NodeJS.ErrnoException | null) => void) => {
    let done = 0
    const next = (): void => {
      call('write', [
        fd,
        bytes,
        done,
        bytes.length - done,
        position,
        (err: NodeJS.ErrnoException | null, n: number) => {
          if (err && (err.code !== 'EAGAIN' || done === 0)) return finish(err)
          if (err) return void setTimeout(next, 1)
          done += n
          position = advance(position, n)
          if (done < bytes.length) next()
          else finish(null)
        },
      ])
    }
    next()
  }

  const guards: Record<string, (...args: unknown[]) => unknown> = {
    writeSync(fd, data, ...args) {
      const p = typeof fd === 'number' && WHERE[fd] ? plan(masker, WHERE[fd], data, args) : undefined
      if (!p) return call('writeSync', [fd, data, ...args])
      writeAllSync(fd as number, p.bytes, p.position)
      return p.requested
    },
    write(fd, data, ...args) {
      const cb = args[args.length - 1]
      if (typeof cb !== 'function') return call('write', [fd, data, ...args])
      const p = typeof fd === 'number' && WHERE[fd] ? plan(masker, WHERE[fd], data, args.slice(0, -1)) : undefined
      if (!p) return call('write', [fd, data, ...args])
      writeAll(fd as number, p.bytes, p.position, (err) => (err ? (cb as Callback)(err) : (cb as Callback)(null, p.requested, data)))
    },
    writevSync(fd, buffers, position) {
      const bytes = typeof fd === 'number' && WHERE[fd] ? joined(buffers) : undefined
      const masked = bytes && masker.bytes(bytes, WHERE[fd as number]!)
      if (!bytes || masked === bytes) return call('writevSync', [fd, buffers, position])
      writeAllSync(fd as number, masked!, positionOf(position))
      return bytes.length
    },
    writev(fd, buffers, ...args) {
      const cb = args[args.length - 1]
      const bytes = typeof fd === 'number' && WHERE[fd] && typeof cb === 'function' ? joined(buffers) : undefined
      const masked = bytes && masker.bytes(bytes, WHERE[fd as number]!)
      if (!bytes || masked === bytes) return call('writev', [fd, buffers, ...args])
      const position = args.length > 1 ? positionOf(args[0]) : null
      writeAll(fd as number, masked!, position, (err) => (err ? (cb as Callback)(err) : (cb as Callback)(null, bytes.length, buffers)))
    },
  }
  // writeFile and appendFile take a whole payload: mask it and hand it on.
  for (const key of ['writeFileSync', 'appendFileSync', 'writeFile', 'appendFile']) {
    guards[key] = (fd, data, ...args) => {
      const where = typeof fd === 'number' ? WHERE[fd] : undefined
      if (where && typeof data === 'string') {
        const options = args[0]
        const encoding = typeof options === 'string' ? options : (options as { encoding?: unknown } | undefined)?.encoding
        data = masker.chunk(data, encoding ?? 'utf8', where)
      } else if (where && ArrayBuffer.isView(data)) {
        data = masker.bytes(new Uint8Array(data.buffer, data.byteOffset, data.byteLength), where)
      }
      return call(key, [fd, data, ...args])
    }
  }

  const installed: Record<string, AnyFunction> = {}
  for (const [key, guard] of Object.entries(guards)) {
    const original = mod[key]!
    originals[key] = original
    const guarded = function (this: unknown, ...args: unknown[]) {
      return active ? guard(...args) : original.apply(this, args)
    }
    // util.promisify reads symbol-keyed hints on fs.write (resolve with { bytesWritten, buffer }).
    for (const sym of Object.getOwnPropertySymbols(original)) Object.defineProperty(guarded, sym, Object.getOwnPropertyDescriptor(original, sym)!)
    installed[key] = guarded
    mod[key] = guarded
  }
  syncBuiltinESMExports()
  return () => {
    active = false
    for (const [key, guarded] of Object.entries(installed)) if (mod[key] === guarded) mod[key] = originals[key]!
    syncBuiltinESMExports()
  }
}
