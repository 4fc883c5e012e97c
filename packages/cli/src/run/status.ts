import pc from 'picocolors'

const FRAMES = ['⠋', '⠙', '⠹', '⠸', '⠼', '⠴', '⠦', '⠧', '⠇', '⠏']
// Stores that answer within this long get no spinner: it would only flicker.
const SPINNER_AFTER = 250

/**
 * `hush run`'s own lines, on stderr so the command's stdout stays its own: short, `hush:`
 * first, silent with `--quiet` (warnings and errors still show), colour only on a terminal
 * and never with `NO_COLOR`.
 */
export interface Status {
  info(line: string): void
  warn(line: string): void
  error(line: string): void
  /** Runs `task`; on a terminal, a spinner says what hush waits for once it takes a moment. */
  while<T>(what: string, task: () => Promise<T>): Promise<T>
}

export function createStatus(options: { quiet: boolean; stream?: NodeJS.WriteStream; env?: NodeJS.ProcessEnv }): Status {
  const stream = options.stream ?? process.stderr
  const env = options.env ?? process.env
  const tty = Boolean(stream.isTTY)
  // https://no-color.org: present and not empty.
  const colour = pc.createColors(tty && !env.NO_COLOR && env.TERM !== 'dumb')
  const write = (line: string) => void stream.write(`${line}\n`)
  return {
    info: (line) => options.quiet || write(`${colour.dim('hush:')} ${line}`),
    warn: (line) => write(`${colour.yellow('hush:')} ${line}`),
    error: (line) => write(`${colour.red('hush:')} ${line}`),
    async while(what, task) {
      if (!tty || options.quiet) return task()
      let frame = 0
      let shown = false
      let timer: NodeJS.Timeout | undefined
      const draw = () => {
        shown = true
        stream.write(`\r${colour.cyan(FRAMES[frame++ % FRAMES.length])} hush: ${what}…\x1b[K`)
        timer = setTimeout(draw, 80)
      }
      timer = setTimeout(draw, SPINNER_AFTER)
      try {
        return await task()
      } finally {
        clearTimeout(timer)
        if (shown) stream.write('\r\x1b[K')
      }
    },
  }
}
