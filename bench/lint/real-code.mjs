// The false-alarm check: real code and text that hold no secrets, so every finding is a false
// alarm. JavaScript from npm packages is linted (real-code.eslint.config.mjs: both plugins in one
// pass, on two worker threads) and scanned by secretlint; non-JS text (YAML, lockfiles, .env files,
// Dockerfiles and other config text) is read the way `hush scan` reads it, with `findSecrets`
// on the raw text, and by secretlint. eslint-plugin-no-secrets reads JavaScript only.
import { readdirSync, readFileSync, statSync } from 'node:fs'
import { createRequire } from 'node:module'
import { dirname, join, relative } from 'node:path'
import { findSecrets } from '@hush/core/detect'
import { ESLint } from 'eslint'
import { buildTextCorpus } from './independent/index.mjs'
import { secretlint } from './secretlint.mjs'

const require = createRequire(import.meta.url)
const REPO = join(import.meta.dirname, '..', '..')

// [package, folder, which files]. The `full` ones take ESLint minutes (typescript/lib alone is
// 15 MB in two files, over 20 s of CPU to parse): they are linted only with --full, but their
// text is always scanned.
const JS_PACKAGES = [
  { pkg: 'eslint', dir: 'lib' },
  { pkg: 'vite', dir: 'dist' },
  { pkg: '@aws-sdk/client-secrets-manager', dir: 'dist-es' },
  { pkg: 'express', dir: '.' },
  { pkg: 'lodash', dir: '.' },
  { pkg: 'axios', dir: 'lib' },
  { pkg: 'react-dom', dir: 'cjs', only: /\.production\.js$/, label: 'react-dom/cjs/*.production.js' },
  { pkg: '@nestjs/core', dir: '.' },
  { pkg: 'webpack', dir: 'lib', full: true },
  { pkg: 'react-dom', dir: 'cjs', only: /\.(development|profiling)\.js$/, label: 'react-dom/cjs/*.development.js', full: true },
  { pkg: 'typescript', dir: 'lib', full: true },
]
const labelOf = (p) => p.label ?? `${p.pkg}/${p.dir}`.replace(/\/\.$/, '')

function walk(dir, keep, { intoNodeModules = false } = {}, out = []) {
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    if (entry.name === 'node_modules' && !intoNodeModules) continue
    const path = join(dir, entry.name)
    // Symbolic links are not followed: pnpm links every package many times over.
    if (entry.isDirectory()) walk(path, keep, { intoNodeModules }, out)
    else if (entry.isFile() && keep(entry.name, path)) out.push(path)
  }
  return out
}

const rootOf = (p) => join(dirname(require.resolve(`${p.pkg}/package.json`)), p.dir)
const packageFiles = (p) => walk(rootOf(p), (name) => /\.(js|mjs|cjs)$/.test(name) && (!p.only || p.only.test(name))).sort()
const readAll = (paths) => paths.map((p) => ({ path: p, code: readFileSync(p, 'utf8') }))

/** Each non-JS text set. Files with the same content are read once. */
function textSets() {
  const pnpmStore = join(REPO, 'node_modules', '.pnpm')
  const fromStore = walk(pnpmStore, (name, path) => /\.ya?ml$|^yarn\.lock$/.test(name) && relative(pnpmStore, path) !== 'lock.yaml', { intoNodeModules: true })
  const read = (paths) => {
    const seen = new Set()
    return readAll(paths.sort())
      .map((f) => ({ ...f, path: relative(REPO, f.path) }))
      .filter((f) => !seen.has(f.code) && seen.add(f.code))
  }
  const exampleEnv = readdirSync(join(REPO, 'examples'), { withFileTypes: true })
    .filter((e) => e.isDirectory())
    .map((e) => join(REPO, 'examples', e.name, '.env'))
    .filter((p) => statSync(p, { throwIfNoEntry: false }))
  return [
    ['YAML shipped in node_modules (CI workflows, .travis.yml, FUNDING.yml, .eslintrc.yml)', read(fromStore.filter((p) => !p.endsWith('yarn.lock')))],
    [
      'lockfiles (pnpm-lock.yaml of this repo, yarn.lock files in node_modules, an npm package-lock.json)',
      read([join(REPO, 'pnpm-lock.yaml'), ...fromStore.filter((p) => p.endsWith('yarn.lock')), join(import.meta.dirname, 'fixtures', 'package-lock.json')]),
    ],
    ['.env files of examples/ (references and local settings)', read(exampleEnv)],
    [
      'written config text (lint/independent/text: Dockerfiles, compose, Kubernetes, CI, .env.example, TOML)',
      buildTextCorpus().map((f) => ({ ...f, path: `written/${f.path}` })),
    ],
  ]
}

/** Counts only: the texts and results of 40 MB of code are dropped as soon as they are counted. */
const tally = (found) => ({ findings: found.length, files: new Set(found.map((m) => m.file)).size })
const bytesOf = (files) => files.reduce((n, f) => n + Buffer.byteLength(f.code), 0)
const groupByFile = (found) => {
  const map = new Map()
  for (const m of found) map.set(m.file, [...(map.get(m.file) ?? []), m])
  return map
}
const scanHush = (files) => files.flatMap((f) => findSecrets(f.code).map(() => ({ file: f.path })))

/**
 * With --full: every text file of every installed package (JavaScript, TypeScript, JSON, YAML,
 * Markdown; source maps and files over 5 MB left out), read as `hush scan` would read it. Only
 * hush: secretlint would take minutes here. READMEs and tests in node_modules hold documentation
 * passwords (axios's `s00pers3cret`) that any scanner reports, so this is a count to watch, not zero.
 */
