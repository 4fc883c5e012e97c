import { constants } from 'node:os'

// Signals a supervisor, a terminal or a user sends to stop or nudge a process. SIGUSR1 is
// left to Node (it starts the inspector).
const FORWARDED = ['SIGINT', 'SIGTERM', 'SIGHUP', 'SIGQUIT', 'SIGUSR2', 'SIGBREAK'] as const
// Keys (Ctrl-C, Ctrl-\) make the terminal signal its whole foreground process group, the
// child included: sending it again would count twice ("press Ctrl-C again to force quit").
const FROM_KEYBOARD = new Set<string>(['SIGINT', 'SIGQUIT'])

/**
 * Passes the signals hush receives on to the child, and keeps hush alive until the child has
 * exited. `sameGroup`: the child shares hush's terminal process group (it was spawned with
 * pipes, not in a pseudo-terminal), so keyboard signals already reached it.
 */
export function forwardSignals(kill: (signal: NodeJS.Signals) => void, sameGroup: boolean): () => void {
  const onTerminal = sameGroup && Boolean(process.stdin.isTTY || process.stdout.isTTY || process.stderr.isTTY)
  const handlers = FORWARDED.filter((s) => s !== 'SIGBREAK' || process.platform === 'win32').map((signal) => {
    const handler = () => {
      if (!(onTerminal && FROM_KEYBOARD.has(signal))) kill(signal)
    }
    process.on(signal, handler)
    return () => void process.off(signal, handler)
  })
  return () => handlers.forEach((off) => off())
}

/** A shell's exit status for a process killed by `signal`: 128 + its number. */
export function signalExitCode(signal: NodeJS.Signals | number): number {
  const n = typeof signal === 'number' ? signal : (constants.signals as Record<string, number>)[signal]
  return 128 + (n ?? 1)
}
