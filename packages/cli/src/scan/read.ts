import { closeSync, fstatSync, openSync, readSync } from 'node:fs'
import type { Skipped } from './finding.js'

/** Files larger than this are not read: generated bundles and data, not where secrets are typed. */
export const MAX_BYTES = 2 * 1024 * 1024
/** How much of a file is looked at for a NUL byte, as git does to tell binary from text. */
const SNIFF_BYTES = 8 * 1024

const isBinary = (head: Buffer) => head.includes(0)

/** The file's text, or why it is skipped. */
export function textOf(bytes: Buffer): { text: string } | { skip: Skipped['reason'] } {
  if (bytes.length > MAX_BYTES) return { skip: 'too-large' }
  if (isBinary(bytes.subarray(0, SNIFF_BYTES))) return { skip: 'binary' }
  return { text: bytes.toString('utf8') }
}

/**
 * A working-tree file's text, or why it is skipped, through one open: the size comes from the
 * open file (a large file is never read into memory) and the first bytes are sniffed before the
 * rest is read, so an image or an archive costs one small read.
 */
export function readText(path: string): { text: string } | { skip: Skipped['reason'] } {
  const fd = openSync(path, 'r')
  try {
    const size = fstatSync(fd).size
    if (size > MAX_BYTES) return { skip: 'too-large' }
    const bytes = Buffer.allocUnsafe(size)
    let read = readAll(fd, bytes, 0, Math.min(size, SNIFF_BYTES))
    if (isBinary(bytes.subarray(0, read))) return { skip: 'binary' }
    if (read === Math.min(size, SNIFF_BYTES)) read += readAll(fd, bytes, read, size - read)
    // A file that shrank while it was read is taken as far as it went.
    return { text: bytes.toString('utf8', 0, read) }
  } finally {
    closeSync(fd)
  }
}

/** Reads up to `length` bytes into `into` at `at`; fewer only at the end of the file. */
function readAll(fd: number, into: Buffer, at: number, length: number): number {
  let done = 0
  while (done < length) {
    const n = readSync(fd, into, at + done, length - done, at + done)
    if (n === 0) break
    done += n
  }
  return done
}
