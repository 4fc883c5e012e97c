// AWS Systems Manager Parameter Store through @hush/aws (aws-ssm://), against @hush/local-store.
// Requests are counted by the store; the two ways of checking versions run side by side.
import { awsParameterStore } from '@hush/aws'
import { createHush } from '@hush/core'
import { startLocalStore } from '@hush/local-store'
import { fmt, verdict } from './lib.mjs'

process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED = 'true'
const credentials = { accessKeyId: 'bench', secretAccessKey: 'bench' }
const names = Array.from({ length: 100 }, (_, i) => `/bench/app/param-${String(i).padStart(3, '0')}`)
const seed = { parameters: names.map((name, i) => ({ name, value: `value-${i}-${'x'.repeat(24)}` })) }
const sources = Object.fromEntries(names.map((name, i) => [`P${i}`, `aws-ssm://${name}`]))
const sleep = (ms) => new Promise((r) => setTimeout(r, ms))
const provider = (store, check) => awsParameterStore({ region: 'us-east-1', endpoint: store.url, credentials, ...(check ? { check } : {}) })

async function coldLoad() {
  const store = await startLocalStore({ seed, faults: { latencyMs: 5 } })
  try {
    const start = performance.now()
    const hush = createHush({ sources, providers: [provider(store)] })
    const values = await hush.load()
    const ms = performance.now() - start
    if (Object.keys(values).length !== 100) throw new Error('hush did not load all 100 parameters')
    const r = store.stats()
    await hush.close()
    console.log('cold load: 100 parameters, 5 ms injected latency per request')
    console.log(`  hush.load() with aws-ssm://   ${fmt(ms, 1).padStart(8)} ms   ${r.total} HTTP requests ${JSON.stringify(r.requests)}`)
    return verdict('cold load of 100 parameters <= 10 requests', r.total <= 10)
  } finally {
    await store.close()
  }
}

/** One hour at 1:1000 (TTL 5 min = 300 ms), 100 unchanged parameters read in a loop; requests per parameter per TTL. */
async function steadyState(check) {
  const scale = 1000
  const ttl = 300_000 / scale
  const hour = 3_600_000 / scale
  const store = await startLocalStore({ seed, faults: { latencyMs: 1 } })
  const hush = createHush({ sources, ttl, refreshAhead: 0.02, providers: [provider(store, check)] })
  try {
    await hush.load()
    store.resetStats()
    const until = Date.now() + hour
    let reads = 0
    while (Date.now() < until) {
      for (let i = 0; i < 100; i++) await hush.get(`P${i}`)
      reads += 100
      await sleep(5)
    }
    const r = store.stats()
    const periods = hour / ttl
    return { check, requests: r.requests, total: r.total, perParamPerTtl: r.total / 100 / periods, fetched: r.requests.GetParametersByPath ?? 0, reads }
  } finally {
    await hush.close()
    await store.close()
  }
}

export async function run() {
  const a = await coldLoad()
  console.log('')
  // Both strategies, measured in one run: the provider's default is the cheaper one.
  const describe = await steadyState('describe')
  const get = await steadyState('get')
  console.log(`steady state: 100 unchanged parameters, TTL 5 min, 1 hour simulated at 1:1000 (3.6 s), ${describe.reads.toLocaleString('en-US')} get() calls`)
  for (const s of [describe, get]) {
    const how = s.check === 'describe' ? 'DescribeParameters (50 names a call)' : 'GetParameters, no decryption (10 a call)'
    console.log(`  check by ${how.padEnd(42)} ${fmt(s.perParamPerTtl, 3)} requests per parameter per TTL   ${JSON.stringify(s.requests)}`)
  }
  const cheaper = describe.perParamPerTtl <= get.perParamPerTtl ? 'describe' : 'get'
  console.log(
    `  cheaper: ${cheaper} (${fmt(get.perParamPerTtl / describe.perParamPerTtl, 1)}x fewer requests than the other); awsParameterStore() defaults to describe`,
  )
  const b = verdict(
    'requests per parameter per TTL <= 0.1 when nothing changed, the default being the cheaper check',
    describe.perParamPerTtl <= 0.1 && cheaper === 'describe' && (describe.requests.GetParameters ?? 0) === 0,
  )
  return a && b
}

if (import.meta.url === `file://${process.argv[1]}`) await run()
