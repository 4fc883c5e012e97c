import { readdirSync } from 'node:fs'
import { parse } from 'dotenv'

/** Files that document variables rather than set them. */
const EXAMPLES = /^\.env\.(?:example|sample|template|dist|defaults)$/

/** `.env` and `.env.*` in `dir`, `.env` first; examples, and the file values are moved to, are not read. */
export function envFiles(dir: string, exclude: readonly string[] = []): string[] {
  const names = readdirSync(dir, { withFileTypes: true })
    .filter((e) => e.isFile() && /^\.env(?:\.[^/]+)?$/.test(e.name) && !EXAMPLES.test(e.name) && !exclude.includes(e.name))
    .map((e) => e.name)
    .sort()
  return names.sort((a, b) => Number(b === '.env') - Number(a === '.env'))
}

/** One `KEY=value` assignment as dotenv reads it, with where its raw value sits in the text. */
export interface Assignment {
  key: string
  /** The value dotenv gives the app (quotes removed, `\n` expanded in double quotes). */
  value: string
  /** Offsets of the raw value (quotes included) in the file, so only it is replaced. */
  start: number
  end: number
}

// dotenv 18's own line pattern (lib/main.js), with indices: the same text matches the same
// assignments, so the span replaced is exactly the value dotenv would have read.
const LINE = /(?:^|^)\s*(?:export\s+)?([\w.-]+)(?:\s*=\s*?|:\s+?)(\s*'(?:\\'|[^'])*'|\s*"(?:\\"|[^"])*"|\s*`(?:\\`|[^`])*`|[^#\r\n]+)?\s*(?:#.*)?(?:$|$)/dgm

/** Every assignment in a `.env` text, in order; a key set twice appears twice (dotenv keeps the last). */
export function assignments(text: string): Assignment[] {
  // Offsets must point into the text as written, so a file with CRLF endings keeps them.
  if (text.includes('\r\n')) return crlfAssignments(text)
  const out: Assignment[] = []
  for (const m of text.replace(/\r/g, '\n').matchAll(LINE)) {
    const [start, end] = m.indices?.[2] ?? [-1, -1]
    if (start < 0) continue
    const raw = m[2]!
    const lead = raw.length - raw.trimStart().length
    const trimmedEnd = end - (raw.length - raw.trimEnd().length)
    const value = parse(`${m[1]}=${raw}`)[m[1]!] ?? ''
    out.push({ key: m[1]!, value, start: start + lead, end: trimmedEnd })
  }
  return out
}

function crlfAssignments(text: string): Assignment[] {
  // dotenv reads CRLF as LF: each \r\n lost one character, so offsets map back one to one.
  const lf = text.replace(/\r\n/g, '\n')
  const map: number[] = []
  for (let i = 0, j = 0; i <= text.length; i++) {
    if (text[i] === '\r' && text[i + 1] === '\n') continue
    map[j++] = i
  }
  return assignments(lf).map((a) => ({ ...a, start: map[a.start]!, end: map[a.end]! }))
}
