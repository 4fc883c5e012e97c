/** One request to the app and what it answered. */
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

/** Sends GET `url` one request after another, as a client would, until stopped; each answer is tagged with the phase at the time. */
export class Prober {
  readonly probes: Probe[] = []
  phase = 'before'
  private running = true
  private loop: Promise<void> | undefined
  private waiters: Array<(probe: Probe) => void> = []

  constructor(
    private readonly url: string,
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
    try {
      const response = await fetch(this.url, { signal: AbortSignal.timeout(REQUEST_TIMEOUT_MS), headers: { 'user-agent': 'hush-drill' } })
      const body = await response.text()
      return { at, doneAt: Date.now() - this.started, ok: response.ok, status: response.status, body, phase }
    } catch {
      return { at, doneAt: Date.now() - this.started, ok: false, status: 0, body: '', phase }
    }
  }
}

/** Waits until the app answers at all (any HTTP status), or `gone()` says it exited, or the time is up. */
export async function waitForApp(url: string, ms: number, gone: () => string | undefined): Promise<string | undefined> {
  const end = Date.now() + ms
  for (;;) {
    const why = gone()
    if (why) return why
    try {
      await fetch(url, { signal: AbortSignal.timeout(2000) })
      return undefined
    } catch {
      if (Date.now() > end) return `it did not answer at ${url} within ${Math.round(ms / 1000)} s`
      await new Promise((r) => setTimeout(r, 100))
    }
  }
}
