import type { Actor, HushEvent, HushEventType } from '../events.js'
import { AuditFile } from './audit-file.js'

export interface AuditSettings {
  /** Absolute path of the log. */
  file: string
  events: ReadonlySet<HushEventType>
  maxSize: number
  keep: number
  /** Milliseconds between writes of the access counts. */
  interval: number
}

/** What the log asks hush about a name when it writes its accesses: never the value. */
export interface AuditFacts {
  environment: string
  actor: () => Actor
  reference: (name: string) => string | undefined
  version: (name: string) => string | undefined
  purpose: (name: string) => string | undefined
  /** Reads served from memory so far, by name (running totals). */
  reads: () => ReadonlyArray<readonly [name: string, total: number]>
}

interface Count {
  n: number
  since: number
  cached: number
}

// Logs still open at exit write what they hold: a process that ends between two writes loses nothing.
const open = new Set<AuditLog>()
let exitHook = false
const flushAll = () => {
  for (const log of open) log.flush()
}

/**
 * The audit trail as JSON lines: who read which secret (name, reference, version), when and
 * why (the manifest's purpose), and the rotations, stale serves, blocked leaks and errors.
 * Never a value: the lines are built from names, references, versions and events, none of
 * which holds one.
 *
 * Reads are counted, not written one by one: the cache counts the reads it serves (a warm
 * `get()` pays one increment), and each name read in a period (a second) gets one line with
 * the count and the period (`{ type: 'access', count, since, time }`).
 */
export class AuditLog {
  readonly #settings: AuditSettings
  readonly #facts: AuditFacts
  readonly #file: AuditFile
  readonly #counts = new Map<string, Count>()
  readonly #seen = new Map<string, number>()
  #periodStart = Date.now()
  #lines: string[] = []
  #timer: NodeJS.Timeout | undefined
  #interval: NodeJS.Timeout | undefined
  #closed = false
  #warned = false

  constructor(settings: AuditSettings, facts: AuditFacts) {
    this.#settings = settings
    this.#facts = facts
    this.#file = new AuditFile(settings.file, settings.maxSize, settings.keep)
    open.add(this)
    if (this.readsAudited) {
      this.#interval = setInterval(() => this.flush(), settings.interval)
      this.#interval.unref()
    }
    if (!exitHook) {
      exitHook = true
      process.on('exit', flushAll)
    }
  }

  /** Whether reads are audited: `get()` calls `read` only then. */
  get readsAudited(): boolean {
    return this.#settings.events.has('access')
  }

  /** Counts one read of `name` that memory could not serve (reads from memory are counted by the cache). */
  read(name: string): void {
    const count = this.#counts.get(name)
    if (count) count.n++
    else this.#counts.set(name, { n: 1, since: this.#periodStart, cached: 0 })
    this.#schedule()
  }

  /** An event hush emitted; written when its type is audited (reads are counted instead). */
  event(event: HushEvent): void {
    if (event.type === 'access' || !this.#settings.events.has(event.type)) return
    this.#lines.push(JSON.stringify({ ...event, time: new Date(event.time).toISOString() }))
    this.#schedule()
  }

  /** Writes what is pending now. */
  flush(): void {
    if (this.#closed) return
    clearTimeout(this.#timer)
    this.#timer = undefined
    const now = new Date().toISOString()
    const facts = this.#facts
    if (this.readsAudited) {
      // Reads from memory in this period: the running totals less what the last period saw.
      for (const [name, total] of facts.reads()) {
        const count = total - (this.#seen.get(name) ?? 0)
        if (count <= 0) continue
        this.#seen.set(name, total)
        const known = this.#counts.get(name)
        if (known) {
          known.n += count
          known.cached += count
        } else this.#counts.set(name, { n: count, since: this.#periodStart, cached: count })
      }
    }
    for (const [name, count] of this.#counts) {
      const reference = facts.reference(name)
      const version = facts.version(name)
      const purpose = facts.purpose(name)
      this.#lines.push(
        JSON.stringify({
          type: 'access',
          time: now,
          since: new Date(count.since).toISOString(),
          count: count.n,
          cached: count.cached,
          environment: facts.environment,
          name,
          ...(reference !== undefined ? { reference } : {}),
          ...(version !== undefined ? { version } : {}),
          ...(purpose !== undefined ? { purpose } : {}),
          actor: facts.actor(),
        }),
      )
    }
    this.#counts.clear()
    this.#periodStart = Date.now()
    if (!this.#lines.length) return
    const lines = this.#lines.map((line) => `${line}\n`)
    this.#lines = []
    try {
      this.#file.append(lines)
    } catch (error) {
      // A full disk or a removed folder must not fail the read that was being audited: say it
      // once, as a process warning, and go on.
      if (!this.#warned) {
        this.#warned = true
        process.emitWarning(
          `hush could not write the audit log ${this.#settings.file}: ${(error as NodeJS.ErrnoException).code ?? (error as Error).message}`,
          'HushAuditWarning',
        )
      }
    }
  }

  close(): void {
    if (this.#closed) return
    this.flush()
    clearInterval(this.#interval)
    this.#closed = true
    open.delete(this)
    this.#file.close()
  }

  /** Reads from memory are only counted: a timer that runs while the log is open writes them each period. */
  #schedule(): void {
    if (this.#timer || this.#closed) return
    this.#timer = setTimeout(() => this.flush(), this.#settings.interval)
    this.#timer.unref()
  }
}
