// @hush/eslint-plugin against eslint-plugin-no-secrets (default settings) on a labelled corpus:
// precision, recall and F1 per rule, the share of clean files with any finding, and lint time
// of configs.recommended on the corpus repeated to ~50k lines.
import { mkdirSync, rmSync, writeFileSync } from 'node:fs'
import { createRequire } from 'node:module'
import { dirname, join } from 'node:path'
import hush from '@hush/eslint-plugin'
import tsParser from '@typescript-eslint/parser'
import { ESLint } from 'eslint'
import noSecrets from 'eslint-plugin-no-secrets'
import { buildCorpus, SNIPPET_COUNTS } from './lint/corpus.mjs'
import { fmt, median, verdict } from './lib.mjs'

const BASE = [
  { files: ['**/*.{ts,tsx}'], languageOptions: { parser: tsParser } },
  { files: ['**/*.{js,jsx,ts,tsx}'], languageOptions: { parserOptions: { ecmaFeatures: { jsx: true } } } },
]
const CONFIGS = {
  hush: [...BASE, hush.configs.recommended],
  'no-secrets': [...BASE, { plugins: { 'no-secrets': noSecrets }, rules: { 'no-secrets/no-secrets': 'error' } }],
}

function writeCorpus(dir, corpus, copies = 1) {
  rmSync(dir, { recursive: true, force: true })
  mkdirSync(join(dir, 'src', 'server'), { recursive: true })
  mkdirSync(join(dir, 'src', 'components'), { recursive: true })
  writeFileSync(join(dir, 'package.json'), '{"name":"lint-corpus","private":true,"type":"module"}')
  for (let c = 0; c < copies; c++) {
    for (const file of corpus) writeFileSync(join(dir, copies > 1 ? file.path.replace(/(\.\w+)$/, `-${c}$1`) : file.path), file.code)
  }
}

const eslintFor = (dir, name, stats = false) => new ESLint({ cwd: dir, overrideConfigFile: true, overrideConfig: CONFIGS[name], stats })

async function lint(dir, name) {
  const results = await eslintFor(dir, name).lintFiles(['src'])
  const fatal = results.flatMap((r) => r.messages.filter((m) => m.fatal).map((m) => `${r.filePath}:${m.line} ${m.message}`))
  if (fatal.length) throw new Error(`corpus does not parse:\n${fatal.slice(0, 5).join('\n')}`)
  return results.flatMap((r) => r.messages.map((m) => ({ file: r.filePath.slice(dir.length + 1), line: m.line, rule: m.ruleId })))
}

function score(corpus, found, ruleId, label) {
  const expected = new Set(corpus.flatMap((f) => f.labels.filter((l) => l.rule === label).map((l) => `${f.path}:${l.line}`)))
  const reported = new Set(found.filter((m) => m.rule === ruleId).map((m) => `${m.file}:${m.line}`))
  const tp = [...reported].filter((k) => expected.has(k)).length
  const precision = reported.size ? tp / reported.size : 1
  const recall = expected.size ? tp / expected.size : 1
  const f1 = precision + recall ? (2 * precision * recall) / (precision + recall) : 0
  return {
    ruleId,
    expected: expected.size,
    reported: reported.size,
    tp,
    precision,
    recall,
    f1,
    misses: [...expected].filter((k) => !reported.has(k)),
    falsePositives: [...reported].filter((k) => !expected.has(k)),
  }
}

function cleanFlagged(corpus, found, prefix) {
  const clean = corpus.filter((f) => f.labels.length === 0)
  const flagged = new Set(found.filter((m) => m.rule?.startsWith(prefix)).map((m) => m.file))
  return { clean: clean.length, flagged: clean.filter((f) => flagged.has(f.path)).length }
}

const line = (s) =>
  `  ${s.ruleId.padEnd(26)} precision ${fmt(s.precision, 3)}  recall ${fmt(s.recall, 3)}  F1 ${fmt(s.f1, 3)}   (${s.tp} of ${s.expected} found, ${s.reported - s.tp} false)`

/** Sums ESLint's own per-rule timing (stats: true): the rules' share, without parsing. */
const ruleTime = (results) => {
  let ms = 0
  for (const result of results) for (const pass of result.stats?.times.passes ?? []) for (const t of Object.values(pass.rules ?? {})) ms += t.total
  return ms
}

async function timeLint(dir, rounds) {
  const names = ['hush', 'no-secrets']
  const times = { hush: [], 'no-secrets': [] }
  // Wall time without stats: timing every listener call would weigh on the side with more listeners.
  for (let r = 0; r < rounds + 2; r++) {
    for (const name of r % 2 ? [...names].reverse() : names) {
      globalThis.gc?.()
      const start = performance.now()
      await eslintFor(dir, name).lintFiles(['src'])
      if (r > 1) times[name].push(performance.now() - start)
    }
  }
  const rules = {}
  for (const name of names) rules[name] = ruleTime(await eslintFor(dir, name, true).lintFiles(['src']))
  // The median of per-round ratios: load drifting between rounds cancels out.
  const ratio = median(times.hush.map((t, i) => t / times['no-secrets'][i]))
  return { total: { hush: median(times.hush), other: median(times['no-secrets']), ratio }, rules: { hush: rules.hush, other: rules['no-secrets'] } }
}

// Real code from npm, where every finding is a false alarm (these packages ship no secrets).
const require = createRequire(import.meta.url)
const REAL_CODE = [
  ['webpack', 'lib'],
  ['eslint', 'lib'],
  ['vite', 'dist'],
  ['@aws-sdk/client-secrets-manager', 'dist-es'],
]

