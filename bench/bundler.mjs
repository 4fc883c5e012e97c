// Build cost of the hush plugin on a generated app of ~2,000 modules, for Vite and webpack,
// against the same build without it; and the leak scan's throughput with 1,000 secrets.
import { mkdirSync, rmSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { randomBytes } from 'node:crypto'
import hushVite from '@hush/bundler/vite'
import hushWebpack from '@hush/bundler/webpack'
import { BundlerContext, resolveOptions } from '@hush/bundler'
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

async function buildVite(dir, withHush) {
  await viteBuild({
    root: dir,
    configFile: false,
    logLevel: 'silent',
    plugins: withHush ? [hushVite({ root: dir, env })] : [],
    define: withHush ? {} : { 'process.env.PUBLIC_API_URL': '"https://api.example.com"' },
    build: { outDir: join(dir, 'dist-vite'), emptyOutDir: true },
  })
}

function buildWebpack(dir, withHush) {
  return new Promise((resolve, reject) => {
    webpack(
      {
        mode: 'production',
        context: dir,
        entry: './src/m0.js',
        output: { path: join(dir, 'dist-webpack') },
        plugins: withHush ? [hushWebpack({ root: dir, env })] : [new webpack.DefinePlugin({ 'process.env.PUBLIC_API_URL': '"https://api.example.com"', 'import.meta.env': '{}' })],
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

async function timeBuilds(name, build, dir, rounds) {
  const times = { without: [], with: [] }
  await build(dir, false) // warm the file system cache and the JIT
  await build(dir, true)
  for (let r = 0; r < rounds; r++) {
    for (const withHush of r % 2 ? [true, false] : [false, true]) {
      globalThis.gc?.()
      const start = performance.now()
      await build(dir, withHush)
      times[withHush ? 'with' : 'without'].push(performance.now() - start)
    }
  }
  const without = median(times.without)
  const withHush = median(times.with)
  console.log(`  ${name.padEnd(8)} without ${fmt(without, 0).padStart(6)} ms   with hush ${fmt(withHush, 0).padStart(6)} ms   ratio ${fmt(withHush / without, 3)}`)
  return withHush / without
}

function scanThroughput() {
  const ctx = new BundlerContext(resolveOptions())
  for (let i = 0; i < 1000; i++) ctx.guard.add(`SECRET_${i}`, randomBytes(24).toString('base64url'))
  // Minified-bundle-like text: identifiers, strings and numbers, no secrets.
  const piece = 'function(e,t,n){"use strict";var r=n(42),o=n.n(r);const a={api:"https://api.example.com",retry:3};e.exports=function(){return o()(a)}},'
  const text = piece.repeat(Math.ceil((50 * 1024 * 1024) / piece.length)).slice(0, 50 * 1024 * 1024)
  ctx.scan('warmup.js', text.slice(0, 1024 * 1024))
  const times = []
  for (let r = 0; r < 5; r++) {
    const start = performance.now()
    const leaks = ctx.scan('bundle.js', text)
    times.push(performance.now() - start)
    if (leaks.length) throw new Error('unexpected leak in generated text')
  }
  const ms = median(times)
  const mbps = 50 / (ms / 1000)
  console.log(`leak scan: 1,000 secrets (7 forms each) over 50 MB of bundle text: ${fmt(ms, 0)} ms, ${fmt(mbps, 0)} MB/s`)
  return verdict('>= 200 MB/s', mbps >= 200)
}

export async function run() {
  const dir = join(import.meta.dirname, '.tmp', 'bundler-app')
  generateApp(dir)
  console.log(`build of a generated app of ${MODULES} modules (40 read the environment), median of alternating rounds (21 for Vite, 13 for webpack); webpack without minification:`)
  const vite = await timeBuilds('vite', buildVite, dir, 21)
  const wp = await timeBuilds('webpack', buildWebpack, dir, 13)
  const ok = verdict('time ratio <= 1.05 for both', vite <= 1.05 && wp <= 1.05)
  rmSync(dir, { recursive: true, force: true })
  console.log('')
  return scanThroughput() && ok
}

if (import.meta.url === `file://${process.argv[1]}`) await run()
