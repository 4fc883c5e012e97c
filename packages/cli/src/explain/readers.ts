import { readFileSync, statSync } from 'node:fs'
import { IgnoreRules } from '../scan/ignore.js'
import { walk } from '../scan/walk.js'

/** One place in the project's code that reads a secret. */
export interface Reader {
  file: string
  line: number
  /** How it reads it: `process.env.NAME`, `get('NAME')`, ... */
  how: string
}

const SOURCE = /\.(?:[cm]?[jt]sx?|vue|svelte|astro)$/
const MAX_BYTES = 2 * 1024 * 1024

/**
 * Where the JS/TS files under `root` read `name`, as an ESLint rule would spot it:
 * `process.env.NAME`, `process.env['NAME']`, `import.meta.env.NAME`, `get('NAME')`,
 * `getOrThrow('NAME')` (hush, Nest's ConfigService) and `@InjectSecret('NAME')`. Files that
 * .gitignore or .hushignore hide, and node_modules, are not read, as for `hush scan`.
 */
export function findReaders(root: string, name: string): Reader[] {
  const n = name.replace(/[$]/g, '\\$')
  const q = `(?<q>['"\`])${n}\\k<q>`
  const patterns: Array<[RegExp, (m: RegExpExecArray) => string]> = [
    [new RegExp(`\\bprocess\\.env\\.${n}(?![\\w$])`, 'g'), () => `process.env.${name}`],
    [new RegExp(`\\bprocess\\.env\\[\\s*${q}\\s*\\]`, 'g'), () => `process.env['${name}']`],
    [new RegExp(`\\bimport\\.meta\\.env\\.${n}(?![\\w$])`, 'g'), () => `import.meta.env.${name}`],
    [new RegExp(`@InjectSecret\\(\\s*${q}`, 'g'), () => `@InjectSecret('${name}')`],
    [new RegExp(`\\b(?<call>get|getOrThrow)\\s*(?:<[^>()]*>)?\\(\\s*${q}`, 'g'), (m) => `${m.groups!.call}('${name}')`],
  ]
  const out: Reader[] = []
  const files = walk(root, [], new IgnoreRules(root), () => {}).filter((f) => SOURCE.test(f))
  for (const file of files.sort()) {
    let text: string
    try {
      if (statSync(`${root}/${file}`).size > MAX_BYTES) continue
      text = readFileSync(`${root}/${file}`, 'utf8')
    } catch {
      continue
    }
    if (!text.includes(name)) continue
    const hits: Reader[] = []
    for (const [re, how] of patterns) {
      for (let m = re.exec(text); m; m = re.exec(text)) hits.push({ file, line: text.slice(0, m.index).split('\n').length, how: how(m) })
    }
    out.push(...hits.sort((a, b) => a.line - b.line))
  }
  return out
}
