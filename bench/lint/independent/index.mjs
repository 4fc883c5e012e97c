// A second labelled corpus for the lint bench, written apart from the detector (its author
// did not read packages/core/src/detect, the rules' sources or bench/lint/corpus.mjs): code in
// the styles real projects use, with synthetic credentials in the shapes vendors document.
//
// ┌──────────────────────────────────────────────────────────────────────────────────────┐
// │ HELD-OUT PART: held-out/, about 40% of the files, chosen by a fixed seed (isHeldOut,  │
// │ HELD_OUT_SEED below). Never open those files, print them or look at their misses      │
// │ while tuning the detector or the rules: their figures are only worth anything while   │
// │ nobody has. The bench prints their totals only. Tune on dev/ (and the development     │
// │ corpus), then read the held-out figures once, as a check.                             │
// └──────────────────────────────────────────────────────────────────────────────────────┘
//
// Case files (`*.cases.txt` in dev/ and held-out/; clean non-JS text in text/) hold many files
// each: a line `=== <path>` starts a file. A new case goes to the part isHeldOut(path) names
// (the loader refuses one in the other): the seed, not the author, decides what is held out.
// Inside, `⟨shape⟩` / `⟨shape:arg⟩` is replaced by a fresh value of that shape from
// tokens.mjs (`⟨shape@k⟩` reuses one value for key k within the file), and labels mark what a
// rule should report: `⟦H⟧` (no-hardcoded-secrets) or `⟦L⟧` (no-secret-logging) on a line,
// or `⟦H[⟧` ... `⟦]⟧` around several lines that hold one finding (a multi-line string or call:
// a report on any of its lines counts, once). Markers are removed, with the spaces before them.
import { readdirSync, readFileSync } from 'node:fs'
import { join } from 'node:path'
import { hashSeed, prng, tokenMaker } from './tokens.mjs'

export const HELD_OUT_SEED = 'hush-i12-held-out-v39'
const HELD_OUT_PERCENT = 40

const TOKEN = /⟨([a-z0-9_]+)(?::([^@⟩]+))?(?:@(\w+))?⟩/gi
const LABEL = / *⟦([HL]\[?|\])⟧/g
const RULES = { H: 'hardcoded', L: 'logging' }

function expand(path, template) {
  const make = tokenMaker(prng(hashSeed(path)))
  const named = new Map()
  const code = template.replace(TOKEN, (_, shape, arg, key) => {
    if (!key) return make(shape, arg)
    if (!named.has(key)) named.set(key, make(shape, arg))
    return named.get(key)
  })
  const labels = []
  const open = []
  const lines = code.split('\n').map((text, i) => {
    const line = i + 1
    for (const [, mark] of text.matchAll(LABEL)) {
      if (mark === ']') {
        const start = open.pop()
        if (!start) throw new Error(`${path}:${line}: ⟦]⟧ closes nothing`)
        labels.push({ rule: start.rule, line: start.line, end: line })
      } else if (mark.endsWith('[')) open.push({ rule: RULES[mark[0]], line })
      else labels.push({ rule: RULES[mark], line, end: line })
    }
    return text.replace(LABEL, '')
  })
  if (open.length) throw new Error(`${path}: ⟦${open[0].rule}[⟧ at line ${open[0].line} is never closed`)
  return { path, code: lines.join('\n'), labels: labels.sort((a, b) => a.line - b.line) }
}

function parseCaseFile(text, source) {
  const files = []
  let current
  for (const line of text.split('\n')) {
    const header = /^=== (\S+)$/.exec(line)
    if (header) {
      current = { path: header[1], lines: [], source }
      files.push(current)
    } else if (current) current.lines.push(line)
  }
  return files.map((f) => ({ path: f.path, source, template: f.lines.join('\n').replace(/\n+$/, '\n') }))
}

function readCaseFiles(dir) {
  return readdirSync(dir)
    .filter((f) => f.endsWith('.cases.txt'))
    .sort()
    .flatMap((f) => parseCaseFile(readFileSync(join(dir, f), 'utf8'), f))
}

export const isHeldOut = (path) => hashSeed(`${HELD_OUT_SEED}:${path}`) % 100 < HELD_OUT_PERCENT

/**
 * Every file of the independent corpus, with its labels and part (`dev` or `held-out`).
 * Files: { path, code, labels: [{ rule, line, end }], part, source }.
 */
export function buildIndependentCorpus() {
  const seen = new Set()
  return ['dev', 'held-out'].flatMap((part) =>
    readCaseFiles(join(import.meta.dirname, part)).map((f) => {
      if (seen.has(f.path)) throw new Error(`independent corpus: ${f.path} twice`)
      seen.add(f.path)
      const belongs = isHeldOut(f.path) ? 'held-out' : 'dev'
      if (belongs !== part) throw new Error(`independent corpus: ${f.path} is in ${part}/${f.source}, but the seed puts it in ${belongs}/`)
      return { ...expand(f.path, f.template), source: `${part}/${f.source}`, part }
    }),
  )
}

/**
 * The clean non-JS text of text/ (Dockerfiles, compose, Kubernetes, CI, .env.example): for the
 * false-alarm check only, so it is neither labelled nor split.
 */
export function buildTextCorpus() {
  return readCaseFiles(join(import.meta.dirname, 'text')).map((f) => {
    const { code, labels } = expand(f.path, f.template)
    if (labels.length) throw new Error(`text/${f.source}: ${f.path} has labels, but this text is all clean`)
    return { path: f.path, code }
  })
}
