/** What `hush drill` can do to the store while the app runs. */
export const DRILLS = ['rotation', 'outage', 'throttling', 'latency'] as const
export type DrillKind = (typeof DRILLS)[number]

/** `hush drill`'s flags as the parser gives them. */
export interface DrillCommandOptions {
  seed?: string
  secret?: string
  duration: string
  url?: string
  health?: string
  env?: string
  json?: boolean
  '--'?: string[]
}

const UNITS: Record<string, number> = { ms: 1, s: 1000, m: 60_000 }

/** Milliseconds in `10s`, `500ms`, `1m`; undefined when the text is not one. */
export function parseWindow(text: string): number | undefined {
  const m = /^(\d+(?:\.\d+)?)(ms|s|m)$/.exec(text.trim())
  return m ? Number(m[1]) * UNITS[m[2]!]! : undefined
}