function sweep() {
  const root = join(REPO, 'node_modules', '.pnpm')
  const found = []
  let files = 0
  let bytes = 0
  const visit = (dir) => {
    for (const entry of readdirSync(dir, { withFileTypes: true })) {
      const path = join(dir, entry.name)
      if (entry.isSymbolicLink()) continue
      if (entry.isDirectory()) visit(path)
      else if (/\.(?:[cm]?js|ts|json|ya?ml|md)$/.test(entry.name) && statSync(path).size <= 5e6) {
        const code = readFileSync(path, 'utf8')
        files++
        bytes += Buffer.byteLength(code)
        for (const _ of findSecrets(code)) found.push({ file: path })
      }
    }
  }
  visit(root)
  return { label: 'every text file installed in node_modules/.pnpm (--full; READMEs and tests included)', files, bytes, hush: tally(found) }
}

export async function realCode({ full = false } = {}) {
  const sets = JS_PACKAGES.map((p) => ({ ...p, paths: packageFiles(p) }))
  const linted = sets.filter((p) => full || !p.full)
  // One call for every package, so the two worker threads start once and share the whole load.
  const eslint = new ESLint({ cwd: REPO, overrideConfigFile: join(import.meta.dirname, 'real-code.eslint.config.mjs'), concurrency: 2 })
  const messages = new Map(
    (await eslint.lintFiles(linted.flatMap((p) => p.paths))).map((r) => [
      r.filePath,
      r.messages.map((m) => ({ file: r.filePath, rule: m.ruleId, fatal: m.fatal })),
    ]),
  )

  // secretlint once for all the JavaScript and once for all the text: a worker per call (see secretlint.mjs).
  const all = sets.map((p) => ({ ...p, files: readAll(p.paths) }))
  const slByFile = groupByFile(await secretlint(all.flatMap((p) => p.files)))
  const rows = []
  const asText = { files: 0, bytes: 0, hush: [], secretlint: [] }
  for (const p of all) {
    const sl = p.files.flatMap((f) => slByFile.get(f.path) ?? [])
    asText.files += p.files.length
    asText.bytes += bytesOf(p.files)
    asText.hush.push(...scanHush(p.files))
    asText.secretlint.push(...sl)
    if (p.full && !full) continue
    const found = p.paths.flatMap((path) => messages.get(path) ?? [])
    rows.push({
      name: labelOf(p),
      files: p.files.length,
      bytes: bytesOf(p.files),
      fatal: found.filter((m) => m.fatal).length,
      hush: tally(found.filter((m) => m.rule?.startsWith('hush/'))),
      'no-secrets': tally(found.filter((m) => m.rule?.startsWith('no-secrets/'))),
      secretlint: tally(sl),
    })
  }
  const textSetsRead = textSets()
  const textSl = groupByFile(await secretlint(textSetsRead.flatMap(([, files]) => files)))
  const text = textSetsRead.map(([label, files]) => ({
    label,
    files: files.length,
    bytes: bytesOf(files),
    hush: tally(scanHush(files)),
    secretlint: tally(files.flatMap((f) => textSl.get(f.path) ?? [])),
  }))
  text.push({
    label: `JavaScript of all ${JS_PACKAGES.length} sets above (typescript/lib, webpack/lib included) as raw text, as \`hush scan\` will read it`,
    files: asText.files,
    bytes: asText.bytes,
    hush: tally(asText.hush),
    secretlint: tally(asText.secretlint),
  })
  if (full) text.push(sweep())
  return { rows, text, skipped: JS_PACKAGES.filter((p) => p.full && !full).map(labelOf) }
}

export function printRealCode({ rows, text, skipped }, { fmt }) {
  const sum = (key) => rows.reduce((n, r) => n + (typeof r[key] === 'number' ? r[key] : 0), 0)
  const total = (tool) => ({ findings: rows.reduce((n, r) => n + r[tool].findings, 0), files: rows.reduce((n, r) => n + r[tool].files, 0) })
  const c = ({ findings, files }) => `${fmt(findings, 0)} in ${fmt(files, 0)} files`
  const n = (x, width) => String(x).padStart(width)
  console.log(`real code and text with no secrets in it: every finding is a false alarm`)
  console.log(
    `  JavaScript, linted (${rows.length} sets, ${fmt(sum('files'), 0)} files, ${fmt(sum('bytes') / 1e6, 1)} MB${skipped.length ? `; ${skipped.join(', ')} only with --full` : ''}): hush ${c(total('hush'))}   no-secrets ${c(total('no-secrets'))}   secretlint ${c(total('secretlint'))}${sum('fatal') ? `   (${sum('fatal')} files did not parse)` : ''}`,
  )
  for (const r of rows) {
    console.log(
      `    ${r.name.padEnd(40)} ${n(r.files, 5)} files   hush ${n(r.hush.findings, 4)}   no-secrets ${n(r['no-secrets'].findings, 5)}   secretlint ${n(r.secretlint.findings, 3)}`,
    )
  }
  console.log(`  text (hush: findSecrets on the raw text; secretlint: its own scan; no-secrets reads JavaScript only):`)
  for (const t of text) {
    console.log(
      `    ${t.label}: ${fmt(t.files, 0)} files, ${fmt(t.bytes / 1e6, 2)} MB   hush ${c(t.hush)}   secretlint ${t.secretlint ? c(t.secretlint) : 'not run'}`,
    )
  }
  // The --full sweep counts documentation passwords too: it is reported, not part of the zero target.
  return total('hush').findings + text.filter((t) => t.secretlint).reduce((k, t) => k + t.hush.findings, 0)
}
