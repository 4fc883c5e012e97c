import { randomBytes } from 'node:crypto'

/** How a secret is regenerated when rotated locally (no Lambda). */
export interface RotationRule {
  /** The key of a JSON secret to regenerate; without it the whole value is replaced. @default 'password' when the secret is a JSON object that has one */
  key?: string
  /** Length of the generated value. @default 32 */
  length?: number
  /** Days between rotations, reported in RotationRules and NextRotationDate. @default 30 */
  afterDays?: number
}

const CHARS = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_'

/** A random value of `length` URL-safe characters. */
export function generate(length: number): string {
  const bytes = randomBytes(length)
  let out = ''
  for (const b of bytes) out += CHARS[b & 63]
  return out
}

/** The value a rotation of `current` produces under `rule`. */
export function nextValue(current: string, rule: RotationRule = {}): string {
  const length = rule.length ?? 32
  let data: unknown
  try {
    data = JSON.parse(current)
  } catch {
    data = undefined
  }
  if (data && typeof data === 'object' && !Array.isArray(data)) {
    const key = rule.key ?? ('password' in data ? 'password' : undefined)
    if (key) return JSON.stringify({ ...data, [key]: generate(length) })
  }
  return generate(length)
}
