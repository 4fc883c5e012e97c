import type { SourceLocation } from '@hush/core'
import { KNOWN_SCHEMES, suggestScheme } from '@hush/core/reference'
import { parse } from '../parse.js'

// The schemes `.env` values are checked for are the built-in ones and those of hush's provider
// packages (KNOWN_SCHEMES): a known scheme whose package is missing gets a clear error, never
// a silent `aws-sm://...` password. @hush/core/reference is a light entry, so a start with no
// references stays as light as dotenv.
const SCHEMES: readonly string[] = KNOWN_SCHEMES

const SCHEME = /^([a-z][a-z0-9+.-]*):\/\//

export type Sources = Record<string, { reference: string; where?: SourceLocation }>

/** `.env` keys whose values are references, with where each was written. */
export function findReferences(values: Record<string, string | undefined>, where: (key: string) => SourceLocation | undefined): Sources {
  const out: Sources = {}
  for (const key of Object.keys(values)) {
    const value = values[key]
    const scheme = value ? SCHEME.exec(value)?.[1] : undefined
    if (scheme !== undefined && SCHEMES.includes(scheme)) {
      const at = where(key)
      out[key] = at ? { reference: value!, where: at } : { reference: value! }
    }
  }
  return out
}

/** A `.env` value shaped like a reference whose scheme is a near miss of a known one. */
export interface Suspect {
  /** The scheme as written (`evn`, `env:` without slashes, ...). Safe to print; the rest is not. */
  written: string
  /** The scheme it was probably meant to be. */
  scheme: string
  where?: SourceLocation
}

/**
 * Values that look like a mistyped reference (`evn://X`, `env:/X`, `file:secrets/x`,
 * `aws-ms://prod/db`): used as plain values they would hand the app the reference text.
 */
export function findSuspects(values: Record<string, string | undefined>, where: (key: string) => SourceLocation | undefined): Record<string, Suspect> {
  const out: Record<string, Suspect> = {}
  for (const key of Object.keys(values)) {
    const value = values[key]
    // Cheap guard first: only values with a ':' near the start can be reference-shaped.
    const colon = value ? value.indexOf(':') : -1
    if (colon <= 0 || colon > 12) continue
    const near = suggestScheme(value!)
    if (!near) continue
    const at = where(key)
    out[key] = { written: value!.slice(0, colon), scheme: near.scheme, ...(at ? { where: at } : {}) }
  }
  return out
}

/** One line about a suspect, naming the key, the place and the schemes, never the value. */
export function describeSuspect(key: string, s: Suspect): string {
  const at = s.where?.file ? `${s.where.file}${s.where.line ? `:${s.where.line}` : ''} ` : ''
  return `${at}${key} starts with "${s.written}:", which is not a reference scheme hush reads; did you mean "${s.scheme}://"?`
}

const escapeRe = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')

/**
 * The reference as the user meant it. In `.env` an unquoted `#` starts a comment, so dotenv
 * reads `DB=aws-sm://prod/db#password` as `aws-sm://prod/db`. When the line shows the
 * reference followed directly by `#key` (no space, as no comment is written), the key was
 * meant as part of the reference, and it is put back. `parse()` itself stays dotenv's.
 */
export function withFragment(source: string, key: string, value: string): string {
  // Most references have no `#` after them: skip the search through the whole text.
  if (!source.includes(`${value}#`)) return value
  const line = new RegExp(`^[ \\t]*(?:export\\s+)?${escapeRe(key)}\\s*[=:][ \\t]*${escapeRe(value)}(#[^\\s#]+)`, 'm').exec(source)
  return line ? value + line[1] : value
}

/**
 * Parses `.env` text as dotenv does and also lists the values that are references (with the
 * line each was written on), for adapters that read .env files themselves.
 */
export function parseWithReferences(text: string, file?: string): { values: Record<string, string>; references: Sources } {
  const values = parse(text)
  const lineOf = lineFinder(text)
  const references = findReferences(values, (key) => {
    const line = lineOf(key)
    return file ? (line ? { file, line } : { file }) : undefined
  })
  for (const [key, ref] of Object.entries(references)) ref.reference = withFragment(text, key, ref.reference)
  return { values, references }
}

/** The last line each key is assigned on, in one pass: a `.env` may hold a thousand keys. */
function keyLines(source: string): Map<string, number> {
  const lines = new Map<string, number>()
  let line = 1
  let pos = 0
  for (const m of source.matchAll(/^[ \t]*(?:export\s+)?([\w.-]+)\s*[=:]/gm)) {
    for (let i = source.indexOf('\n', pos); i !== -1 && i < m.index; i = source.indexOf('\n', i + 1)) line++
    pos = m.index
    lines.set(m[1]!, line)
  }
  return lines
}

/**
 * The last line a key is assigned on (dotenv keeps the last), for messages; the text is
 * indexed once, on the first question, however many keys are asked about.
 */
export function lineFinder(source: string): (key: string) => number | undefined {
  let lines: Map<string, number> | undefined
  return (key) => (lines ??= keyLines(source)).get(key)
}
