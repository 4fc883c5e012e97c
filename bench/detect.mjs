// findSecrets throughput on real mixed source: the installed vite and webpack JavaScript,
// concatenated to ~10 MB. That code is clean (or nearly), so this measures what the format
// prefilter and the embedded matchers cost on text that holds no secret, as a scan or a lint
// pass meets it almost everywhere. Also the per-line cost, since ESLint hands over one string
// at a time.
import { readdirSync, readFileSync, realpathSync, statSync } from 'node:fs'
import { createRequire } from 'node:module'
import { dirname, join } from 'node:path'
import { findSecrets, TOKEN_FORMATS } from '@hush/core/detect'
import { compare, fmt, verdict } from './lib.mjs'

const require = createRequire(import.meta.url)
const TARGET = 10 * 1024 * 1024

function jsFiles(dir, out = []) {
  for (const entry of readdirSync(dir).sort()) {
    const path = join(dir, entry)
    const stat = statSync(path)
    if (stat.isDirectory() && entry !== 'node_modules') jsFiles(path, out)
    else if (/\.(?:c|m)?js$/.test(entry)) out.push(path)
  }
  return out
}

export function mixedSource(bytes = TARGET) {
  const roots = ['vite', 'webpack'].map((name) => realpathSync(dirname(require.resolve(`${name}/package.json`))))
  const parts = []
  let size = 0
  for (const file of roots.flatMap((root) => jsFiles(root))) {
    if (size >= bytes) break
    const text = readFileSync(file, 'utf8')
    parts.push(text)
    size += text.length
  }
  return parts.join('\n').slice(0, bytes)
}

export function run() {
  const text = mixedSource()
  const lines = text.split('\n')
  const mb = text.length / 1024 / 1024
  const found = findSecrets(text)
  const [whole, perLine] = compare(
    [
      { name: 'findSecrets(text)', fn: () => findSecrets(text) },
      { name: 'findSecrets(line) for each line', fn: () => lines.forEach((l) => findSecrets(l)) },
    ],
    { rounds: 5, warmup: 1 },
  )
  const throughput = mb / (whole.ms / 1000)
  const kinds = [...new Set(found.map((f) => f.kind))].join(', ') || 'none'
  console.log(`detect: ${TOKEN_FORMATS.length} token formats, ${fmt(mb, 1)} MB of vite + webpack JavaScript (${lines.length.toLocaleString('en-US')} lines)`)
  console.log(`  findings: ${found.length} (${kinds})`)
  console.log(`  findSecrets on the whole text:   ${fmt(whole.ms, 1).padStart(8)} ms  ${fmt(throughput, 0).padStart(5)} MB/s`)
  console.log(`  findSecrets line by line:        ${fmt(perLine.ms, 1).padStart(8)} ms  ${fmt(mb / (perLine.ms / 1000), 0).padStart(5)} MB/s`)
  // ESLint hands strings over one at a time, so the per-line figure is held to the same bar.
  return verdict('findSecrets >= 50 MB/s on mixed source, whole and line by line', throughput >= 50 && mb / (perLine.ms / 1000) >= 50)
}

if (import.meta.url === `file://${process.argv[1]}`) run()
