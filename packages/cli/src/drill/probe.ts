import { execFile } from 'node:child_process'
/** One request to the app (or run of its health command) and what it answered. */
export interface Probe {
  /** When it was sent, in ms since the drill started. */
  at: number
  /** When its answer (or failure) came. */
  doneAt: number
  ok: boolean
  /** The HTTP status, or 0 when no answer came (refused, reset, timed out). */
  status: number
  body: string
  phase: string
}

const PAUSE_MS = 50
const REQUEST_TIMEOUT_MS = 10_000

/** One look at the app: did it answer well, its status (HTTP, or a command's exit code), and what it said. */
export type Check = () => Promise<{ ok: boolean; status: number; body: string; answered: boolean }>

/** GET `url`: any HTTP answer means the app is up; a 2xx is a success. */
export function httpCheck(url: string): Check {
  return async () => {
    try {
      const response = await fetch(url, { signal: AbortSignal.timeout(REQUEST_TIMEOUT_MS), headers: { 'user-agent': 'hush-drill' } })
      return { ok: response.ok, status: response.status, body: await response.text(), answered: true }
    } catch {
      return { ok: false, status: 0, body: '', answered: false }
    }
  }
}

/**
 * A health command run through the shell (`curl -fsS localhost:$PORT/health`, a CLI's own
 * status command), with the app's PORT in its environment: exit 0 is a success, and what it
 * prints is read as an HTTP body would be (a version id or a fingerprint shows the pickup).
 */
export function commandCheck(command: string, env: NodeJS.ProcessEnv): Check {
  return () =>
    new Promise((resolve) => {
      execFile(
        process.platform === 'win32' ? 'cmd.exe' : '/bin/sh',
        process.platform === 'win32' ? ['/d', '/s', '/c', command] : ['-c', command],
        {
          env,
          timeout: REQUEST_TIMEOUT_MS,
          maxBuffer: 1024 * 1024,
        },
        (error, stdout) => {
          const status = error ? (typeof error.code === 'number' ? error.code : 1) : 0
          resolve({ ok: !error, status, body: String(stdout), answered: !error })
        },
      )
    })
}

/** Checks the app one request after another, as a client would, until stopped; each answer is tagged with the phase at the time. */
export class Prober {
  readonly probes: Probe[] = []
  phase = 'before'
  private running = true
  private loop: Promise<void> | undefined
  private waiters: Array<(probe: Probe) => void> = []

  constructor(
    private readonly check: Check,
    private readonly started: number,
  ) {}

  start(): void {
    this.loop = (async () => {
      while (this.running) {
        const probe = await this.once()
        this.probes.push(probe)
        for (const w of this.waiters.splice(0)) w(probe)
        await new Promise((r) => setTimeout(r, PAUSE_MS))
      }
    })()
  }

  /** Resolves with the next answer. */
  next(): Promise<Probe> {
    return new Promise((resolve) => this.waiters.push(resolve))
  }

  async stop(): Promise<void> {
    this.running = false
    await this.loop
  }

  async once(): Promise<Probe> {
    const at = Date.now() - this.started
    const phase = this.phase
    const { ok, status, body } = await this.check()
    return { at, doneAt: Date.now() - this.started, ok, status, body, phase }
  }
}

/** Waits until the app answers at all (any HTTP status; a health command's success), or `gone()` says it exited, or the time is up. */
export async function waitForApp(check: Check, what: string, ms: number, gone: () => string | undefined): Promise<string | undefined> {
  const end = Date.now() + ms
  for (;;) {
    const why = gone()
    if (why) return why
    if ((await check()).answered) return undefined
    if (Date.now() > end) return `it did not answer ${what} within ${Math.round(ms / 1000)} s`
    await new Promise((r) => setTimeout(r, 100))
  }
}
