import { finished } from 'node:stream/promises'
import { createRedactByteStream, type Redactor } from '@hush/core'
import { forwardSignals, signalExitCode } from './signals.js'

type PtyModule = typeof import('@lydell/node-pty')

/** `@lydell/node-pty` when it is installed and its binary loads on this platform, else undefined. */
export async function loadPty(): Promise<PtyModule | undefined> {
  try {
    const loaded = (await import('@lydell/node-pty')) as PtyModule & { default?: PtyModule }
    return typeof loaded.spawn === 'function' ? loaded : loaded.default
  } catch {
    return undefined
  }
}

/**
 * Runs the command in a pseudo-terminal, so it sees a terminal (colours, progress bars,
 * prompts, line editing) while everything it prints passes through the redactor. A terminal
 * has one output: the child's stdout and stderr both arrive on hush's stdout. Keys go to the
 * child raw (Ctrl-C reaches it through its terminal, as a keypress), the window size follows
 * ours, and signals sent to hush are passed on.
 */
export async function runInPty(pty: PtyModule, file: string, args: string[], env: NodeJS.ProcessEnv, redactor: Redactor): Promise<number> {
  const out = process.stdout
  const term = pty.spawn(file, args, {
    name: env.TERM ?? 'xterm-256color',
    cols: out.columns || 80,
    rows: out.rows || 24,
    cwd: process.cwd(),
    env: env,
    encoding: null,
  })
  const output = createRedactByteStream(redactor)
  output.pipe(out, { end: false })
  term.onData((data: string | Buffer) => void output.write(data))

  // Only used when stdin and stderr are terminals too (see `runCommand`): keys go to the child raw.
  const stdin = process.stdin
  const raw = stdin.isTTY && !stdin.isRaw
  if (raw) stdin.setRawMode(true)
  const toChild = (data: Buffer) => term.write(data as unknown as string)
  stdin.on('data', toChild)
  stdin.resume()
  const resize = () => term.resize(out.columns || 80, out.rows || 24)
  out.on('resize', resize)
  const stop = forwardSignals((signal) => term.kill(signal), false)
  try {
    const { exitCode, signal } = await new Promise<{ exitCode: number; signal?: number }>((resolve) => term.onExit(resolve))
    output.end()
    await finished(output)
    return signal ? signalExitCode(signal) : exitCode
  } finally {
    stop()
    out.off('resize', resize)
    stdin.off('data', toChild)
    if (raw) stdin.setRawMode(false)
    stdin.pause()
  }
}
