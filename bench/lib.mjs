// Side-by-side timing: the contenders run in alternating rounds so drift in machine load
// (2 shared cores here) hits both alike; the median round is reported.

export function median(values) {
  const s = [...values].sort((a, b) => a - b)
  const m = s.length >> 1
  return s.length % 2 ? s[m] : (s[m - 1] + s[m]) / 2
}

/** Runs each contender's `fn` once per round, alternating, and returns median ms per call. */
export function compare(contenders, { rounds = 9, warmup = 2 } = {}) {
  const times = contenders.map(() => [])
  for (let r = 0; r < warmup + rounds; r++) {
    contenders.forEach((c, i) => {
      // Each contender starts on a clean heap, so one does not pay for the other's garbage.
      globalThis.gc?.()
      const start = process.hrtime.bigint()
      c.fn()
      const ms = Number(process.hrtime.bigint() - start) / 1e6
      if (r >= warmup) times[i].push(ms)
    })
  }
  return contenders.map((c, i) => ({ name: c.name, ms: median(times[i]) }))
}

export const fmt = (n, digits = 2) => n.toLocaleString('en-US', { maximumFractionDigits: digits, minimumFractionDigits: digits })

export function verdict(label, ok) {
  console.log(`  target ${label}: ${ok ? 'met' : 'NOT met'}`)
  return ok
}
