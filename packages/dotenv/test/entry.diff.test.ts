import { spawnSync } from 'node:child_process'
import { mkdtempSync, writeFileSync } from 'node:fs'
import { createRequire } from 'node:module'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { describe, expect, it } from 'vitest'

// `node -r dotenv/config` against `node -r @hush/dotenv/config`: same files, same environment
// variables, compared on what the app sees and what is printed.
const require = createRequire(import.meta.url)
const theirs = require.resolve('dotenv/config')
const ours = fileURLToPath(new URL('../dist/config.cjs', import.meta.url))
const oursEsm = fileURLToPath(new URL('../dist/config.mjs', import.meta.url))

const dir = mkdtempSync(join(tmpdir(), 'hush-entry-'))
writeFileSync(join(dir, '.env'), 'A=from-dotenv\nB="two words"\nSHARED=file\n')
writeFileSync(join(dir, 'other.env'), 'A=from-other\nC=only-other\n')
const show = 'process.stdout.write(JSON.stringify({ A: process.env.A, B: process.env.B, C: process.env.C, SHARED: process.env.SHARED }))'

function run(preload: string, env: Record<string, string>, esm = false) {
  const args = esm ? ['--import', preload, '-e', show] : ['-r', preload, '-e', show]
  const r = spawnSync(process.execPath, args, { cwd: dir, encoding: 'utf8', env: { PATH: process.env.PATH!, ...env } })
  return { status: r.status, stdout: r.stdout, stderr: r.stderr }
}

describe('the /config entry matches dotenv/config', () => {
  it.each<[string, Record<string, string>]>([
    ['defaults (quiet)', {}],
    ['DOTENV_CONFIG_QUIET=false prints the status line', { DOTENV_CONFIG_QUIET: 'false' }],
    ['DOTENV_QUIET beats DOTENV_CONFIG_QUIET', { DOTENV_QUIET: 'true', DOTENV_CONFIG_QUIET: 'false' }],
    ['DOTENV_CONFIG_PATH picks the file', { DOTENV_CONFIG_PATH: 'other.env' }],
    ['DOTENV_PATH beats DOTENV_CONFIG_PATH', { DOTENV_PATH: 'other.env', DOTENV_CONFIG_PATH: '.env' }],
    ['existing variables win', { SHARED: 'shell' }],
    ['DOTENV_CONFIG_OVERRIDE=true overrides them', { SHARED: 'shell', DOTENV_CONFIG_OVERRIDE: 'true' }],
    ['DOTENV_CONFIG_DEBUG=true logs', { DOTENV_CONFIG_DEBUG: 'true', SHARED: 'shell' }],
    ['a missing file is not fatal', { DOTENV_CONFIG_PATH: 'missing.env', DOTENV_CONFIG_QUIET: 'false' }],
  ])('%s', (_, env) => {
    const a = run(theirs, env)
    const b = run(ours, env)
    expect(b).toEqual(a)
    expect(run(oursEsm, env, true)).toEqual(a)
  })
})
