// `hush doctor` on a manifest of 500 aws-sm:// secrets against @hush/local-store: wall time of
// the whole command (a fresh process: start, config, resolve, describe, report) and the store
// requests it makes. Values come in BatchGetSecretValue calls of 20 (25 requests) and the
// rotation dates in ListSecrets pages of 100 (5 requests); describing each secret would be 500
// DescribeSecret calls more.
import { spawn } from 'node:child_process'
import { mkdirSync, rmSync, writeFileSync } from 'node:fs'
import { createRequire } from 'node:module'
import { dirname, join } from 'node:path'
import { startLocalStore } from '@hush/local-store'
import { fmt, median, verdict } from './lib.mjs'

const require = createRequire(import.meta.url)
const BIN = join(dirname(require.resolve('@hush/cli/package.json')), 'dist', 'bin.mjs')
// Under bench/, so the project finds @hush/aws in bench/node_modules as an installed app would.
const TMP = join(import.meta.dirname, '.tmp', 'doctor')
const SECRETS = 500
const ROUNDS = 5
const TARGET_MS = 3000
const TARGET_REQUESTS = 30
const DAY = 86_400_000

function doctor(env) {
  return new Promise((resolve, reject) => {
    const start = process.hrtime.bigint()
    const child = spawn(process.execPath, [BIN, 'doctor', '--json'], { cwd: TMP, stdio: ['ignore', 'pipe', 'pipe'], env: { ...process.env, ...env } })
    let out = ''
    let err = ''
    child.stdout.on('data', (b) => (out += b))
    child.stderr.on('data', (b) => (err += b))
    child.on('error', reject)
    child.on('close', (code) => {
      const wall = Number(process.hrtime.bigint() - start) / 1e6
      // Exit 1 is expected: some planted secrets are overdue.
      if (code !== 0 && code !== 1) return reject(new Error(`hush doctor exited ${code}: ${err.slice(0, 300)}`))
      resolve({ wall, report: JSON.parse(out) })
    })
  })
}

export async function run() {
  console.log(`hush doctor: ${SECRETS} aws-sm:// secrets against local-store, ${ROUNDS} runs (a fresh process each)`)
  rmSync(TMP, { recursive: true, force: true })
  mkdirSync(TMP, { recursive: true })
  const names = Array.from({ length: SECRETS }, (_, i) => `S_${String(i).padStart(3, '0')}`)
  // Ages spread over 0-199 days against a 90-day policy: some are overdue, as in a real account.
  const secrets = names.map((n, i) => ({
    name: `bench/app/${n}`,
    value: `v-${i}-${Math.random().toString(36).slice(2)}`,
    lastRotated: new Date(Date.now() - (i % 200) * DAY).toISOString(),
  }))
  const store = await startLocalStore({ seed: { secrets } })
  const config = {
    secrets: Object.fromEntries(names.map((n) => [n, { from: `aws-sm://bench/app/${n}`, owner: 'team-bench', purpose: 'benchmark', rotation: '90d' }])),
  }
  writeFileSync(join(TMP, 'hush.config.json'), JSON.stringify(config, null, 2))
  const env = {
    AWS_ENDPOINT_URL_SECRETS_MANAGER: store.url,
    AWS_REGION: 'us-east-1',
    AWS_ACCESS_KEY_ID: 'local',
    AWS_SECRET_ACCESS_KEY: 'local',
    HUSH_ENV: 'development',
    NO_COLOR: '1',
  }
  const walls = []
  const requests = []
  let byOperation
  let overdue
  try {
    for (let i = 0; i < ROUNDS; i++) {
      store.resetStats()
      const { wall, report } = await doctor(env)
      const stats = store.stats()
      walls.push(wall)
      requests.push(stats.total)
      byOperation = stats.requests
      overdue = report.problems.filter((p) => p.check === 'rotation-overdue').length
      if (report.secrets !== SECRETS) throw new Error(`doctor checked ${report.secrets} secrets, not ${SECRETS}`)
    }
  } finally {
    await store.close()
    rmSync(TMP, { recursive: true, force: true })
  }
  const wall = median(walls)
  const most = Math.max(...requests)
  console.log(`  wall time (median)     ${fmt(wall, 0)} ms   (runs: ${walls.map((w) => fmt(w, 0)).join(', ')})`)
  console.log(
    `  store requests         ${most}   (${Object.entries(byOperation)
      .map(([op, n]) => `${op} ${n}`)
      .join(', ')})`,
  )
  console.log(`  per-secret describes   would be ${SECRETS / 20 + SECRETS} requests (BatchGetSecretValue ${SECRETS / 20} + DescribeSecret ${SECRETS})`)
  console.log(`  overdue found          ${overdue} of ${SECRETS}`)
  const okTime = verdict(`wall time ≤ ${TARGET_MS} ms`, wall <= TARGET_MS)
  const okRequests = verdict(`store requests ≤ ${TARGET_REQUESTS}`, most <= TARGET_REQUESTS)
  return okTime && okRequests
}

if (import.meta.url === `file://${process.argv[1]}`) await run()
