const UNITS: Record<string, number> = { b: 1, kb: 1024, mb: 1024 ** 2, gb: 1024 ** 3 }

/** Bytes from a number or a size such as `10MB`, `512kb`; undefined when it is neither. */
export function parseSize(input: unknown): number | undefined {
  if (typeof input === 'number') return Number.isFinite(input) && input > 0 ? Math.floor(input) : undefined
  if (typeof input !== 'string') return undefined
  const m = /^(\d+(?:\.\d+)?)\s*(b|kb|mb|gb)$/i.exec(input.trim())
  if (!m) return undefined
  const bytes = Math.floor(Number(m[1]) * UNITS[m[2]!.toLowerCase()]!)
  return bytes > 0 ? bytes : undefined
}
