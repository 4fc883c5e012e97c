import { writeFileSync } from 'node:fs'
import { createRequire } from 'node:module'
import { join } from 'node:path'
import { expectNoValue } from '@hush/test-kit'
import { describe, expect, it } from 'vitest'
import { app, dist, node, secret } from './support.js'

const printEnv = `process.stdout.write(JSON.stringify({ DB: process.env.DB_PASSWORD?.length, KEY: process.env.API_KEY?.length, PLAIN: process.env.PLAIN, URL: process.env.DATABASE_URL, same: process.env.DB_PASSWORD === process.env.EXPECTED }) + '\\n'); console.log('leak?', process.env.DB_PASSWORD)`

describe('references in .env', () => {
  const pw = secret()
  const apiKey = secret()
  const dir = app({
    '.env': 'PLAIN=plain\nDATABASE_URL=postgres://u:p@localhost/db\nDB_PASSWORD=env://CI_DB_PASSWORD\nAPI_KEY=file://__DIR__/api_key\n',
    api_key: `${apiKey}\n`,
  })
  writeFileSync(
    join(dir, '.env'),
    `PLAIN=plain\nDATABASE_URL=postgres://u:p@localhost/db\nDB_PASSWORD=env://CI_DB_PASSWORD\nAPI_KEY=file://${join(dir, 'api_key')}\n`,
  )
  const env = { CI_DB_PASSWORD: pw, EXPECTED: pw }
  const expected = { DB: pw.length, KEY: apiKey.length, PLAIN: 'plain', URL: 'postgres://u:p@localhost/db', same: true }

  it.each([
    ['require() + config()', ['-e', `require(${JSON.stringify(join(dist, 'index.cjs'))}).config({ quiet: true }); ${printEnv}`]],
    ['node -r .../config', ['-r', join(dist, 'config.cjs'), '-e', printEnv]],
    ['import .../config (top-level await)', ['--input-type=module', '-e', `import ${JSON.stringify(join(dist, 'config.mjs'))}; ${printEnv}`]],
    [
      'await load()',
      [
        '--input-type=module',
        '-e',
        `const { load } = await import(${JSON.stringify(join(dist, 'index.mjs'))}); const r = await load({ quiet: true }); if (!r.hush) throw new Error('no hush'); ${printEnv}`,
      ],
    ],
  ])('resolve before app code runs: %s', (_, args) => {
    const r = node(dir, args, env)
    expect(r.stderr).toBe('')
    expect(r.code).toBe(0)
    const [first, second] = r.stdout.trim().split('\n')
    expect(JSON.parse(first!)).toEqual(expected)
    expect(second).toBe('leak? [redacted:DB_PASSWORD]')
    expectNoValue(r.all, pw, { in: 'the output' })
    expectNoValue(r.all, apiKey, { in: 'the output' })
  })

  it('leaves values alone and never starts a worker when there is nothing to resolve', () => {
    const plainDir = app({ '.env': 'A=1\nURL=https://example.com\n' })
    const r = node(plainDir, ['-r', join(dist, 'config.cjs'), '-e', "console.log(process.env.A, process.env.URL, require('node:worker_threads').isMainThread)"])
    expect(r.stdout.trim()).toBe('1 https://example.com true')
  })

  it("loads none of @hush/core's main entry when there is nothing to resolve, even for hush()", () => {
    const plainDir = app({ '.env': 'A=1\n' })
    const core = createRequire(join(dist, 'index.cjs')).resolve('@hush/core')
    const script = `const d = require(${JSON.stringify(join(dist, 'index.cjs'))}); d.config({ quiet: true }); const none = d.hush() === undefined; console.log(process.env.A, none, Object.hasOwn(require.cache, ${JSON.stringify(core)}))`
    const r = node(plainDir, ['-e', script])
    expect(r.stderr).toBe('')
    expect(r.stdout.trim()).toBe('1 true false')
  })

  it("prints dotenv's status line, with the count of resolved secrets", () => {
    const r = node(dir, ['-e', `require(${JSON.stringify(join(dist, 'index.cjs'))}).config()`], env)
    expect(r.stderr.trim()).toBe('\u25C7 injected env (4) from .env and resolved 2 secrets with hush')
  })

  it('fails early on a bad reference, naming file and line, and prints no value', () => {
    const bad = app({ '.env': `OK=env://CI_DB_PASSWORD\n\nBROKEN=env://not valid\n` })
    const r = node(bad, ['-r', join(dist, 'config.cjs'), '-e', '0'], env)
    expect(r.code).not.toBe(0)
    expect(r.stderr).toContain('[HUSH_BAD_REFERENCE]')
    expect(r.stderr).toContain('(.env:3)')
    expectNoValue(r.all, pw, { in: 'the output' })
  })

  it('fails on a missing variable with the next step', () => {
    const r = node(dir, ['--input-type=module', '-e', `import ${JSON.stringify(join(dist, 'config.mjs'))}`], {})
    expect(r.code).not.toBe(0)
    expect(r.stderr).toContain('[HUSH_NOT_FOUND]')
    expect(r.stderr).toContain('set CI_DB_PASSWORD in the environment')
  })

  it('keeps environments apart, per hush.config', () => {
    const isolated = app({
      '.env': 'DB_PASSWORD=env://CI_DB_PASSWORD\n',
      'hush.config.json': JSON.stringify({ environments: { development: { allow: ['env'] }, production: { allow: ['aws-sm'] } } }),
    })
    const dev = node(isolated, ['-r', join(dist, 'config.cjs'), '-e', 'console.log(process.env.DB_PASSWORD.length)'], env)
    expect(dev.stdout.trim()).toBe(String(pw.length))
    const prod = node(isolated, ['-r', join(dist, 'config.cjs'), '-e', '0'], { ...env, NODE_ENV: 'production' })
    expect(prod.code).not.toBe(0)
    expect(prod.stderr).toContain('[HUSH_ENV_ISOLATION]')
  })

  it('loads secrets declared in hush.config that .env does not mention, without overriding set ones (which are still masked)', () => {
    const declared = app({
      '.env': 'PLAIN=plain\n',
      'hush.config.json': JSON.stringify({ secrets: { TOKEN: { from: 'env://VAULT#token' }, PRESET: { from: 'env://VAULT#preset' } } }),
    })
    const r = node(
      declared,
      ['-r', join(dist, 'config.cjs'), '-e', "console.log(process.env.TOKEN.length, process.env.PRESET === 'from-shell', process.env.PRESET)"],
      {
        VAULT: JSON.stringify({ token: pw, preset: 'from-vault' }),
        PRESET: 'from-shell',
      },
    )
    expect(r.stderr).toBe('')
    expect(r.stdout.trim()).toBe(`${pw.length} true [redacted:PRESET]`)
  })

  it('does not mask when HUSH_LOG_GUARD=0', () => {
    const r = node(dir, ['-r', join(dist, 'config.cjs'), '-e', 'console.log(process.env.DB_PASSWORD)'], { ...env, HUSH_LOG_GUARD: '0' })
    expect(r.stdout.trim() === pw).toBe(true) // compared, not printed: a failure must not show it
  })

  it('keeps a "#key" written straight after a reference, quoted or not', () => {
    const vault = JSON.stringify({ a: pw, b: apiKey })
    const keyed = app({ '.env': 'A=env://VAULT#a\nB="env://VAULT#b"\nC=env://VAULT # a real comment\n' })
    const r = node(keyed, ['-r', join(dist, 'config.cjs'), '-e', 'console.log(process.env.A.length, process.env.B.length, process.env.C.length)'], {
      VAULT: vault,
    })
    expect(r.stderr).toBe('')
    expect(r.stdout.trim()).toBe(`${pw.length} ${apiKey.length} ${vault.length}`)
  })
})
