import { readFileSync, readdirSync } from 'node:fs'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import plugin from '../src/index.js'

const docsDir = join(import.meta.dirname, '..', 'docs', 'rules')

describe('rule docs', () => {
  it('every rule has a doc and every doc a rule', () => {
    const docs = readdirSync(docsDir)
      .map((f) => f.replace(/\.md$/, ''))
      .sort()
    expect(docs).toEqual(Object.keys(plugin.rules).sort())
  })

  it.each(Object.entries(plugin.rules))('%s: doc has examples, options and when not to use it; meta points at it', (name, rule) => {
    const doc = readFileSync(join(docsDir, `${name}.md`), 'utf8')
    expect(doc.startsWith(`# hush/${name}\n`)).toBe(true)
    for (const heading of ['## Examples', '## Options', '## When not to use it']) expect(doc).toContain(heading)
    expect(doc).toMatch(/❌ Incorrect[\s\S]*```js[\s\S]*✅ Correct[\s\S]*```js/)
    // The line saying which configs turn the rule on agrees with the configs, which meta.docs.recommended builds.
    expect(doc).toContain(`hush/${name}` in plugin.configs.recommended.rules! ? '✅ In `configs.recommended` and `configs.strict`' : '✅ In `configs.strict`')
    expect(rule.meta.docs?.url).toBe(`https://github.com/hush-dev/hush/blob/main/packages/eslint-plugin/docs/rules/${name}.md`)
    // Each option in the schema is documented.
    const schema = rule.meta.schema as unknown as Array<{ properties: Record<string, unknown> }>
    for (const option of Object.keys(schema[0]!.properties)) expect(doc).toContain(option)
  })
})
