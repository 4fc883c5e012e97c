import { mkdtempSync, readFileSync, readdirSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { build } from 'tsdown'
import { afterAll, describe, expect, it } from 'vitest'

const root = join(import.meta.dirname, '..')
const pkg = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')) as { dependencies?: Record<string, string>; peerDependencies?: Record<string, string> }
/** Packages a plain JavaScript project must not get: TypeScript itself is 24 MB. */
const TYPESCRIPT_ONLY = /^(?:typescript|typescript-eslint|@typescript-eslint\/.*)$/

const out = mkdtempSync(join(tmpdir(), 'hush-eslint-dist-'))
afterAll(() => rmSync(out, { recursive: true, force: true }))

describe('what a JavaScript project installs', () => {
  it('package.json has no typescript-eslint or typescript in dependencies or peerDependencies', () => {
    const runtime = [...Object.keys(pkg.dependencies ?? {}), ...Object.keys(pkg.peerDependencies ?? {})]
    expect(runtime.filter((name) => TYPESCRIPT_ONLY.test(name))).toEqual([])
  })

  it('the built files (ESM, CJS and their types) import no typescript-eslint or typescript', async () => {
    // Built from the current source into a scratch folder, so a stale dist/ cannot hide an import.
    const config = (await import('../tsdown.config.js')).default as Parameters<typeof build>[0]
    await build({ ...config, config: false, cwd: root, outDir: out, logLevel: 'silent' })
    const files = readdirSync(out)
    expect(files.sort()).toEqual(['index.cjs', 'index.d.cts', 'index.d.mts', 'index.mjs'])
    for (const file of files) {
      const text = readFileSync(join(out, file), 'utf8')
      const specifiers = [...text.matchAll(/\bfrom\s*["']([^"']+)["']|\b(?:require|import)\(\s*["']([^"']+)["']\s*\)/g)].map((m) => (m[1] ?? m[2])!)
      expect(specifiers.length, file).toBeGreaterThan(0)
      const packages = specifiers.map((s) => (s.startsWith('@') ? s.split('/').slice(0, 2).join('/') : s.split('/')[0]!))
      expect(packages.filter((name) => TYPESCRIPT_ONLY.test(name)), file).toEqual([])
    }
  })
})
