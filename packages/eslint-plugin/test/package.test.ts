import { execFileSync } from 'node:child_process'
import { randomBytes } from 'node:crypto'
import { mkdirSync, mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs'
import { createRequire } from 'node:module'
import { join } from 'node:path'
import { pathToFileURL } from 'node:url'
import { build } from 'tsdown'
import { afterAll, describe, expect, it } from 'vitest'

const root = join(import.meta.dirname, '..')
const pkg = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')) as {
  name: string
  version: string
  dependencies?: Record<string, string>
  peerDependencies?: Record<string, string>
}
/** Packages a plain JavaScript project must not get: TypeScript itself is 24 MB. */
const TYPESCRIPT_ONLY = /^(?:typescript|typescript-eslint|@typescript-eslint\/.*)$/

// Inside the package's node_modules, so the built files resolve their dependencies as installed.
mkdirSync(join(root, 'node_modules', '.cache'), { recursive: true })
const out = mkdtempSync(join(root, 'node_modules', '.cache', 'hush-dist-'))
afterAll(() => rmSync(out, { recursive: true, force: true }))

/**
 * The build sees package.json with this version instead, so a version copied into the source
 * (which matches package.json until the next release) fails the meta test below.
 */
const BUILT_VERSION = `${pkg.version}-build.${randomBytes(4).toString('hex')}`
const withBuiltVersion = {
  name: 'built-version',
  load(id: string) {
    return id === join(root, 'package.json') ? JSON.stringify({ ...pkg, version: BUILT_VERSION }) : undefined
  },
}

/**
 * Preloaded in the child: any attempt to load typescript or typescript-eslint fails, by
 * require() (CJS) or import (ESM), as it would in a JavaScript project that has neither.
 */
const BLOCK_TYPESCRIPT = `
import Module, { register } from 'node:module'
const blocked = (s) => /^(?:typescript|typescript-eslint|@typescript-eslint\\/.*)$/.test(s)
const resolveFilename = Module._resolveFilename
Module._resolveFilename = function (request, ...rest) {
  if (blocked(request)) throw Object.assign(new Error('blocked: ' + request), { code: 'MODULE_NOT_FOUND' })
  return resolveFilename.call(this, request, ...rest)
}
register('data:text/javascript,' + encodeURIComponent(\`export async function resolve(s, c, next) { if ((\${blocked})(s)) throw new Error('blocked: ' + s); return next(s, c) }\`))
`

/** Lints a JavaScript project through the built plugin (ESM or CJS) and the real ESLint API. */
const LINT = `
import { createRequire } from 'node:module'
import { ESLint } from 'eslint'
const [dir, format] = process.argv.slice(2)
const hush = format === 'cjs' ? createRequire(import.meta.url)('./index.cjs') : (await import('./index.mjs')).default
const eslint = new ESLint({ cwd: dir, overrideConfigFile: true, overrideConfig: [hush.configs.recommended] })
const results = await eslint.lintFiles(['src'])
console.log(JSON.stringify(results.flatMap((r) => r.messages.map((m) => m.ruleId))))
`

describe('what a JavaScript project installs', () => {
  it('package.json has no typescript-eslint or typescript in dependencies or peerDependencies', () => {
    const runtime = [...Object.keys(pkg.dependencies ?? {}), ...Object.keys(pkg.peerDependencies ?? {})]
    expect(runtime.filter((name) => TYPESCRIPT_ONLY.test(name))).toEqual([])
  })

  it('the built files (ESM, CJS and their types) import no typescript-eslint or typescript', async () => {
    // Built from the current source into a scratch folder, so a stale dist/ cannot hide an import.
    const config = (await import('../tsdown.config.js')).default as Parameters<typeof build>[0]
    await build({ ...config, config: false, cwd: root, outDir: out, logLevel: 'silent', plugins: [withBuiltVersion] })
    const files = readdirSync(out)
    expect(files.sort()).toEqual(['index.cjs', 'index.d.cts', 'index.d.mts', 'index.mjs'])
    for (const file of files) {
      const text = readFileSync(join(out, file), 'utf8')
      const specifiers = [...text.matchAll(/\bfrom\s*["']([^"']+)["']|\b(?:require|import)\(\s*["']([^"']+)["']\s*\)/g)].map((m) => (m[1] ?? m[2])!)
      expect(specifiers.length, file).toBeGreaterThan(0)
      const packages = specifiers.map((s) => (s.startsWith('@') ? s.split('/').slice(0, 2).join('/') : s.split('/')[0]!))
      expect(
        packages.filter((name) => TYPESCRIPT_ONLY.test(name)),
        file,
      ).toEqual([])
    }
  })
})

describe('the built plugin in a JavaScript project without TypeScript', () => {
  it.each(['esm', 'cjs'])('reports the name and version package.json had when it was built (%s)', async (format) => {
    // Runs after the build test above, which fills `out`.
    const built = (
      format === 'cjs' ? createRequire(import.meta.url)(join(out, 'index.cjs')) : (await import(pathToFileURL(join(out, 'index.mjs')).href)).default
    ) as { meta: unknown }
    expect(built.meta).toEqual({ name: pkg.name, version: BUILT_VERSION })
  })

  it.each(['esm', 'cjs'])('loads (%s) and reports through the ESLint API with typescript and typescript-eslint unloadable', (format) => {
    // Runs after the build test above, which fills `out`.
    expect(readdirSync(out)).toContain('index.mjs')
    writeFileSync(join(out, 'block-typescript.mjs'), BLOCK_TYPESCRIPT)
    writeFileSync(join(out, 'lint.mjs'), LINT)
    const project = join(out, `project-${format}`)
    mkdirSync(join(project, 'src', 'server'), { recursive: true })
    writeFileSync(join(project, 'package.json'), '{"name":"js-app","private":true,"type":"module"}')
    writeFileSync(join(project, 'src', 'server', 'db.js'), `const password = 'Tr0ub4dor&3xq'\nconsole.log(password)\n`)
    const stdout = execFileSync(process.execPath, ['--import', join(out, 'block-typescript.mjs'), join(out, 'lint.mjs'), project, format], { encoding: 'utf8' })
    expect(JSON.parse(stdout.trim().split('\n').at(-1)!)).toEqual(['hush/no-hardcoded-secrets', 'hush/no-secret-logging'])
  })
})
