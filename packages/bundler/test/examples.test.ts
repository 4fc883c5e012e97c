import { execFile } from 'node:child_process'
import { randomBytes } from 'node:crypto'
import { mkdtempSync, readdirSync, readFileSync } from 'node:fs'
import { createRequire } from 'node:module'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { expectNoValue } from '@hush/test-kit'
import { describe, expect, it } from 'vitest'

// The examples as users run them: their own config files, the published entry points
// (@hush/bundler/vite and /webpack from dist), and the bundlers' own command lines.
const examples = fileURLToPath(new URL('../../../examples/', import.meta.url))
const secret = `pw-${randomBytes(10).toString('hex')}`
const analytics = `UA-${randomBytes(4).toString('hex')}`
const env = { PATH: process.env.PATH!, DEMO_DB_PASSWORD: secret, DEMO_ANALYTICS_ID: analytics, DEMO_STRIPE_PK: 'pk_test_cli_value' }

function run(cwd: string, bin: string, args: string[]): Promise<{ code: number; out: string }> {
  return new Promise((resolve) => {
    execFile(process.execPath, [bin, ...args], { cwd, env }, (error, stdout, stderr) => resolve({ code: error ? 1 : 0, out: stdout + stderr }))
  })
}

const readAll = (dir: string) =>
  readdirSync(dir, { recursive: true, withFileTypes: true })
    .filter((e) => e.isFile())
    .map((e) => readFileSync(join(e.parentPath, e.name), 'utf8'))
    .join('\n')

describe('the examples build with their own configs', () => {
  it('vite build', async () => {
    const cwd = join(examples, 'vite-app')
    const bin = join(cwd, 'node_modules', 'vite', 'bin', 'vite.js')
    const outDir = mkdtempSync(join(tmpdir(), 'hush-vite-out-'))
    const r = await run(cwd, bin, ['build', '--outDir', outDir, '--emptyOutDir'])
    expect(r.code, r.out).toBe(0)
    const text = readAll(outDir)
    expect(text).toContain(analytics)
    expectNoValue(text, secret)
  })

  it('webpack-cli', async () => {
    const cwd = join(examples, 'webpack-app')
    const bin = createRequire(join(cwd, 'package.json')).resolve('webpack-cli/bin/cli.js')
    const outDir = mkdtempSync(join(tmpdir(), 'hush-webpack-out-'))
    const r = await run(cwd, bin, ['--config', 'webpack.config.js', '--output-path', outDir])
    expect(r.code, r.out).toBe(0)
    const text = readAll(outDir)
    expect(text).toContain(analytics)
    expectNoValue(text, secret)
  })

  // CommonJS configs, the usual webpack form: require() of an entry must be the plugin itself.
  it('vite build with a CommonJS vite.config.cjs (require of @hush/bundler/vite)', async () => {
    const cwd = join(examples, 'vite-app')
    const bin = join(cwd, 'node_modules', 'vite', 'bin', 'vite.js')
    const outDir = mkdtempSync(join(tmpdir(), 'hush-vite-cjs-out-'))
    const r = await run(cwd, bin, ['build', '--config', 'vite.config.cjs', '--outDir', outDir, '--emptyOutDir'])
    expectNoValue(r.out, secret)
    expect(r.code, r.out).toBe(0)
    const text = readAll(outDir)
    expect(text).toContain(analytics)
    expectNoValue(text, secret)
  })

  it('webpack-cli with a CommonJS webpack.config.js (require of @hush/bundler/webpack)', async () => {
    const cwd = join(examples, 'webpack-app')
    const bin = createRequire(join(cwd, 'package.json')).resolve('webpack-cli/bin/cli.js')
    const outDir = mkdtempSync(join(tmpdir(), 'hush-webpack-cjs-out-'))
    const r = await run(cwd, bin, ['--config', 'cjs/webpack.config.js', '--output-path', outDir])
    expectNoValue(r.out, secret)
    expect(r.code, r.out).toBe(0)
    const text = readAll(outDir)
    expect(text).toContain(analytics)
    expectNoValue(text, secret)
  })
})
