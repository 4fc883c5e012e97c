import type { Probe } from './probe.js'

export interface PhaseCount {
  sent: number
  failed: number
}

export interface DrillReport {
  drill: string
  pass: boolean
  /** The app's URL the drill probed. */
  url: string
  requests: PhaseCount & { phases: Record<string, PhaseCount> }
  /** Store calls the fault hit (dropped, throttled, slowed), when a fault was applied. */
  faulted?: number
  /** Rotation: which secret, its version ids (never a value), and when each step happened (ms since the drill started). */
  rotation?: { secret: string; fromVersion?: string; toVersion?: string; storeMs: number; pickupMs?: number }
  /** Outage, throttling: how many answers the app gave while the store could not serve it. */
  staleServed?: number
  /** Latency: the slowest answer during the window, in ms. */
  slowestMs?: number
  /** How long after the fault ended the app answered again, in ms. */
  recoveryMs?: number
  /** Why the drill failed, or what it could not tell. */
  notes: string[]
}

/** Requests and failures, in all and per phase, in the order the phases came. */
export function countProbes(probes: readonly Probe[]): DrillReport['requests'] {
  const phases: Record<string, PhaseCount> = {}
  for (const p of probes) {
    const c = (phases[p.phase] ??= { sent: 0, failed: 0 })
    c.sent++
    if (!p.ok) c.failed++
  }
  return { sent: probes.length, failed: probes.filter((p) => !p.ok).length, phases }
}

const ms = (n: number) => (n >= 10_000 ? `${(n / 1000).toFixed(1)} s` : `${Math.round(n)} ms`)

/** The report as a person reads it, ending with the PASS or FAIL line CI looks for. */
export function formatReport(r: DrillReport, windowMs: number): string {
  const lines = [`hush drill ${r.drill} against ${r.url}`]
  const phases = Object.entries(r.requests.phases)
    .map(([phase, c]) => `${phase} ${c.sent}/${c.failed}`)
    .join(', ')
  lines.push(`  requests: ${r.requests.sent} sent, ${r.requests.failed} failed (sent/failed: ${phases})`)
  if (r.rotation) {
    const { secret, fromVersion, toVersion, storeMs, pickupMs } = r.rotation
    lines.push(
      `  rotation: ${secret}, version ${fromVersion ?? '(unknown)'} → ${toVersion ?? '(unknown)'}; the store served it ${ms(storeMs)} after RotateSecret`,
    )
    lines.push(
      pickupMs === undefined
        ? `  pickup: the app never showed the new value within ${ms(windowMs)}`
        : `  pickup: the app used the new value ${ms(pickupMs)} after the store served it`,
    )
  }
  if (r.faulted !== undefined) {
    const what = { outage: 'dropped', throttling: 'throttled', latency: 'slowed' }[r.drill] ?? 'faulted'
    lines.push(`  store: ${what} ${r.faulted} call${r.faulted === 1 ? '' : 's'} from the app during the ${ms(windowMs)} window`)
  }
  if (r.staleServed !== undefined) {
    const during = r.requests.phases.fault?.sent ?? 0
    lines.push(
      r.faulted
        ? `  stale serving: the app answered ${r.staleServed} of ${during} requests while the store could not serve it`
        : `  stale serving: not exercised (the app did not call the store in the window; make --duration longer than its cache ttl)`,
    )
  }
  if (r.slowestMs !== undefined) lines.push(`  slowest answer during the window: ${ms(r.slowestMs)}`)
  if (r.recoveryMs !== undefined) lines.push(`  recovery: the app answered ${ms(r.recoveryMs)} after the fault ended`)
  for (const note of r.notes) lines.push(`  note: ${note}`)
  lines.push(r.pass ? 'PASS' : 'FAIL')
  return lines.join('\n')
}