async function realCode() {
  const counts = { files: 0, hush: 0, 'no-secrets': 0 }
  for (const [pkg, sub] of REAL_CODE) {
    const root = join(dirname(require.resolve(`${pkg}/package.json`)), sub)
    for (const name of ['hush', 'no-secrets']) {
      const eslint = new ESLint({
        cwd: root,
        overrideConfigFile: true,
        ignore: false,
        overrideConfig: [
          { files: ['**/*.{js,mjs,cjs}'], languageOptions: { ecmaVersion: 'latest', sourceType: 'module' } },
          ...CONFIGS[name].slice(BASE.length),
        ],
      })
      const results = await eslint.lintFiles(['**/*.{js,mjs}'])
      if (name === 'hush') counts.files += results.length
      counts[name] += results.reduce((n, r) => n + r.messages.filter((m) => m.ruleId?.startsWith(`${name}/`)).length, 0)
    }
  }
  console.log(
    `real code (${REAL_CODE.map(([p, s]) => `${p}/${s}`).join(', ')}; ${counts.files} files, no secrets in them): hush ${counts.hush} findings, no-secrets ${counts['no-secrets']}`,
  )
}

export async function run({ verbose = process.argv.includes('--verbose') } = {}) {
  const dir = join(import.meta.dirname, '.tmp', 'lint-corpus')
  const corpus = buildCorpus()
  writeCorpus(dir, corpus)
  const lines = corpus.reduce((n, f) => n + f.code.split('\n').length, 0)
  console.log(
    `lint corpus: ${corpus.length} files, ${lines} lines (${SNIPPET_COUNTS.hardcoded} secret syntaxes/formats, ${SNIPPET_COUNTS.lookalikes} look-alikes, ${SNIPPET_COUNTS.logging} logging leaks, ${SNIPPET_COUNTS.safeLogging} safe logging forms), ${corpus.filter((f) => !f.labels.length).length} clean files`,
  )
  const ours = await lint(dir, 'hush')
  const theirs = await lint(dir, 'no-secrets')
  const hard = score(corpus, ours, 'hush/no-hardcoded-secrets', 'hardcoded')
  const logging = score(corpus, ours, 'hush/no-secret-logging', 'logging')
  const client = score(corpus, ours, 'hush/no-client-secrets', 'client')
  const peer = score(corpus, theirs, 'no-secrets/no-secrets', 'hardcoded')
  for (const s of [hard, logging, client, peer]) console.log(line(s))
  console.log('  (eslint-plugin-no-secrets has no logging or client rule: its recall there is 0)')
  const cleanOurs = cleanFlagged(corpus, ours, 'hush/')
  const cleanTheirs = cleanFlagged(corpus, theirs, 'no-secrets/')
  console.log(
    `  clean files with any finding: hush ${cleanOurs.flagged} of ${cleanOurs.clean} (${fmt((100 * cleanOurs.flagged) / cleanOurs.clean, 1)}%), no-secrets ${cleanTheirs.flagged} of ${cleanTheirs.clean} (${fmt((100 * cleanTheirs.flagged) / cleanTheirs.clean, 1)}%)`,
  )
  if (verbose) {
    for (const s of [hard, logging, client]) {
      const show = (key) => {
        const [path, ln] = key.split(':')
        const line = corpus.find((f) => f.path === path).code.split('\n')[Number(ln) - 1]
        return `${key}  ${line.trim().slice(0, 100)}`
      }
      for (const k of s.misses) console.log(`    miss ${s.ruleId}: ${show(k)}`)
      for (const k of s.falsePositives) console.log(`    false ${s.ruleId}: ${show(k)}`)
    }
  }
  await realCode()
  const quality =
    verdict('no-hardcoded-secrets precision >= 0.97 and recall >= 0.95', hard.precision >= 0.97 && hard.recall >= 0.95) &
    verdict('no-secret-logging precision >= 0.93 and recall >= 0.90', logging.precision >= 0.93 && logging.recall >= 0.9) &
    verdict('clean files flagged <= 2%', cleanOurs.flagged / cleanOurs.clean <= 0.02)

  const copies = Math.ceil(50_000 / lines)
  const bigDir = join(import.meta.dirname, '.tmp', 'lint-corpus-large')
  writeCorpus(bigDir, corpus, copies)
  const t = await timeLint(bigDir, 7)
  console.log(`lint time, corpus x${copies} (${corpus.length * copies} files, ${lines * copies} lines), median of 7 alternating rounds after 2 warm-up rounds:`)
  console.log(
    `  configs.recommended ${fmt(t.total.hush, 0)} ms   eslint-plugin-no-secrets ${fmt(t.total.other, 0)} ms   ratio ${fmt(t.total.ratio, 3)} (median of per-round ratios)`,
  )
  console.log(
    `  rules only (ESLint stats, no parsing): hush ${fmt(t.rules.hush, 0)} ms (3 rules)   no-secrets ${fmt(t.rules.other, 0)} ms   ratio ${fmt(t.rules.hush / t.rules.other, 3)}`,
  )
  const speed = verdict('lint time ratio <= 1.0', t.total.ratio <= 1.0)
  rmSync(dir, { recursive: true, force: true })
  rmSync(bigDir, { recursive: true, force: true })
  return Boolean(quality) && speed
}

if (import.meta.url === `file://${process.argv[1]}`) await run()
