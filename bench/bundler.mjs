// Build cost of the hush plugin on a generated app of ~2,000 modules, for Vite and webpack,
// against the same build without it; and the leak scan's throughput with 1,000 secrets.
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { randomBytes } from 'node:crypto'
import hushVite from '@hush/bundler/vite'
import hushWebpack from '@hush/bundler/webpack'
import { build as viteBuild } from 'vite'
import webpack from 'webpack'
import { fmt, median, verdict } from './lib.mjs'

const MODULES = 2000

export function generateApp(dir) {
  rmSync(dir, { recursive: true, force: true })
  mkdirSync(join(dir, 'src'), { recursive: true })
  writeFileSync(join(dir, '.env'), 'VITE_API_URL=https://api.example.com\nPUBLIC_API_URL=https://api.example.com\nDB_PASSWORD=env://BENCH_DB_PASSWORD\n')
  writeFileSync(join(dir, 'index.html'), '<!doctype html><div id="app"></div><script type="module" src="/src/m0.js"></script>')
  writeFileSync(join(dir, 'package.json'), '{"name":"bench-app","private":true,"type":"module"}')
  for (let i = 0; i < MODULES; i++) {
    const children = [1, 2].map((k) => i * 2 + k).filter((c) => c < MODULES)
    const imports = children.map((c) => `import { run as run${c} } from './m${c}.js'`).join('\n')
    const reads = i % 50 === 0 ? `\n  const api = import.meta.env?.VITE_API_URL ?? process.env.PUBLIC_API_URL` : ''
    writeFileSync(
      join(dir, 'src', `m${i}.js`),
      `${imports}\nconst table${i} = [${Array.from({ length: 20 }, (_, k) => (i * 31 + k) % 97).join(', ')}]\nexport function run(n) {${reads}\n  let total = n + table${i}.reduce((a, b) => a + b, 0)\n${children.map((c) => `  total += run${c}(n + ${c})`).join('\n')}\n  return total % 1000003\n}\n${i === 0 ? 'document.title = String(run(1))\n' : ''}`,
    )
  }
}

const env = { BENCH_DB_PASSWORD: 'bench-db-password-not-in-client-code' }

const controlPlugin = () => ({ name: 'control', generateBundle() {} })

async function buildVite(dir, variant) {
  const withHush = variant === 'hush'
  await viteBuild({
    root: dir,
    configFile: false,
    logLevel: 'silent',
    plugins: withHush ? [hushVite({ root: dir, env })] : variant === 'control' ? [controlPlugin()] : [],
    define: withHush ? {} : { 'process.env.PUBLIC_API_URL': '"https://api.example.com"' },
    build: { outDir: join(dir, 'dist-vite'), emptyOutDir: true },
  })
}

function buildWebpack(dir, variant) {
  const withHush = variant === 'hush'
  const define = new webpack.DefinePlugin({ 'process.env.PUBLIC_API_URL': '"https://api.example.com"', 'import.meta.env': '{}' })
  const control = { apply: (compiler) => compiler.hooks.thisCompilation.tap('control', () => {}) }
  return new Promise((resolve, reject) => {
    webpack(
      {
        mode: 'production',
        context: dir,
        entry: './src/m0.js',
        output: { path: join(dir, 'dist-webpack') },
        plugins: withHush ? [hushWebpack({ root: dir, env })] : variant === 'control' ? [define, control] : [define],
        // Terser takes ~25 s on this generated code and would drown the plugin's share.
        optimization: { minimize: false },
        infrastructureLogging: { level: 'none' },
        stats: 'none',
        cache: false,
      },
      (error, stats) => {
        if (error || stats.hasErrors()) return reject(error ?? new Error(stats.toString('errors-only')))
        stats.compilation.compiler.close(() => resolve())
      },
    )
  })
}

