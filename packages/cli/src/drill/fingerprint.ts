import { createHash } from 'node:crypto'

/** Shorter hex runs would match by chance; a 12-character sha256 prefix is what examples/nest-api shows. */
const MIN_PREFIX = 8

/**
 * What an app may show to say which value it uses, without showing it: the sha256 (hex) of the
 * value and, for a JSON object, of each of its text fields (a reference may read one key).
 */
export function fingerprintsOf(value: string): string[] {
  const prints = [sha256(value)]
  try {
    const data: unknown = JSON.parse(value)
    if (data && typeof data === 'object' && !Array.isArray(data)) {
      for (const field of Object.values(data)) if (typeof field === 'string') prints.push(sha256(field))
    }
  } catch {
    // Not JSON: the whole value is all there is.
  }
  return prints
}

const sha256 = (text: string) => createHash('sha256').update(text).digest('hex')

/** Whether an answer shows the version id or a sha256 prefix (8+ hex characters) of one of the fingerprints. */
export function shows(body: string, mark: { version?: string; prints: readonly string[] }): boolean {
  if (mark.version && body.includes(mark.version)) return true
  for (const run of body.toLowerCase().match(/[0-9a-f]+/g) ?? []) {
    if (run.length >= MIN_PREFIX && mark.prints.some((p) => p.startsWith(run))) return true
  }
  return false
}
