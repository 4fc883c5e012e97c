import { execFile } from 'node:child_process'
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs'
import { createRequire } from 'node:module'
import { tmpdir } from 'node:os'
import { dirname, join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { afterAll, describe, expect, it } from 'vitest'
import { uses } from './uses.js'

// Each entry of each package's `exports` map, discovered from the package.json files (a new
// entry or package is tested without touching this file), loaded by a fresh Node process
// from a directory outside the repository that has only node_modules links, as after an install.
const own = fileURLToPath(new URL('../package.json', import.meta.url))
const repoPackages = fileURLToPath(new URL('../../../packages/', import.meta.url))
const require = createRequire(own)
const listed = Object.keys(JSON.parse(readFileSync(own, 'utf8')).devDependencies as Record<string, string>).filter((n) => n.startsWith('@hush/'))

interface Entry {
  specifier: string
  json: boolean
}

const packages = listed.map((name) => {
  const manifest = require.resolve(`${name}/package.json`)
  const exportsMap = JSON.parse(readFileSync(manifest, 'utf8')).exports as Record<string, unknown>
  const entries: Entry[] = Object.keys(exportsMap)
    .filter((key) => key !== './package.json')
    .map((key) => ({ specifier: key === '.' ? name : `${name}${key.slice(1)}`, json: key.endsWith('.json') }))
  return { name, dir: dirname(manifest), entries }
})

const sandbox = mkdtempSync(join(tmpdir(), 'hush-entries-'))
mkdirSync(join(sandbox, 'node_modules', '@hush'), { recursive: true })
for (const p of packages) symlinkSync(p.dir, join(sandbox, 'node_modules', p.name), 'dir')
afterAll(() => rmSync(sandbox, { recursive: true, force: true }))

function script(entry: Entry, form: 'require' | 'import'): string {
  const load =
    form === 'require'
      ? `const mod = require(${JSON.stringify(entry.specifier)})`
      : entry.json
        ? `const mod = (await import(${JSON.stringify(entry.specifier)}, { with: { type: 'json' } })).default`
        : `const ns = await import(${JSON.stringify(entry.specifier)})\nconst mod = Object.keys(ns).length === 1 && 'default' in ns ? ns.default : ns`
  const prelude = form === 'require' ? `const { createRequire } = await import('node:module')\nconst require = createRequire(import.meta.url)\n` : ''
  // The shape printed lets the two forms be compared: a CJS entry must not be `{ default }`.
  return `${prelude}${load}\n${uses[entry.specifier] ?? ''}\nconsole.log('SHAPE', typeof mod, JSON.stringify(Object.keys(mod).filter((k) => k !== 'default').sort()))\n`
}

// A process warning from a dependency (the AWS SDK announces its Node support policy) is not
// an error of the entry.
const NODE_WARNING = /\(node:\d+\) (?:\[\w+\] )?\w*Warning: [\s\S]*?\(Use `node --trace-warnings[^\n]*\n?/g

function run(entry: Entry, form: 'require' | 'import'): Promise<{ code: number; stdout: string; stderr: string }> {
  const dir = mkdtempSync(join(sandbox, `${form}-`))
  const file = join(dir, 'check.mjs')
  writeFileSync(file, script(entry, form))
  // An empty environment (besides PATH): nothing from the test run leaks into what loads.
  return new Promise((resolve) => {
    execFile(process.execPath, [file], { cwd: dir, env: { PATH: process.env.PATH! }, timeout: 30_000 }, (error, stdout, stderr) =>
      resolve({ code: error ? 1 : 0, stdout, stderr: stderr.replace(NODE_WARNING, '') }),
    )
  })
}

describe('every @hush package is listed here', () => {
  it('devDependencies name each published package under packages/', () => {
    const names = readdirSync(repoPackages, { withFileTypes: true })
      .filter((d) => d.isDirectory())
      .map((d) => JSON.parse(readFileSync(join(repoPackages, d.name, 'package.json'), 'utf8')) as { name: string; private?: boolean })
      // Private packages (the shared test helpers) are never installed by a user.
      .filter((manifest) => manifest.private !== true)
      .map((manifest) => manifest.name)
    expect(listed.sort()).toEqual(names.sort())
  })
})

// A vitest setup file runs only inside vitest's workers, as ESM: loaded by plain Node it must
// stop with vitest's own message (not a broken build), and it offers no `require` to get wrong.
const VITEST_ONLY = new Set(['@hush/vitest/setup'])

describe.each(packages)('$name', ({ entries }) => {
  it.each(entries.filter((e) => VITEST_ONLY.has(e.specifier)))("$specifier is ESM only and stops outside vitest with vitest's message", async (entry) => {
    const esm = await run(entry, 'import')
    expect(esm.code).toBe(1)
    expect(esm.stderr).toContain('Vitest failed to access its internal state')
    const cjs = await run(entry, 'require')
    expect(cjs.stderr).toContain('ERR_PACKAGE_PATH_NOT_EXPORTED')
  })

  it.each(entries.filter((e) => !VITEST_ONLY.has(e.specifier)))('$specifier loads with require() and import(), and works', async (entry) => {
    const [cjs, esm] = await Promise.all([run(entry, 'require'), run(entry, 'import')])
    expect(cjs.stderr, 'require() printed errors').toBe('')
    expect(cjs.code, `require(${entry.specifier}) failed`).toBe(0)
    expect(esm.stderr, 'import() printed errors').toBe('')
    expect(esm.code, `import(${entry.specifier}) failed`).toBe(0)
    const shape = (out: string) => out.split('\n').find((l) => l.startsWith('SHAPE '))
    expect(shape(cjs.stdout)).toMatch(/^SHAPE (function|object) \[/)
    // The same main export either way: a function stays a function, an API the same names.
    expect(shape(cjs.stdout)).toBe(shape(esm.stdout))
  })
})
