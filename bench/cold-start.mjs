// Cold start: `node -r @hush/dotenv/config -e 0` against `node -r dotenv/config -e 0`, a 200-line
// .env with no references. Each run is a fresh process; the two alternate so load drift is shared.
import { spawnSync } from 'node:child_process'
import { mkdirSync, rmSync, writeFileSync } from 'node:fs'
import { createRequire } from 'node:module'
import { join } from 'node:path'
import { fmt, median, verdict } from './lib.mjs'

const require = createRequire(import.meta.url)

export function run({ runs = 40 } = {}) {
  const dir = join(import.meta.dirname, '.tmp', 'cold-start')
  rmSync(dir, { recursive: true, force: true })
  mkdirSync(dir, { recursive: true })
  const lines = []
  for (let i = 0; i < 200; i++) {
    lines.push(i % 10 === 0 ? `# section ${i}` : i % 3 === 0 ? `VAR_${i}="quoted value ${i}"` : `VAR_${i}=value-${i}-${'x'.repeat(i % 30)}`)
  }
  writeFileSync(join(dir, '.env'), lines.join('\n') + '\n')
  const contenders = [
    { name: 'node -r @hush/dotenv/config -e 0', args: ['-r', require.resolve('@hush/dotenv/config'), '-e', '0'] },
    { name: 'node -r dotenv/config -e 0', args: ['-r', require.resolve('dotenv/config'), '-e', '0'] },
    { name: 'node -e 0 (no loader, baseline)', args: ['-e', '0'] },
  ]
  const env = { PATH: process.env.PATH, HOME: process.env.HOME }
  const times = contenders.map(() => [])
  for (let r = 0; r < runs + 3; r++) {
    contenders.forEach((c, i) => {
      const start = process.hrtime.bigint()
      const out = spawnSync(process.execPath, c.args, { cwd: dir, env, encoding: 'utf8' })
      const ms = Number(process.hrtime.bigint() - start) / 1e6
      if (out.status !== 0) throw new Error(`${c.name} failed: ${out.stderr}`)
      if (r >= 3) times[i].push(ms)
    })
  }
  const [ours, theirs, bare] = times.map(median)
  console.log(`cold start: 200-line .env, no references, median of ${runs} runs each`)
  contenders.forEach((c, i) => console.log(`  ${c.name.padEnd(36)} ${fmt([ours, theirs, bare][i], 1).padStart(7)} ms`))
  const ratio = ours / theirs
  console.log(`  ratio @hush/dotenv / dotenv: ${fmt(ratio)}  (added over bare node: ${fmt(ours - bare, 1)} ms vs ${fmt(theirs - bare, 1)} ms)`)
  rmSync(dir, { recursive: true, force: true })
  return verdict('ratio <= 1.2', ratio <= 1.2)
}

if (import.meta.url === `file://${process.argv[1]}`) run()
