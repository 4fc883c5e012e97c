const UNITS: Record<string, number> = { ms: 1, s: 1000, m: 60_000, h: 3_600_000, d: 86_400_000, w: 604_800_000 }
const DURATION = /^(\d+(?:\.\d+)?)\s*(ms|s|m|h|d|w)$/

export const DAY = 86_400_000

/** Milliseconds in `'30d'`, `'12h'` or a number of milliseconds, as hush.config writes durations; `undefined` when it is not one. */
export function parseDuration(value: number | string): number | undefined {
  if (typeof value === 'number') return Number.isFinite(value) && value >= 0 ? value : undefined
  const m = DURATION.exec(value.trim())
  return m ? Number(m[1]) * UNITS[m[2]!]! : undefined
}

/** A date as people read it in a report, by day (the stores' times add nothing to "is it due"). */
export const day = (date: Date) => date.toISOString().slice(0, 10)

/** Days from `from` to `to`, to the nearest whole day (a report says "10 days ago", not "9.99"). */
export const daysBetween = (from: Date, to: Date) => Math.round((to.getTime() - from.getTime()) / DAY)
