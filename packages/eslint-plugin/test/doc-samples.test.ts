import { readFileSync, readdirSync } from 'node:fs'
import { join } from 'node:path'
import tsParser from '@typescript-eslint/parser'
import { ESLint, type Linter } from 'eslint'
import { describe, expect, it } from 'vitest'
import plugin from '../src/index.js'
import { docSamples } from './doc-samples.js'
import { makeProject } from './project.js'

const docsDir = join(import.meta.dirname, '..', 'docs', 'rules')
const docs = readdirSync(docsDir).map((f) => [f.replace(/\.md$/, ''), docSamples(readFileSync(join(docsDir, f), 'utf8'))] as const)

/** Lints one sample in a project of its own (its file and .env) with only `rule` on. */
async function lintSample(rule: string, sample: { file: string; code: string; env: string[] }): Promise<Linter.LintMessage[]> {
  const dir = makeProject({ [sample.file]: sample.code, ...(sample.env.length ? { '.env': sample.env.join('\n') + '\n' } : {}) })
  const eslint = new ESLint({
    cwd: dir,
    overrideConfigFile: true,
    overrideConfig: [
      { files: ['**/*.{js,jsx,ts,tsx}'], languageOptions: { parserOptions: { ecmaFeatures: { jsx: true } } } },
      { files: ['**/*.{ts,tsx}'], languageOptions: { parser: tsParser } },
      { plugins: { hush: plugin }, rules: { [`hush/${rule}`]: 'error' } },
    ],
  })
  const [result] = await eslint.lintFiles([sample.file])
  return result!.messages
}

describe('the doc sample convention', () => {
  it('splits a block into samples at blank lines and reads the file and .env from the doc', () => {
    const doc =
      '## Examples\n\n❌ Incorrect (in `src/components/A.tsx`)\n\n```js\nconst a = 1\nlog(a) // .env: A=b\n\nlog(c)\n```\n\n✅ Correct\n\n```ts\nok()\n```\n\n## Options\n\n```js\nnot: a sample\n```\n'
    expect(docSamples(doc)).toEqual([
      { kind: 'incorrect', file: 'src/components/A.tsx', code: 'const a = 1\nlog(a) // .env: A=b\n', env: ['A=b'], line: 6 },
      { kind: 'incorrect', file: 'src/components/A.tsx', code: 'log(c)\n', env: [], line: 9 },
      { kind: 'correct', file: 'src/example.ts', code: 'ok()\n', env: [], line: 15 },
    ])
  })

  it('refuses a code block under Examples that is marked neither way', () => {
    expect(() => docSamples('## Examples\n\nSome text\n\n```js\nx()\n```\n')).toThrow(/line 5: a code block under "## Examples" follows no/)
  })
})

describe.each(docs)('docs/rules/%s.md samples, linted through the ESLint API', (rule, samples) => {
  it('has incorrect and correct samples', () => {
    expect(samples.filter((s) => s.kind === 'incorrect').length).toBeGreaterThan(0)
    expect(samples.filter((s) => s.kind === 'correct').length).toBeGreaterThan(0)
  })

  it.each(samples.map((s) => [`${s.kind === 'incorrect' ? '❌' : '✅'} line ${s.line} (${s.file})`, s] as const))('%s', async (_, sample) => {
    const messages = await lintSample(rule, sample)
    const summary = messages.map((m) => `${m.line}:${m.column} ${m.ruleId ?? 'parse error'}: ${m.message}`)
    if (sample.kind === 'incorrect') {
      expect(summary.filter((m) => m.includes('parse error'))).toEqual([])
      expect(
        messages.map((m) => m.ruleId),
        `${sample.code}\nshould be reported`,
      ).toContain(`hush/${rule}`)
    } else {
      expect(summary, `${sample.code}\nshould pass`).toEqual([])
    }
  })
})
