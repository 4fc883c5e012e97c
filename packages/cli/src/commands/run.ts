import { isHushError, Redactor } from '@hush/core'
import { EXIT, UsageError } from '../exit-codes.js'
import { findCommand } from '../run/command-path.js'
import { resolveSecrets } from '../run/resolve.js'
import { runWithPipes } from '../run/spawn-pipes.js'
import { loadPty, runInPty } from '../run/spawn-pty.js'
import { createStatus } from '../run/status.js'
import type { RunCommandOptions } from './run-options.js'

const plural = (n: number, word: string) => `${n} ${word}${n === 1 ? '' : 's'}`

/**
 * `hush run -- <command>`: resolves the declared secrets, starts the command with them in its
 * environment, and masks their values in everything it prints.
 */
export async function runCommand(command: string[], options: RunCommandOptions): Promise<number> {
  const [program, ...args] = command
  if (!program) throw new UsageError('no command to run: put it after --, as in hush run -- node server.js', 'run')
  const status = createStatus({ quiet: Boolean(options.quiet) })
  const cwd = process.cwd()
  const found = findCommand(program, cwd, process.env)
  if ('error' in found) {
    if (found.error === 'bad-interpreter') status.error(`${program}: cannot run it: its interpreter ${found.interpreter} (its #! line) was not found.`)
    else status.error(found.error === 'not-found' ? `${program}: command not found.` : `${program}: not executable (check its mode: chmod +x).`)
    return found.error === 'not-found' ? EXIT.notFound : EXIT.cannotRun
  }

  const only = options.only
    ?.split(',')
    .map((n) => n.trim())
    .filter(Boolean)
  let resolved: Awaited<ReturnType<typeof resolveSecrets>>
  try {
    resolved = await resolveSecrets(cwd, { ...(options.env ? { environment: options.env } : {}), ...(only ? { only } : {}) }, status)
  } catch (error) {
    if (error instanceof UsageError) throw error
    // HushError messages name secrets, references and stores, never a value.
    status.error(isHushError(error) ? error.message : `could not read the secrets: ${(error as Error).message}`)
    status.error(`${program} was not started.`)
    return EXIT.unresolved
  }
  const { hush, values, missing, bySource } = resolved
  const environment = hush.environment
  // The command's environment is fixed once it starts: nothing to refresh, so no timers or
  // store calls while it runs.
  await hush.close()
  {
    const names = Object.keys(values)
    const sources = [...bySource].map(([scheme, n]) => `${n} from ${scheme}`).join(', ')
    status.info(`injected ${plural(names.length, 'secret')} for ${environment}${sources ? ` (${sources})` : ''}`)
    if (missing.length) status.info(`not set (optional, no value): ${missing.join(', ')}`)

    let redactor: Redactor | undefined
    if (options.mask !== false) {
      redactor = new Redactor()
      const unmaskable = names.filter((name) => !redactor!.add(name, values[name]!))
      if (unmaskable.length) status.warn(`not masked, too short or plain to find safely: ${unmaskable.join(', ')}`)
    } else status.warn('output is not masked (--no-mask): what the command prints goes out as it is.')

    // The command's own environment, plus the secrets, plus the environment hush used, so a
    // hush inside it (`@hush/dotenv`) agrees on which one.
    const env: NodeJS.ProcessEnv = { ...process.env, ...values, HUSH_ENV: environment }
    if (redactor && process.stdout.isTTY) {
      // A pseudo-terminal has one input, the keyboard, and one output, the screen: piped input
      // (`cat data | hush run -- jq .`) would be echoed and read as keys (Ctrl-C, Ctrl-D, lines),
      // and a redirected stderr (`2>err.log`) would land on the screen. Those get pipes.
      const terminal = Boolean(process.stdin.isTTY && process.stderr.isTTY)
      const pty = terminal ? await loadPty() : undefined
      if (pty) return await runInPty(pty, found.path, args, env, redactor)
      if (terminal) status.info('output is piped to be masked, so the command does not see a terminal: install @lydell/node-pty to keep colours and prompts.')
      // Most tools still colour piped output when asked to.
      if (env.NO_COLOR === undefined && env.FORCE_COLOR === undefined) env.FORCE_COLOR = '1'
    }
    try {
      return await runWithPipes(found.path, args, env, redactor)
    } catch (error) {
      const { code, syscall } = error as NodeJS.ErrnoException
      if (!syscall?.startsWith('spawn')) throw error
      // The system refused to start it (a binary for another machine, a mount without exec).
      status.error(
        `${program}: cannot run it (${code})${code === 'E2BIG' ? ': its environment is too large (Linux takes 128 KiB per variable, 2 MiB in all)' : ''}.`,
      )
      return code === 'ENOENT' ? EXIT.notFound : EXIT.cannotRun
    }
  }
}
