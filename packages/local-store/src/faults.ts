import { AwsError } from './errors.js'

/** Faults for one operation, or for all. */
export interface FaultSpec {
  /** Extra delay before answering, in ms. */
  latencyMs?: number
  /** Share of requests (0..1) answered with InternalServiceError (HTTP 500). */
  errorRate?: number
  /** Share of requests (0..1) answered with ThrottlingException. */
  throttleRate?: number
  /** When true, connections are dropped without an answer, as if the store were down. */
  outage?: boolean
}

export interface Faults extends FaultSpec {
  /** Per-operation faults (`GetSecretValue`, ...), applied on top of the global ones. */
  operations?: Record<string, FaultSpec>
}

export type FaultDecision = { kind: 'drop' } | { kind: 'error'; error: AwsError } | { kind: 'ok' }

/** Decides, per request, the latency and failure to inject. */
export class FaultInjector {
  constructor(
    public faults: Faults = {},
    private random: () => number = Math.random,
  ) {}

  latency(operation: string): number {
    return (this.faults.latencyMs ?? 0) + (this.faults.operations?.[operation]?.latencyMs ?? 0)
  }

  decide(operation: string): FaultDecision {
    const specific = this.faults.operations?.[operation] ?? {}
    if (this.faults.outage || specific.outage) return { kind: 'drop' }
    const throttle = Math.max(this.faults.throttleRate ?? 0, specific.throttleRate ?? 0)
    if (throttle > 0 && this.random() < throttle) return { kind: 'error', error: new AwsError('ThrottlingException', 'Rate exceeded') }
    const error = Math.max(this.faults.errorRate ?? 0, specific.errorRate ?? 0)
    if (error > 0 && this.random() < error) {
      return { kind: 'error', error: new AwsError('InternalServiceError', 'An error occurred on the server side.') }
    }
    return { kind: 'ok' }
  }
}
