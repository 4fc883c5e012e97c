import { spawnSync } from 'node:child_process'
import { randomBytes } from 'node:crypto'
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { expectNoValue } from '@hush/test-kit'
import { describe, expect, it } from 'vitest'

// Configs that fight back, read the way an app reads them: the built `@hush/core/config`
// (ESM and CommonJS) in a child process, whose whole output is checked for the value.

const secret = () => `sk_live_${randomBytes(24).toString('base64url').replace(/[-_]/g, 'x')}`

function project(files: Record<string, string>, setup?: (dir: string) => void): string {
  const dir = mkdtempSync(join(tmpdir(), 'hush-hostile-'))
  writeFileSync(join(dir, 'package.json'), '{"type":"module"}')
  for (const [name, text] of Object.entries(files)) writeFileSync(join(dir, name), text)
  setup?.(dir)
  return dir
}

/** Prints what loadConfig and loadConfigSync throw, every way a user could print it. */
const script = (entry: string, esm: boolean) => `
  ${esm ? `import { inspect } from 'node:util'; import * as hush from ${JSON.stringify(entry)}` : `const { inspect } = require('node:util'); const hush = require(${JSON.stringify(entry)})`}
  const show = (how, e) => console.log(JSON.stringify({ how, code: e?.code, message: e?.message, stack: e?.stack, inspected: inspect(e, { showHidden: true, depth: Infinity }), json: JSON.stringify(e) }))
  ;(async () => {
    try { hush.loadConfigSync() ; show('sync', undefined) } catch (e) { show('sync', e) }
    await hush.loadConfig().then(() => show('async', undefined), (e) => show('async', e))
  })()
`

function load(dir: string, esm: boolean): Array<{ how: string; code?: string; message?: string }> {
  const entry = new URL(`../dist/config.${esm ? 'mjs' : 'cjs'}`, import.meta.url)
  const args = esm ? ['--input-type=module', '-e', script(entry.href, true)] : ['-e', script(entry.pathname, false)]
  const run = spawnSync(process.execPath, args, { cwd: dir, encoding: 'utf8', timeout: 15_000 })
  expect(run.error, 'the read must not hang').toBeUndefined()
  expectNoValue(run.stdout + run.stderr, values, { piece: 8, in: 'what the child printed' })
  return run.stdout
    .trim()
    .split('\n')
    .map((line) => JSON.parse(line) as { how: string; code?: string; message?: string })
}

const values: string[] = []
const remember = (value: string) => (values.push(value), value)

describe.each([
  ['ESM', true],
  ['CommonJS', false],
])('a hostile hush.config, read through @hush/core/config (%s)', (_, esm) => {
  it('a default export that is a rejecting promise: HUSH_BAD_CONFIG, not the rejection', () => {
    const value = remember(secret())
    const dir = project({ 'hush.config.mjs': `export default Promise.reject(new Error('token ${value} is invalid'))\n` })
    for (const result of load(dir, esm)) {
      expect(result.code, result.how).toBe('HUSH_BAD_CONFIG')
      expect(result.message).toContain('hush.config.mjs')
    }
  })

  it('a thrown object whose name and code hold the value: only "Error"', () => {
    const value = remember(secret())
    const dir = project({ 'hush.config.ts': `throw { name: 'Oops ${value}', code: '${value}', message: 'x' }\n` })
    for (const result of load(dir, esm)) expect(result.message, result.how).toMatch(/Running it failed \(Error\)/)
  })

  it('a value required as if it were a module: not offered as a package to install', () => {
    const value = remember(secret())
    const dir = project({ 'hush.config.cjs': `module.exports = require('${value}')\n` })
    for (const result of load(dir, esm)) {
      expect(result.code, result.how).toBe('HUSH_BAD_CONFIG')
      expect(result.message).not.toMatch(/It imports/)
    }
  })

  it('a missing package is still named', () => {
    const dir = project({ 'hush.config.mjs': "import x from '@acme/not-installed-anywhere'\nexport default x\n" })
    for (const result of load(dir, esm)) expect(result.message, result.how).toContain('It imports @acme/not-installed-anywhere')
  })

  it('a named pipe or a directory in the config file place: an error, not a read that waits for ever', () => {
    const fifo = project({}, (dir) => spawnSync('mkfifo', [join(dir, 'hush.config.json')]))
    const folder = project({}, (dir) => mkdirSync(join(dir, 'hush.config.yaml')))
    for (const dir of [fifo, folder]) {
      for (const result of load(dir, esm)) {
        expect(result.code, result.how).toBe('HUSH_BAD_CONFIG')
        expect(result.message).toContain('It is not a regular file')
      }
    }
  })

  it('JSON nested past the stack, and YAML aliases that expand without end: HUSH_BAD_CONFIG', () => {
    const value = remember(secret())
    const deep = project({ 'hush.config.json': `${'['.repeat(200_000)}${value}` })
    const row = `[${Array(9).fill(`"${value}"`).join(',')}]`
    const laughs = 'abcdefgh'
      .split('')
      .map((k, i) =>
        i
          ? `${k}: &${k} [${Array(9)
              .fill(`*${'abcdefgh'[i - 1]}`)
              .join(',')}]`
          : `${k}: &${k} ${row}`,
      )
      .join('\n')
    const aliases = project({ 'hush.config.yaml': `${laughs}\n` })
    for (const result of load(deep, esm)) expect(result.message, result.how).toContain('nested too deeply')
    for (const result of load(aliases, esm)) expect(result.message, result.how).toContain('aliases (*name) expand into too much data')
  })
})
