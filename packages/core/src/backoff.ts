export interface RetryOptions {
  /** Extra attempts after the first failure of a cold fetch. @default 2 */
  retries?: number
  /** First backoff ceiling in ms. @default 200 */
  baseDelayMs?: number
  /** Largest backoff ceiling in ms. @default 30000 */
  maxDelayMs?: number
}

/**
 * Exponential backoff with full jitter: a uniform delay in [0, min(max, base * 2^attempt)).
 * Jitter spreads retries from many processes so a recovering store is not hit in step.
 */
export function backoffDelay(attempt: number, base: number, max: number, random: () => number = Math.random): number {
  const ceiling = Math.min(max, base * 2 ** attempt)
  return Math.floor(random() * ceiling)
}

export const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms))
