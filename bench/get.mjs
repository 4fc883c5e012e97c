// Warm get(): a cached secret read in a loop, awaited as application code would.
import { createHush } from '@hush/core'
import { mkdtempSync, readFileSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { fmt, median, verdict } from './lib.mjs'

export async function run() {
  const hush = createHush({ env: { BENCH_SECRET: 'warm-secret-value-0123456789' }, sources: { DB: 'env://BENCH_SECRET' }, ttl: '1h' })
  await hush.get('DB')
  const n = 5_000_000
  let best = 0
  let bestPeek = 0
  for (let round = 0; round < 5; round++) {
    let start = process.hrtime.bigint()
    for (let i = 0; i < n; i++) await hush.get('DB')
    const secs = Number(process.hrtime.bigint() - start) / 1e9
    best = Math.max(best, n / secs)
    start = process.hrtime.bigint()
    let len = 0
    for (let i = 0; i < n; i++) len += hush.peek('DB').length
    bestPeek = Math.max(bestPeek, n / (Number(process.hrtime.bigint() - start) / 1e9))
    if (len === 0) throw new Error('peek returned nothing')
  }
  // The floor: awaiting an already-resolved promise, which no async get() can beat.
  const resolved = Promise.resolve('x')
  let start = process.hrtime.bigint()
  for (let i = 0; i < n; i++) await resolved
  const floor = n / (Number(process.hrtime.bigint() - start) / 1e9)
  await hush.close()
  console.log('warm get(): a cached secret, best of 5 rounds of 5M reads')
  console.log(`  await hush.get(name)          ${fmt(best / 1e6)} M/s`)
  console.log(`  hush.peek(name) (sync)        ${fmt(bestPeek / 1e6)} M/s`)
  console.log(`  await Promise.resolve() floor ${fmt(floor / 1e6)} M/s   (get at ${fmt((best / floor) * 100, 0)}% of the floor)`)
  const warm = verdict('>= 5M get()/s', best >= 5e6)
  console.log('')
  const audited = await auditOnOff()
  console.log('')
  return (await coldLoad()) && warm && audited
}

// The same warm read with the audit log on (reads counted, one line per name per second) and
// off, alternating rounds: auditing must not tax the hot path.
async function auditOnOff() {
  const dir = mkdtempSync(join(tmpdir(), 'hush-bench-audit-'))
  const secrets = { DB: { from: 'env://BENCH_SECRET', purpose: 'bench' } }
  const env = { BENCH_SECRET: 'warm-secret-value-0123456789' }
  const off = createHush({ config: { secrets }, env, ttl: '1h' })
  const on = createHush({ config: { secrets, audit: { file: 'audit.jsonl' } }, configFile: join(dir, 'hush.config.json'), env, ttl: '1h' })
  await off.get('DB')
  await on.get('DB')
  const n = 3_000_000
  const rate = async (hush) => {
    const start = process.hrtime.bigint()
    for (let i = 0; i < n; i++) await hush.get('DB')
    return n / (Number(process.hrtime.bigint() - start) / 1e9)
  }
  const rates = { on: [], off: [] }
  for (let round = 0; round < 7; round++) {
    rates.off.push(await rate(off))
    rates.on.push(await rate(on))
  }
  await off.close()
  await on.close()
  const lines = readFileSync(join(dir, 'audit.jsonl'), 'utf8').split('\n').filter(Boolean)
  const counted = lines.reduce((sum, l) => sum + JSON.parse(l).count, 0)
  rmSync(dir, { recursive: true, force: true })
  const [a, b] = [median(rates.on), median(rates.off)]
  console.log('warm get() with the audit log on vs off (median of 7 alternating rounds of 3M reads)')
  console.log(`  audit off                     ${fmt(b / 1e6)} M/s`)
  console.log(`  audit on                      ${fmt(a / 1e6)} M/s   (${lines.length} lines written, ${counted.toLocaleString('en-US')} reads counted)`)
  console.log(`  ratio on / off: ${fmt(a / b)}`)
  return verdict('audit on >= 0.8x audit off', a / b >= 0.8 && counted === 7 * n + 1)
}

// A start-up's own cost, without a store's latency: 100 env:// secrets, a new instance each
// round. It caught the resolver split making cache entries of many shapes (4x slower).
async function coldLoad() {
  const env = {}
  const sources = {}
  for (let i = 0; i < 100; i++) {
    env[`V${i}`] = `value-${i}-${'x'.repeat(24)}`
    sources[`S${i}`] = `env://V${i}`
  }
  const ours = []
  const floor = []
  for (let round = 0; round < 300; round++) {
    let start = performance.now()
    const hush = createHush({ sources, env })
    const values = await hush.load()
    ours.push(performance.now() - start)
    await hush.close()
    if (Object.keys(values).length !== 100) throw new Error('load() returned another count')
    // The floor: the same 100 reads as awaited async calls that do nothing else.
    start = performance.now()
    await Promise.all(Object.keys(sources).map(async (name) => env[`V${name.slice(1)}`]))
    floor.push(performance.now() - start)
  }
  const median = (xs) => xs.sort((a, b) => a - b)[xs.length >> 1]
  console.log('cold load(): 100 env:// secrets, a new instance each round, median of 300')
  console.log(`  createHush + load()            ${fmt(median(ours), 3)} ms`)
  console.log(`  100 awaited reads (floor)      ${fmt(median(floor), 3)} ms   (load at ${fmt(median(ours) / median(floor), 1)}x the floor)`)
  return verdict('<= 1 ms', median(ours) <= 1)
}

if (import.meta.url === `file://${process.argv[1]}`) await run()
