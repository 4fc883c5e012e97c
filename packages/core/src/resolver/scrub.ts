import { Redactor } from '../redact/redactor.js'

const WITHHELD = '(message withheld: it may quote the value)'

/**
 * `text` with `value` taken out, in every form the redactor knows (escaped, encoded, upper or
 * lower case). A text that still holds a run of 8 characters of the value (V8's JSON.parse
 * quotes the first 10, validators cut values short) is withheld whole, as is any text holding
 * a value too short to find safely.
 */
export function scrubValue(text: string, value: string): string {
  if (value.length < 4) return text.includes(value) ? WITHHELD : text
  const redactor = new Redactor({ minLength: 4, minEntropyBits: 0, mask: () => '[redacted]' })
  const out = redactor.add('value', value) ? redactor.redact(text) : text.split(value).join('[redacted]')
  const run = Math.min(8, value.length)
  const lower = out.toLowerCase()
  for (let i = 0; i + run <= value.length; i++) if (lower.includes(value.slice(i, i + run).toLowerCase())) return WITHHELD
  return out
}
