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

/** Latency above this would look like a hung server rather than a slow one. */
export const MAX_LATENCY_MS = 60_000

function validSpec(value: unknown, where: string): FaultSpec {
  if (!value || typeof value !== 'object' || Array.isArray(value))
    throw new Error(`${where} must be an object such as {"latencyMs": 100, "errorRate": 0.5, "outage": true}.`)
  const spec: FaultSpec = {}
  for (const [key, v] of Object.entries(value)) {
    if (key === 'latencyMs') {
      if (typeof v !== 'number' || !Number.isFinite(v) || v < 0 || v > MAX_LATENCY_MS)
        throw new Error(`${where}.latencyMs must be a number of ms from 0 to ${MAX_LATENCY_MS}.`)
      spec.latencyMs = v
    } else if (key === 'errorRate' || key === 'throttleRate') {
      if (typeof v !== 'number' || !(v >= 0 && v <= 1)) throw new Error(`${where}.${key} must be a share from 0 to 1.`)
      spec[key] = v
    } else if (key === 'outage') {
      if (typeof v !== 'boolean') throw new Error(`${where}.outage must be true or false.`)
      spec.outage = v
    } else if (key !== 'operations' || where !== 'faults') {
      throw new Error(
        `${where} has an unknown field ${JSON.stringify(key.slice(0, 40))}: use latencyMs, errorRate, throttleRate, outage${where === 'faults' ? ' or operations' : ''}.`,
      )
    }
  }
  return spec
}

/**
 * Checks faults from an option, a seed or the control endpoint and returns a clean copy:
 * only known fields, numbers in range, operation names the server knows.
 */
export function validateFaults(value: unknown, operationNames: readonly string[]): Faults {
  const faults: Faults = validSpec(value, 'faults')
  const operations = (value as { operations?: unknown }).operations
  if (operations === undefined) return faults
  if (!operations || typeof operations !== 'object' || Array.isArray(operations))
    throw new Error('faults.operations must be an object such as {"GetSecretValue": {"errorRate": 1}}.')
  faults.operations = {}
  for (const [name, spec] of Object.entries(operations)) {
    if (!operationNames.includes(name))
      throw new Error(`faults.operations names an unknown operation ${JSON.stringify(name.slice(0, 40))}: use one of ${operationNames.join(', ')}.`)
    faults.operations[name] = validSpec(spec, `faults.operations.${name}`)
  }
  return faults
}

export type FaultDecision = { kind: 'drop' } | { kind: 'error'; error: AwsError } | { kind: 'ok' }

/** Decides, per request, the latency and failure to inject. */
export class FaultInjector {
  constructor(
    public faults: Faults = {},
    private random: () => number = Math.random,
  ) {}

  private specific(operation: string): FaultSpec {
    const operations = this.faults.operations
    return operations && Object.hasOwn(operations, operation) ? (operations[operation] ?? {}) : {}
  }

  latency(operation: string): number {
    return (this.faults.latencyMs ?? 0) + (this.specific(operation).latencyMs ?? 0)
  }

  decide(operation: string): FaultDecision {
    const specific = this.specific(operation)
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
