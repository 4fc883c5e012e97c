import { spawn } from 'node:child_process'
import { once } from 'node:events'
import type { Readable } from 'node:stream'
import { createRedactByteStream, type Redactor } from '@hush/core'
import { forwardSignals, signalExitCode } from './signals.js'

/**
 * Writes what `source` emits to `to`. The redactor emits a chunk as several pieces (slices of
 * the input around each mask, not copied); corking `to` until the next tick sends a chunk's
 * pieces in one `writev` rather than one write each.
 */
function gather(source: Readable, to: NodeJS.WriteStream): void {
  let corked = false
  source.on('data', (piece: Buffer) => {
    if (!corked) {
      corked = true
      to.cork()
      process.nextTick(() => {
        corked = false
        to.uncork()
      })
    }
    if (!to.write(piece)) {
      source.pause()
      to.once('drain', () => source.resume())
    }
  })
}

/**
 * Copies a child's output stream to ours, masked. When our side closes early (`| head`), the
 * child's side is closed too, so the child meets the broken pipe it would meet on its own.
 */
function pipeMasked(from: Readable, to: NodeJS.WriteStream, redactor: Redactor | undefined): Promise<void> {
  const source = redactor ? from.pipe(createRedactByteStream(redactor)) : from
  gather(source, to)
  return new Promise((resolve) => {
    source.once('end', resolve)
    from.once('error', () => resolve())
    const onError = (error: NodeJS.ErrnoException) => {
      if (error.code !== 'EPIPE') throw error
      to.off('error', onError)
      source.removeAllListeners('data')
      from.destroy()
      resolve()
    }
    to.on('error', onError)
  })
}

/**
 * Runs the command with its stdout and stderr piped through the redactor (or inherited with
 * `--no-mask`) and stdin inherited; resolves with its exit code (128 + n when a signal ended it).
 */
export async function runWithPipes(file: string, args: string[], env: NodeJS.ProcessEnv, redactor: Redactor | undefined): Promise<number> {
  const masked = redactor !== undefined
  const child = spawn(file, args, { stdio: ['inherit', masked ? 'pipe' : 'inherit', masked ? 'pipe' : 'inherit'], env })
  const stop = forwardSignals((signal) => child.kill(signal), true)
  try {
    const copies = masked ? [pipeMasked(child.stdout!, process.stdout, redactor), pipeMasked(child.stderr!, process.stderr, redactor)] : []
    const [code, signal] = (await once(child, 'exit')) as [number | null, NodeJS.Signals | null]
    // Once the command has exited, a process it left in the background may still hold its
    // output open, and hush waits to mask that too; a signal then stops hush (as it would
    // `cmd | cat`) instead of going to a process that is gone.
    stop()
    await Promise.all(copies)
    return signal ? signalExitCode(signal) : (code ?? 1)
  } finally {
    stop()
  }
}