// Each round builds without the plugin, with an empty plugin (a control that shows the
// harness's own noise) and with hush, in rotating order; the ratio reported is the median of
// the per-round ratios, so load drifting between rounds on these shared cores cancels out.
async function timeBuilds(name, build, dir, rounds) {
  const variants = ['without', 'control', 'hush']
  for (const v of variants) await build(dir, v) // warm the file system cache and the JIT
  const times = { without: [], control: [], hush: [] }
  for (let r = 0; r < rounds; r++) {
    const order = variants.map((_, i) => variants[(i + r) % variants.length])
    for (const v of order) {
      globalThis.gc?.()
      const start = performance.now()
      await build(dir, v)
      times[v].push(performance.now() - start)
    }
  }
  const ratio = (v) => median(times[v].map((t, r) => t / times.without[r]))
  console.log(
    `  ${name.padEnd(8)} without ${fmt(median(times.without), 0).padStart(6)} ms   with hush ${fmt(median(times.hush), 0).padStart(6)} ms   ratio ${fmt(ratio('hush'), 3)}   (empty plugin, as a control: ${fmt(ratio('control'), 3)})`,
  )
  return ratio('hush')
}

async function scanThroughput() {
  // The leak guard as a Vite build runs it (generateBundle over one chunk), with 1,000
  // server-only secrets given the way a user does: the plugin's context is internal.
  const root = mkdtempSync(join(tmpdir(), 'hush-scan-'))
  const secrets = Array.from({ length: 1000 }, () => randomBytes(24).toString('base64url'))
  writeFileSync(join(root, '.env'), secrets.map((value, i) => `SECRET_${i}=${value}`).join('\n'))
  const [plugin] = hushVite({ root, env: {} })
  await plugin.config({ root }, { command: 'build', mode: 'production' })
  /** Scans `code` as an emitted chunk; returns what the plugin reported, if anything. */
  const scan = (fileName, code) => {
    let reported
    const record = (message) => void (reported = message)
    plugin.generateBundle.call({ error: record, warn: record }, {}, { [fileName]: { type: 'chunk', fileName, code } })
    return reported
  }
  // Minified-bundle-like text: identifiers, strings and numbers, no secrets.
  const piece = 'function(e,t,n){"use strict";var r=n(42),o=n.n(r);const a={api:"https://api.example.com",retry:3};e.exports=function(){return o()(a)}},'
  const text = piece.repeat(Math.ceil((50 * 1024 * 1024) / piece.length)).slice(0, 50 * 1024 * 1024)
  // A timing of a scan that never ran would look fast: it must find a planted value first.
  if (!scan('planted.js', `var k=${JSON.stringify(secrets[999])}`)) throw new Error('the leak guard found no planted secret')
  scan('warmup.js', text.slice(0, 1024 * 1024))
  const times = []
  for (let r = 0; r < 5; r++) {
    const start = performance.now()
    const reported = scan('bundle.js', text)
    times.push(performance.now() - start)
    if (reported) throw new Error('unexpected leak in generated text')
  }
  await plugin.closeBundle()
  const ms = median(times)
  const mbps = 50 / (ms / 1000)
  console.log(`leak scan: 1,000 secrets (every encoded form of each) over 50 MB of bundle text: ${fmt(ms, 0)} ms, ${fmt(mbps, 0)} MB/s`)
  return verdict('>= 200 MB/s', mbps >= 200)
}

export async function run() {
  const dir = join(import.meta.dirname, '.tmp', 'bundler-app')
  generateApp(dir)
  console.log(
    `build of a generated app of ${MODULES} modules (40 read the environment), median of per-round ratios over 41 rounds for Vite, 25 for webpack; webpack without minification:`,
  )
  const vite = await timeBuilds('vite', buildVite, dir, 41)
  const wp = await timeBuilds('webpack', buildWebpack, dir, 25)
  const ok = verdict('time ratio <= 1.05 for both', vite <= 1.05 && wp <= 1.05)
  rmSync(dir, { recursive: true, force: true })
  console.log('')
  return (await scanThroughput()) && ok
}

if (import.meta.url === `file://${process.argv[1]}`) await run()
