import type { SecretConfig } from '../config/types.js'
import { HushError, type SourceLocation } from '../errors.js'
import type { Reference } from '../reference.js'
import { scrubValue } from './scrub.js'

/**
 * Checks a fetched value against the Standard Schema of its manifest entry: `HUSH_INVALID_VALUE`
 * when it does not match (or the schema throws), `undefined` when it does or there is none.
 */
export async function schemaProblem(
  secret: { name: string; ref: Reference; where: SourceLocation | undefined; spec: SecretConfig | undefined },
  value: string,
): Promise<HushError | undefined> {
  const schema = secret.spec?.schema
  if (!schema) return undefined
  // Messages come from a third-party validator, which may quote the value it rejected.
  const scrub = (s: string) => scrubValue(s, value)
  const invalid = (detail: string) =>
    new HushError('HUSH_INVALID_VALUE', {
      message: `${secret.name} (${secret.ref.raw}) does not match its schema: ${detail}`,
      fix: `correct the stored value, or the schema of secrets.${secret.name} in hush.config.`,
      secret: secret.name,
      reference: secret.ref.raw,
      ...(secret.where ? { where: secret.where } : {}),
    })
  let result: Awaited<ReturnType<(typeof schema)['~standard']['validate']>>
  try {
    result = await schema['~standard'].validate(value)
  } catch (error) {
    // A schema that throws (a refine, a transform) is still a verdict on the value.
    const message = error && typeof error === 'object' && typeof (error as Error).message === 'string' ? (error as Error).message : ''
    return invalid(message ? `the schema threw: ${scrub(message)}` : 'the schema threw')
  }
  if (!result.issues) return undefined
  return invalid(result.issues.map((i) => scrub(String(i.message))).join('; '))
}
