import { execFile } from 'node:child_process'
import { randomBytes } from 'node:crypto'
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs'
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

/**
 * Builds an example with its own CLI and config into a fresh directory; checks the build's
 * output for the secret before anything that would print it, then returns the emitted text.
 */
async function buildExample(app: 'vite-app' | 'webpack-app', args: (outDir: string) => string[]): Promise<string> {
  const cwd = join(examples, app)
  const bin =
    app === 'vite-app' ? join(cwd, 'node_modules', 'vite', 'bin', 'vite.js') : createRequire(join(cwd, 'package.json')).resolve('webpack-cli/bin/cli.js')
  const outDir = mkdtempSync(join(tmpdir(), `hush-${app}-out-`))
  const r = await run(cwd, bin, args(outDir))
  expectNoValue(r.out, secret, { in: 'the build output' })
  expect(r.code, r.out).toBe(0)
  const text = readAll(outDir)
  rmSync(outDir, { recursive: true, force: true })
  expectNoValue(text, secret, { in: 'the emitted files' })
  return text
}

describe('the examples build with their own configs', () => {
  it('vite build', async () => {
    expect(await buildExample('vite-app', (outDir) => ['build', '--outDir', outDir, '--emptyOutDir'])).toContain(analytics)
  })

  it('webpack-cli', async () => {
    expect(await buildExample('webpack-app', (outDir) => ['--config', 'webpack.config.js', '--output-path', outDir])).toContain(analytics)
  })

  // CommonJS configs, the usual webpack form: require() of an entry must be the plugin itself.
  it('vite build with a CommonJS vite.config.cjs (require of @hush/bundler/vite)', async () => {
    expect(await buildExample('vite-app', (outDir) => ['build', '--config', 'vite.config.cjs', '--outDir', outDir, '--emptyOutDir'])).toContain(analytics)
  })

  it('webpack-cli with a CommonJS webpack.config.js (require of @hush/bundler/webpack)', async () => {
    expect(await buildExample('webpack-app', (outDir) => ['--config', 'cjs/webpack.config.js', '--output-path', outDir])).toContain(analytics)
  })
})
