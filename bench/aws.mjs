// AWS Secrets Manager through @hush/aws, against @hush/local-store with injected latency.
// Requests are counted by the store; times are wall clock on this machine.
import { GetSecretValueCommand, SecretsManagerClient } from '@aws-sdk/client-secrets-manager'
import { awsSecretsManager } from '@hush/aws'
import { createHush } from '@hush/core'
import { startLocalStore } from '@hush/local-store'
import { fmt, median, verdict } from './lib.mjs'

process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED = 'true'
const credentials = { accessKeyId: 'bench', secretAccessKey: 'bench' }
const names = Array.from({ length: 100 }, (_, i) => `bench/secret-${String(i).padStart(3, '0')}`)
const seed = { secrets: names.map((name, i) => ({ name, value: { password: `value-${i}-${'x'.repeat(24)}` } })) }
const sources = Object.fromEntries(names.map((name, i) => [`S${i}`, `aws-sm://${name}#password`]))
const sleep = (ms) => new Promise((r) => setTimeout(r, ms))

async function coldLoad() {
  const store = await startLocalStore({ seed, faults: { latencyMs: 5 } })
  const hushTimes = []
  const naiveTimes = []
  let requests
  // Each value is read, as an app would; the sum keeps the reads from being optimised away.
  let sink = 0
  try {
    for (let round = 0; round < 5; round++) {
      store.resetStats()
      let start = performance.now()
      const hush = createHush({ sources, providers: [awsSecretsManager({ region: 'us-east-1', endpoint: store.url, credentials })] })
      const values = await hush.load()
      hushTimes.push(performance.now() - start)
      if (Object.keys(values).length !== 100) throw new Error('hush did not load all 100 secrets')
      requests = store.stats()
      await hush.close()

      const client = new SecretsManagerClient({ region: 'us-east-1', endpoint: store.url, credentials })
      start = performance.now()
      for (const name of names) sink += JSON.parse((await client.send(new GetSecretValueCommand({ SecretId: name }))).SecretString).password.length
      naiveTimes.push(performance.now() - start)
      client.destroy()
    }
  } finally {
    await store.close()
  }
  const ours = median(hushTimes)
  const naive = median(naiveTimes)
  if (sink !== 5 * names.reduce((n, _, i) => n + `value-${i}-${'x'.repeat(24)}`.length, 0))
    throw new Error('the sequential reads returned other values than were seeded')
  console.log('cold load: 100 secrets, 5 ms injected latency per request, median of 5')
  console.log(`  hush.load() with @hush/aws          ${fmt(ours, 1).padStart(8)} ms   ${requests.total} HTTP requests ${JSON.stringify(requests.requests)}`)
  console.log(`  GetSecretValue per secret, in turn  ${fmt(naive, 1).padStart(8)} ms   100 HTTP requests`)
  console.log(`  speed vs sequential GetSecretValue: ${fmt(naive / ours, 1)}x`)
  return verdict('<= 5 requests and >= 5x faster', requests.total <= 5 && naive / ours >= 5)
}

async function steadyState() {
  // One hour at 1:1000: a 5-minute TTL becomes 300 ms, and the hour 3.6 s of wall time.
  const scale = 1000
  const ttl = 300_000 / scale
  const hour = 3_600_000 / scale
  const store = await startLocalStore({ seed, faults: { latencyMs: 1 } })
  const hush = createHush({ sources, ttl, refreshAhead: 0.02, providers: [awsSecretsManager({ region: 'us-east-1', endpoint: store.url, credentials })] })
  try {
    await hush.load()
    store.resetStats()
    const until = Date.now() + hour
    let reads = 0
    while (Date.now() < until) {
      for (let i = 0; i < 100; i++) await hush.get(`S${i}`)
      reads += 100
      await sleep(5)
    }
    const r = store.stats().requests
    const periods = hour / ttl
    const perSecretPerTtl = (r.DescribeSecret ?? 0) / 100 / periods
    const fetched = (r.GetSecretValue ?? 0) + (r.BatchGetSecretValue ?? 0)
    console.log(
      `steady state: 100 unchanged secrets, TTL 5 min, 1 hour simulated at 1:${scale} (${fmt(hour / 1000, 1)} s), ${reads.toLocaleString('en-US')} get() calls`,
    )
    console.log(`  store saw ${JSON.stringify(r)}`)
    console.log(`  DescribeSecret per secret per TTL: ${fmt(perSecretPerTtl)}   value fetches: ${fetched}`)
    return verdict('one DescribeSecret per secret per TTL, no GetSecretValue', perSecretPerTtl > 0.9 && perSecretPerTtl <= 1.1 && fetched === 0)
  } finally {
    await hush.close()
    await store.close()
  }
}

async function getDuringRefresh() {
  const store = await startLocalStore({ seed, faults: { latencyMs: 200 } })
  const hush = createHush({ sources, providers: [awsSecretsManager({ region: 'us-east-1', endpoint: store.url, credentials })] })
  try {
    await hush.load()
    const times = []
    for (let round = 0; round < 5; round++) {
      const refreshing = hush.refresh() // every secret, 200 ms at the store
      const until = performance.now() + 150
      while (performance.now() < until) {
        const start = performance.now()
        await hush.get(`S${times.length % 100}`)
        times.push(performance.now() - start)
        if (times.length % 50 === 0) await sleep(0) // let the refresh's I/O progress
      }
      await refreshing
    }
    times.sort((a, b) => a - b)
    const p99 = times[Math.floor(times.length * 0.99)]
    const max = times[times.length - 1]
    console.log(`get() while refreshes are in flight (200 ms store latency): ${times.length.toLocaleString('en-US')} calls`)
    console.log(`  p50 ${fmt(times[Math.floor(times.length / 2)] * 1000, 1)} µs   p99 ${fmt(p99 * 1000, 1)} µs   max ${fmt(max, 2)} ms`)
    return verdict('p99 < 1 ms', p99 < 1)
  } finally {
    await hush.close()
    await store.close()
  }
}

export async function run() {
  const a = await coldLoad()
  console.log('')
  const b = await steadyState()
  console.log('')
  const c = await getDuringRefresh()
  return a && b && c
}

if (import.meta.url === `file://${process.argv[1]}`) await run()
