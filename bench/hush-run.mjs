// `hush run` masking the output of a command that prints 200 MB of log lines, with 1,000
// secrets injected (each also searched in its encoded forms), against a plain pass-through:
// a Node process that starts the same command and pipes its output on unchanged (what any
// wrapper that reads a command's output costs), and for scale the command piped directly.
// All feed the same reader (this process), start to exit, in alternating rounds.
import { spawn } from 'node:child_process'
import { randomBytes } from 'node:crypto'
import { mkdirSync, rmSync, writeFileSync } from 'node:fs'
import { createRequire } from 'node:module'
import { dirname, join } from 'node:path'
import { fmt, median, verdict } from './lib.mjs'
import { makeLog } from './redact.mjs'

const require = createRequire(import.meta.url)
const BIN = join(dirname(require.resolve('@hush/cli/package.json')), 'dist', 'bin.mjs')
const TMP = join(import.meta.dirname, '.tmp', 'hush-run')
const SECRETS = 1000
const TOTAL = 200 * 1024 * 1024

/**
 * Runs a command to its end, reading its stdout as fast as it comes; resolves with the wall
 * time, the streaming time (first byte to last), the bytes and how often the probe value showed.
 */
function timed(args, cwd, secrets) {
  return new Promise((resolve, reject) => {
    const start = process.hrtime.bigint()
    const child = spawn(process.execPath, args, { cwd, stdio: ['ignore', 'pipe', 'pipe'], env: { ...process.env, NODE_ENV: '', HUSH_ENV: '' } })
    let bytes = 0
    let tail = ''
    let leaks = 0
    let first
    const probe = secrets[0]
    child.stdout.on('data', (b) => {
      first ??= process.hrtime.bigint()
      bytes += b.length
      // A cheap leak check on one value across chunk edges; the tests check every form.
      const text = tail + b.toString('latin1')
      if (text.includes(probe)) leaks++
      tail = text.slice(-probe.length)
    })
    let err = ''
    child.stderr.on('data', (b) => (err += b))
    child.on('error', reject)
    child.on('close', (code) => {
      if (code !== 0) return reject(new Error(`exited ${code}: ${err.slice(0, 300)}`))
      const end = process.hrtime.bigint()
      resolve({ wall: Number(end - start) / 1e6, streaming: Number(end - first) / 1e6, bytes, leaks })
    })
  })
}

export async function run() {
  console.log(`hush run: ${SECRETS} secrets masked in ${TOTAL / 1024 / 1024} MB of command output vs the command piped directly`)
  rmSync(TMP, { recursive: true, force: true })
  mkdirSync(TMP, { recursive: true })
  const secrets = Array.from({ length: SECRETS }, () => randomBytes(18).toString('base64url'))
  // The values sit in .env.local (plain), and .env refers to them: what `hush init --store env-local` leaves.
  writeFileSync(join(TMP, '.env'), secrets.map((_, i) => `SECRET_${i}=env://RAW_${i}`).join('\n') + '\n')
  writeFileSync(join(TMP, '.env.local'), secrets.map((s, i) => `RAW_${i}=${s}`).join('\n') + '\n')
  // 8 MB of log lines with a secret every ~10 KB, written 25 times: the command's output.
  const log = makeLog(8 * 1024 * 1024, secrets)
  writeFileSync(join(TMP, 'log.txt'), log)
  writeFileSync(
    join(TMP, 'app.mjs'),
    `import { readFileSync } from 'node:fs'
const chunk = readFileSync('log.txt')
let left = ${Math.round(TOTAL / Buffer.byteLength(log))}
const write = () => { while (left > 0) { left--; if (!process.stdout.write(chunk)) return process.stdout.once('drain', write) } }
write()
`,
  )
  writeFileSync(
    join(TMP, 'relay.mjs'),
    `import { spawn } from 'node:child_process'
const child = spawn(process.argv[2], process.argv.slice(3), { stdio: ['inherit', 'pipe', 'pipe'] })
child.stdout.pipe(process.stdout)
child.stderr.pipe(process.stderr)
child.on('exit', (code) => (process.exitCode = code))
`,
  )
  const direct = []
  const relay = []
  const masked = []
  let leaks = 0
  let bytesOut = 0
  for (let round = 0; round < 6; round++) {
    const d = await timed(['app.mjs'], TMP, secrets)
    const p = await timed(['relay.mjs', process.execPath, 'app.mjs'], TMP, secrets)
    const m = await timed([BIN, 'run', '--quiet', '--', process.execPath, 'app.mjs'], TMP, secrets)
    if (round === 0) continue // warm-up: file cache, JIT
    direct.push(d)
    relay.push(p)
    masked.push(m)
    leaks += m.leaks
    bytesOut = m.bytes
  }
  const mb = TOTAL / 1024 / 1024
  const at = (runs, key) => median(runs.map((r) => r[key]))
  const [dw, ds, pw, ps, mw, ms] = [
    at(direct, 'wall'),
    at(direct, 'streaming'),
    at(relay, 'wall'),
    at(relay, 'streaming'),
    at(masked, 'wall'),
    at(masked, 'streaming'),
  ]
  console.log('                                streaming (first byte to last)   start to exit')
  console.log(
    `  command piped directly        ${fmt(ds, 0).padStart(7)} ms ${fmt((mb / ds) * 1000, 0).padStart(5)} MB/s           ${fmt(dw, 0).padStart(7)} ms`,
  )
  console.log(
    `  plain pass-through (Node)     ${fmt(ps, 0).padStart(7)} ms ${fmt((mb / ps) * 1000, 0).padStart(5)} MB/s           ${fmt(pw, 0).padStart(7)} ms`,
  )
  console.log(
    `  hush run (1,000 secrets)      ${fmt(ms, 0).padStart(7)} ms ${fmt((mb / ms) * 1000, 0).padStart(5)} MB/s           ${fmt(mw, 0).padStart(7)} ms`,
  )
  console.log(`  ${fmt(bytesOut / 1024 / 1024, 0)} MB out per run; the probe value seen unmasked ${leaks} times; medians of 5 rounds after a warm-up`)
  console.log(
    `  throughput ratio hush run / pass-through: ${fmt(ps / ms)} streaming, ${fmt(pw / mw)} start to exit (hush's start: config, .env, 1,000 values read and indexed)`,
  )
  console.log(`  throughput ratio hush run / command piped directly: ${fmt(ds / ms)} streaming, ${fmt(dw / mw)} start to exit`)
  if (!process.env.HUSH_BENCH_KEEP) rmSync(TMP, { recursive: true, force: true })
  return verdict('hush run streaming throughput >= 0.5x pass-through', ps / ms >= 0.5 && leaks === 0)
}

if (import.meta.url === `file://${process.argv[1]}`) await run()
