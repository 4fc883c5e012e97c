import { day } from '../project/duration.js'
import type { InventoryRow } from './rows.js'

/** Columns whose values come from the stores and move with every rotation: `--check` leaves them out. */
export const STORE_COLUMNS = new Set(['Last rotated', 'Next rotation'])

/** The inventory as a header and cells, one row per secret; the same for the table and the markdown. */
export function cells(environments: readonly string[], rows: readonly InventoryRow[]): { header: string[]; body: string[][] } {
  const header = ['Name', 'Owner', 'Purpose', ...environments.map((e) => `Source (${e})`), 'Rotation', 'Last rotated', 'Next rotation', 'Expires', 'Public']
  const body = rows.map((r) => [
    r.name,
    r.owner ?? '',
    r.purpose ?? '',
    ...environments.map((e) => r.sources[e] ?? ''),
    r.rotation ? `every ${r.rotation}` : '',
    r.lastRotated ? day(r.lastRotated) : '',
    r.nextRotation ? day(r.nextRotation) : '',
    r.expires ?? '',
    r.public ? 'yes' : 'no',
  ])
  return { header, body }
}

export function formatTable(environments: readonly string[], rows: readonly InventoryRow[]): string {
  const { header, body } = cells(environments, rows)
  const all = [header, ...body].map((row) => row.map((c) => c || '-'))
  const widths = header.map((_, i) => Math.max(...all.map((row) => row[i]!.length)))
  return (
    all
      .map((row) =>
        row
          .map((c, i) => c.padEnd(widths[i]!))
          .join('  ')
          .trimEnd(),
      )
      .join('\n') + '\n'
  )
}

export function formatJson(environment: string, environments: readonly string[], rows: readonly InventoryRow[]): string {
  return JSON.stringify({ environment, environments, secrets: rows }, null, 2) + '\n'
}

const escapeCell = (c: string) =>
  c
    .replace(/\\/g, '\\\\')
    .replace(/\|/g, '\\|')
    .replace(/\s*\n\s*/g, ' ')

/** SECRETS.md: a table of every secret, to commit; `hush inventory --check` tells when it is out of date. */
export function formatMarkdown(environment: string, environments: readonly string[], rows: readonly InventoryRow[]): string {
  const { header, body } = cells(environments, rows)
  const line = (row: readonly string[]) => `| ${row.map(escapeCell).join(' | ')} |`
  return [
    '# Secrets',
    '',
    '<!-- Written by `hush inventory --format markdown`; `hush inventory --check` fails when it is out of date. -->',
    `The secrets this project declares in hush.config, with no values. Rotation dates are from the ${environment} stores when this file was written.`,
    '',
    line(header),
    line(header.map(() => '---')),
    ...body.map(line),
    '',
  ].join('\n')
}

/** The rows of a markdown table by their first cell, as header name → cell. */
export function parseMarkdown(text: string): Map<string, Map<string, string>> {
  const rows = text.split('\n').filter((l) => l.trim().startsWith('|'))
  const split = (l: string) =>
    l
      .trim()
      .replace(/^\||\|$/g, '')
      .split(/(?<!\\)\|/)
      .map((c) => c.trim().replace(/\\\|/g, '|').replace(/\\\\/g, '\\'))
  const out = new Map<string, Map<string, string>>()
  if (rows.length < 2) return out
  const header = split(rows[0]!)
  for (const row of rows.slice(2)) {
    const c = split(row)
    out.set(c[0]!, new Map(header.map((h, i) => [h, c[i] ?? ''])))
  }
  return out
}

/** What differs between the committed markdown and the inventory now, by name and column (never values: there are none). */
export function differences(committed: string, now: string): string[] {
  const before = parseMarkdown(committed)
  const after = parseMarkdown(now)
  const out: string[] = []
  for (const name of after.keys()) if (!before.has(name)) out.push(`${name}: not listed`)
  for (const name of before.keys()) if (!after.has(name)) out.push(`${name}: listed but no longer declared`)
  for (const [name, cellsNow] of after) {
    const old = before.get(name)
    if (!old) continue
    const changed = [...new Set([...cellsNow.keys(), ...old.keys()])].filter(
      (col) => !STORE_COLUMNS.has(col) && (cellsNow.get(col) ?? '') !== (old.get(col) ?? ''),
    )
    if (changed.length) out.push(`${name}: ${changed.join(', ')} changed`)
  }
  return out
}
