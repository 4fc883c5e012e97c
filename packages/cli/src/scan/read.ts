import type { Skipped } from './finding.js'

/** Files larger than this are not read: generated bundles and data, not where secrets are typed. */
export const MAX_BYTES = 2 * 1024 * 1024
/** How much of a file is looked at for a NUL byte, as git does to tell binary from text. */
const SNIFF_BYTES = 8 * 1024

/** The file's text, or why it is skipped. */
export function textOf(bytes: Buffer): { text: string } | { skip: Skipped['reason'] } {
  if (bytes.length > MAX_BYTES) return { skip: 'too-large' }
  if (bytes.subarray(0, SNIFF_BYTES).includes(0)) return { skip: 'binary' }
  return { text: bytes.toString('utf8') }
}
