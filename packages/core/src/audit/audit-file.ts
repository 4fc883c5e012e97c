import { closeSync, fchmodSync, fstatSync, mkdirSync, openSync, renameSync, writeSync } from 'node:fs'
import { dirname } from 'node:path'

/**
 * An append-only file of lines, mode 0600, that moves aside when it would pass `maxSize`:
 * `audit.log` becomes `audit.log.1`, `.1` becomes `.2`, up to `keep` old files. Lines are
 * appended with one `write` each batch (O_APPEND), so processes sharing the file do not
 * cut into each other's lines.
 */
export class AuditFile {
  readonly #path: string
  readonly #maxSize: number
  readonly #keep: number
  #fd: number
  #size: number

  constructor(path: string, maxSize: number, keep: number) {
    this.#path = path
    this.#maxSize = maxSize
    this.#keep = keep
    this.#fd = this.#open()
    this.#size = fstatSync(this.#fd).size
  }

  /** Appends lines (each ending in a newline), moving the file aside between them when it would pass `maxSize`. */
  append(lines: readonly string[]): void {
    let batch = ''
    let batchBytes = 0
    for (const line of lines) {
      const bytes = Buffer.byteLength(line)
      if (this.#size + batchBytes + bytes > this.#maxSize && this.#size + batchBytes > 0) {
        this.#write(batch, batchBytes)
        batch = ''
        batchBytes = 0
        this.#rotate()
      }
      batch += line
      batchBytes += bytes
    }
    this.#write(batch, batchBytes)
  }

  #write(text: string, bytes: number): void {
    if (!bytes) return
    writeSync(this.#fd, text)
    this.#size += bytes
  }

  close(): void {
    closeSync(this.#fd)
  }

  #open(): number {
    // A log folder (`logs/`) that does not exist yet is made, readable by its owner only.
    mkdirSync(dirname(this.#path), { recursive: true, mode: 0o700 })
    const fd = openSync(this.#path, 'a', 0o600)
    // A file made earlier with a wider mode (by hand, or another tool) is narrowed: it names who read which secret.
    fchmodSync(fd, 0o600)
    return fd
  }

  #rotate(): void {
    closeSync(this.#fd)
    for (let i = this.#keep - 1; i >= 1; i--) moveIfThere(`${this.#path}.${i}`, `${this.#path}.${i + 1}`)
    moveIfThere(this.#path, `${this.#path}.1`)
    this.#fd = this.#open()
    this.#size = 0
  }
}

function moveIfThere(from: string, to: string): void {
  try {
    renameSync(from, to)
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw error
  }
}
