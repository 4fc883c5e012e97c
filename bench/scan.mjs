// `hush scan` as a user runs it (a child process, start to exit) against secretlint's
// recommended preset on the same files, and what each finds on the labelled files of
// lint/independent (scan/labelled.mjs); `hush scan --staged` in a pre-commit hook with 1,000
// staged files; and `hush --version` against a bare `node -e 0`, since every hook and script
// pays the binary's start-up. Contenders alternate so load drift hits both alike.
import { execFileSync, spawnSync } from 'node:child_process'
import { mkdirSync, rmSync, statSync, writeFileSync } from 'node:fs'
import { createRequire } from 'node:module'
import { dirname, join } from 'node:path'
import { fmt, median, verdict } from './lib.mjs'
import { compareFindings } from './scan/labelled.mjs'

const require = createRequire(import.meta.url)
const BIN = join(dirname(require.resolve('@hush/cli/package.json')), 'dist', 'bin.mjs')
const ROOT = join(import.meta.dirname, '..')
const TMP = join(import.meta.dirname, '.tmp', 'scan')

/** Median wall time (ms) of each command, run `rounds` times in alternation after `warmup` rounds. */
function timeCommands(commands, { rounds = 7, warmup = 1 } = {}) {
  const times = commands.map(() => [])
  for (let r = 0; r < warmup + rounds; r++) {
    commands.forEach((c, i) => {
      const start = process.hrtime.bigint()
      const out = spawnSync(process.execPath, c.args, { cwd: c.cwd, encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 })
      const ms = Number(process.hrtime.bigint() - start) / 1e6
      if (!c.ok(out.status)) throw new Error(`${c.name} exited ${out.status}: ${out.stderr.slice(0, 500)}`)
      if (r >= warmup) times[i].push(ms)
    })
  }
  return times.map(median)
}

function treeVsSecretlint() {
  // The same files for both: what git tracks under the two folders (hush would skip the same ignored ones).
  const files = execFileSync('git', ['ls-files', 'bench/lint/independent', 'packages'], { cwd: ROOT, encoding: 'utf8' }).split('\n').filter(Boolean)
  const list = join(TMP, 'files.txt')
  writeFileSync(list, files.join('\n'))
  const bytes = files.reduce((n, f) => n + statSync(join(ROOT, f)).size, 0)
  // Both find secrets here (the test fixtures plant them): exit code 1 is success.
  const [hush, secretlint] = timeCommands([
    { name: 'hush scan', args: [BIN, 'scan', '--format', 'json', ...files], cwd: ROOT, ok: (s) => s === 0 || s === 1 },
    { name: 'secretlint', args: [join(import.meta.dirname, 'scan-secretlint.mjs'), list], cwd: ROOT, ok: (s) => s === 0 },
  ])
  console.log(`  tree: ${files.length} files, ${fmt(bytes / 1024 / 1024)} MB (bench/lint/independent + packages), median of 7 runs, process start to exit`)
  console.log(`  hush scan                                    ${fmt(hush, 0).padStart(7)} ms`)
  console.log(`  secretlint (recommended preset, node API)    ${fmt(secretlint, 0).padStart(7)} ms`)
  console.log(`  ratio hush / secretlint: ${fmt(hush / secretlint)}`)
  return verdict('hush scan wall time <= 0.5x secretlint', hush / secretlint <= 0.5)
}

function staged() {
  const repo = join(TMP, 'staged-repo')
  mkdirSync(repo, { recursive: true })
  execFileSync('git', ['init', '-q'], { cwd: repo })
  // A large commit of ordinary files: modules, configs, docs, a few KB each.
  for (let i = 0; i < 1000; i++) {
    const dir = join(repo, `src/mod${i % 40}`)
    mkdirSync(dir, { recursive: true })
    const body =
      i % 3 === 0
        ? `server:\n  port: ${3000 + i}\n  host: 0.0.0.0\nlogging:\n  level: info\n`.repeat(20)
        : `export function handler${i}(req, res) {\n  const id = req.params.id\n  res.json({ id, ok: true, at: Date.now() })\n}\n`.repeat(15)
    writeFileSync(join(dir, `file${i}.${i % 3 === 0 ? 'yml' : 'js'}`), body)
  }
  execFileSync('git', ['add', '.'], { cwd: repo })
  const [ms] = timeCommands([{ name: 'hush scan --staged', args: [BIN, 'scan', '--staged'], cwd: repo, ok: (s) => s === 0 }])
  console.log(`  hush scan --staged, 1,000 staged files         ${fmt(ms, 0).padStart(7)} ms`)
  return verdict('hush scan --staged with 1,000 files < 1 s', ms < 1000)
}

function version() {
  const [hush, node] = timeCommands(
    [
      { name: 'hush --version', args: [BIN, '--version'], cwd: TMP, ok: (s) => s === 0 },
      { name: 'node -e 0', args: ['-e', '0'], cwd: TMP, ok: (s) => s === 0 },
    ],
    { rounds: 30, warmup: 3 },
  )
  console.log(`  hush --version ${fmt(hush, 1)} ms, node -e 0 ${fmt(node, 1)} ms (median of 30): ratio ${fmt(hush / node)}`)
  return verdict('hush --version <= 2x node -e 0', hush / node <= 2)
}

export async function run() {
  rmSync(TMP, { recursive: true, force: true })
  mkdirSync(TMP, { recursive: true })
  console.log('scan: hush scan against secretlint, staged scan in a hook, binary start-up')
  const tree = treeVsSecretlint()
  // Findings beside the wall time, with no target of their own: the lint bench sets the quality bar.
  await compareFindings(BIN, join(TMP, 'labelled'))
  const results = [tree, staged(), version()]
  rmSync(TMP, { recursive: true, force: true })
  return results.every(Boolean)
}

if (import.meta.url === `file://${process.argv[1]}`) await run()
