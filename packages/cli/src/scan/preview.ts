/** `name = `, `"name": "`, `KEY=`: what stands before the value in a finding that spans an assignment. */
const NAME_PART = /^[A-Za-z_][\w.-]*["']?\]?[ \t]*(?::=|=>|=|:)[ \t]*["'`]?/

/**
 * The first characters of a secret, enough to recognise it (`ghp_…`, `sk_l…`), never enough to
 * use it: 4 at most, and a quarter of the value at most, so a short password shows one or two.
 */
export function previewOf(span: string): string {
  const value = span.replace(NAME_PART, '').trim()
  const shown = Math.min(4, Math.floor(value.length / 4))
  return `${value.slice(0, shown)}…`
}
