import { HushError } from '../errors.js'
import type { Reference } from '../reference.js'

/**
 * Picks `ref.key` out of a JSON secret. A dotted key (`db.password`) walks nested objects
 * when no top-level key has that exact name. Errors name the key, never the value.
 */
export function pickJsonKey(value: string, ref: Reference): string | HushError {
  if (ref.key === undefined) return value
  let data: unknown
  try {
    data = JSON.parse(value)
  } catch {
    return new HushError('HUSH_INVALID_VALUE', {
      message: `${ref.raw} asks for key "${ref.key}", but the secret is not JSON`,
      reason: 'Only a JSON object secret has keys.',
      fix: `drop "#${ref.key}" to read the whole value, or store the secret as a JSON object.`,
      reference: ref.raw,
    })
  }
  const missing = () =>
    new HushError('HUSH_NOT_FOUND', {
      message: `${ref.raw}: the JSON secret has no key "${ref.key}"`,
      fix: 'check the key name after "#" (keys are case-sensitive), or add the key to the secret.',
      reference: ref.raw,
    })
  if (data === null || typeof data !== 'object') return missing()
  let found: unknown
  if (Object.prototype.hasOwnProperty.call(data, ref.key)) {
    found = (data as Record<string, unknown>)[ref.key]
  } else {
    found = data
    for (const part of ref.key.split('.')) {
      if (found === null || typeof found !== 'object' || !Object.prototype.hasOwnProperty.call(found, part)) return missing()
      found = (found as Record<string, unknown>)[part]
    }
  }
  if (found === undefined || found === null) return missing()
  return typeof found === 'string' ? found : JSON.stringify(found)
}
