// What `hush scan` and secretlint find on the labelled files of the independent corpus
// (lint/independent), scored per file: a scanner's answer is a file, not a line, so a file
// counts as flagged when the tool reports anything in it, and as a secret when it carries a
// hardcoded-secret label (a file labelled only for logging holds no value to find). The dev and
// held-out parts are scored apart, as lint.mjs does, and only their totals are printed: the
// held-out part must not be looked at. text/ is all clean, so it gives false alarms only.
import { spawnSync } from 'node:child_process'
import { mkdirSync, rmSync, writeFileSync } from 'node:fs'
import { dirname, join } from 'node:path'
import { buildIndependentCorpus, buildTextCorpus } from '../lint/independent/index.mjs'
import { secretlint } from '../lint/secretlint.mjs'
import { fmt } from '../lib.mjs'

/** The files a `hush scan` run flags, the scan run as a user runs it: the binary, in the files' folder. */
function hushFlagged(bin, dir, files) {
  for (const f of files) {
    mkdirSync(dirname(join(dir, f.path)), { recursive: true })
    writeFileSync(join(dir, f.path), f.code)
  }
  // Named outright, so a .gitignore among the corpus files hides none of them (secretlint is given the same list).
  const out = spawnSync(process.execPath, [bin, 'scan', '--format', 'json', ...files.map((f) => f.path)], {
    cwd: dir,
    encoding: 'utf8',
    maxBuffer: 64 * 1024 * 1024,
  })
  if (out.status !== 0 && out.status !== 1) throw new Error(`hush scan exited ${out.status}: ${out.stderr.slice(0, 500)}`)
  return new Set(JSON.parse(out.stdout).findings.map((f) => f.file))
}

/** Per-file precision, recall and F1 of the flagged set against the files labelled with a hardcoded secret. */
function score(files, flagged) {
  const positive = files.filter((f) => f.labels.some((l) => l.rule === 'hardcoded'))
  const tp = positive.filter((f) => flagged.has(f.path)).length
  const fp = files.filter((f) => flagged.has(f.path)).length - tp
  const precision = tp + fp ? tp / (tp + fp) : 1
  const recall = positive.length ? tp / positive.length : 1
  const f1 = precision + recall ? (2 * precision * recall) / (precision + recall) : 0
  return { files: files.length, positive: positive.length, tp, fp, missed: positive.length - tp, precision, recall, f1 }
}

async function evaluate(bin, tmp, name, files) {
  const dir = join(tmp, name)
  rmSync(dir, { recursive: true, force: true })
  const hush = hushFlagged(bin, dir, files)
  rmSync(dir, { recursive: true, force: true })
  const other = new Set((await secretlint(files)).map((m) => m.file))
  return { name, hush: score(files, hush), secretlint: score(files, other) }
}

/** Scores both tools on the dev part, the held-out part and the clean text, and prints them side by side. */
export async function compareFindings(bin, tmp) {
  const corpus = buildIndependentCorpus()
  const sets = [
    await evaluate(
      bin,
      tmp,
      'dev',
      corpus.filter((f) => f.part === 'dev'),
    ),
    await evaluate(
      bin,
      tmp,
      'held-out',
      corpus.filter((f) => f.part === 'held-out'),
    ),
  ]
  const text = await evaluate(
    bin,
    tmp,
    'text',
    buildTextCorpus().map((f) => ({ ...f, labels: [] })),
  )

  const COL = 30
  const row = (label, cells) => console.log(`  ${label.padEnd(14)}${cells.map((c) => c.padEnd(COL)).join('')}`.trimEnd())
  const prf = (s) => `${fmt(s.precision, 3)} / ${fmt(s.recall, 3)} / ${fmt(s.f1, 3)}`
  const counts = (s) => `${s.tp} of ${s.positive}, ${s.fp} false`
  const clean = (s) => `${s.fp} of ${s.files} flagged`
  console.log('  findings on the labelled files of bench/lint/independent, per file (flagged: at least one finding; a secret: a file labelled hardcoded)')
  row('', [...sets.map((s) => (s.name === 'dev' ? 'dev part' : 'HELD-OUT part')), 'text/ (all clean)'])
  row('', [...sets.map((s) => `${s.hush.files} files, ${s.hush.positive} with a secret`), `${text.hush.files} files`])
  console.log('  precision / recall / F1')
  for (const tool of ['hush', 'secretlint']) row(tool === 'hush' ? 'hush scan' : tool, [...sets.map((s) => prf(s[tool])), clean(text[tool])])
  console.log('  files with a secret found, other files flagged')
  for (const tool of ['hush', 'secretlint'])
    row(
      tool === 'hush' ? 'hush scan' : tool,
      sets.map((s) => counts(s[tool])),
    )
  console.log('  detect-secrets (Yelp, PyPI): not measured, it cannot be installed here (PyPI is unreachable from this machine and Debian has no package)')
  return { sets, text }
}
