import { createHash } from 'node:crypto'

/**
 * A short sha256 of a value: enough to tell two values apart (has the rotation landed? do two
 * readers agree?) without showing either.
 */
export function fingerprint(value: string): string {
  return createHash('sha256').update(value).digest('hex').slice(0, 12)
}
