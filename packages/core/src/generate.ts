import { randomBytes } from 'node:crypto'
import type { GenerateSpec } from './config/types.js'

const ALPHABETS: Record<NonNullable<GenerateSpec['alphabet']>, string> = {
  base64url: 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_',
  alphanumeric: 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789',
  hex: '0123456789abcdef',
}

/**
 * A new random value as a manifest's `rotation.generate` declares it, for stores with no
 * rotation of their own. Bytes that would bias the draw (past the largest multiple of the
 * alphabet's size) are thrown away rather than folded in.
 */
export function generateValue(spec: GenerateSpec = {}): string {
  const chars = ALPHABETS[spec.alphabet ?? 'base64url']
  const length = spec.length ?? 32
  const limit = 256 - (256 % chars.length)
  let out = ''
  while (out.length < length) {
    for (const b of randomBytes(length * 2)) {
      if (b >= limit) continue
      out += chars[b % chars.length]
      if (out.length === length) break
    }
  }
  return out
}
