import { spawn } from 'node:child_process'
import { once } from 'node:events'
import { existsSync, fstatSync } from 'node:fs'
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

/** Whether hush's stdout and stderr are one file or pipe (`2>&1`, a CI log). */
function oneOutput(): boolean {
  try {
    const out = fstatSync(1)
    const err = fstatSync(2)
    return out.dev === err.dev && out.ino === err.ino
  } catch {
    return false
  }
}

/**
 * Runs the command with its stdout and stderr piped through the redactor (or inherited with
 * `--no-mask`) and stdin inherited; resolves with its exit code (128 + n when a signal ended it).
 */
export async function runWithPipes(file: string, args: string[], env: NodeJS.ProcessEnv, redactor: Redactor | undefined): Promise<number> {
  const masked = redactor !== undefined
  // Two pipes are read in whatever order they fill, so lines the command writes to stdout and
  // stderr close together could swap places. When they end up in one place anyway, the command
  // gets one pipe for both (a shell sets `2>&1` and execs it, so its process is the command's).
  const merged = masked && process.platform !== 'win32' && oneOutput() && existsSync('/bin/sh')
  const child = merged
    ? spawn('/bin/sh', ['-c', 'exec "$0" "$@" 2>&1', file, ...args], { stdio: ['inherit', 'pipe', 'inherit'], env })
    : spawn(file, args, { stdio: ['inherit', masked ? 'pipe' : 'inherit', masked ? 'pipe' : 'inherit'], env })
  const stop = forwardSignals((signal) => child.kill(signal), true)
  try {
    const outputs = merged ? [child.stdout!] : masked ? [child.stdout!, child.stderr!] : []
    const copies = outputs.map((from, i) => pipeMasked(from, i ? process.stderr : process.stdout, redactor))
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
