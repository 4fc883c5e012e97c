/** What `hush` exits with; the README lists them, and hooks and CI read them. */
export const EXIT = {
  /** Done, nothing found. */
  ok: 0,
  /** Done, and something was found (secrets, for `hush scan`). */
  found: 1,
  /** The command line was wrong (an unknown flag, a bad value) or the command could not run. */
  usage: 2,
  /** `hush run`: the secrets could not be resolved, so the command was not started (as `env` and `timeout` use 125). */
  unresolved: 125,
  /** `hush run`: the command was found but could not be run. */
  cannotRun: 126,
  /** `hush run`: no such command. */
  notFound: 127,
} as const

export type ExitCode = (typeof EXIT)[keyof typeof EXIT]

/** An error the user made on the command line: printed as one line with the help hint, exit code 2. */
export class UsageError extends Error {
  constructor(
    message: string,
    readonly command?: string,
  ) {
    super(message)
    this.name = 'UsageError'
  }
}
