import { randomBytes } from 'node:crypto'
import { expectNoValue } from '@hush/test-kit'
import { describe, expect, it } from 'vitest'
import { bundlers, project } from './build.js'

// Fresh values each run: tests prove where they go, and that no message ever shows them.
const secret = `pw-${randomBytes(12).toString('hex')}`
const analytics = `UA-${randomBytes(4).toString('hex')}`
const stripe = `pk_test_${randomBytes(8).toString('hex')}`
const env = { DEMO_DB_PASSWORD: secret, DEMO_ANALYTICS_ID: analytics, DEMO_STRIPE_PK: stripe, HUSH_ENV: 'development' }
const all = (files: Record<string, string>) => Object.values(files).join('\n')
const base64 = Buffer.from(secret).toString('base64').replace(/=+$/, '')

describe.each(bundlers)('@hush/bundler with $name', ({ example, build, read }) => {
  it('inlines public values (prefix, reference and manifest) and keeps the server secret out', async () => {
    const out = await build(project(example), { plugin: { env } })
    expect(out.error).toBeUndefined()
    const text = all(out.files)
    expect(text).toContain(analytics)
    expect(text).toContain(stripe)
    expect(text).toContain('https://api.example.com/v1')
    expectNoValue(text, secret)
  })

  it('fails on client code that reads a server-only secret, with file, line and a fix', async () => {
    const dir = project(example, { 'src/main.js': `const a = 1\nconsole.log(a, ${read('DB_PASSWORD')})\n` })
    const out = await build(dir, { plugin: { env } })
    expect(out.error).toMatch(/\[hush\] \[HUSH_LEAK\] .*main\.js:2:\d+ reads DB_PASSWORD, a server-only secret, in client code/)
    expect(out.error).toContain('mark it public in hush.config')
    expectNoValue(out.error, secret)
  })

  it('a client read of a server-only secret: warn mode builds and warns, off builds quietly', async () => {
    const dir = project(example, { 'src/main.js': `const a = 1\nconsole.log(a, ${read('DB_PASSWORD')})\n` })
    const warned = await build(dir, { plugin: { env, leakGuard: 'warn' } })
    expect(warned.error).toBeUndefined()
    expect(warned.warnings.join('\n')).toMatch(/\[hush\] \[HUSH_LEAK\] .*main\.js:2:\d+ reads DB_PASSWORD, a server-only secret, in client code/)
    const quiet = await build(dir, { plugin: { env, leakGuard: 'off' } })
    expect(quiet.error).toBeUndefined()
    expect(quiet.warnings.filter((w) => w.includes('HUSH_LEAK'))).toEqual([])
    expectNoValue([warned.warnings, quiet.warnings].join('\n'), secret)
  })

  it('catches a leak no name check can see: a JSON import', async () => {
    const dir = project(example, {
      'src/main.js': "import config from './config.json'\ndocument.title = config.db.password\n",
      'src/config.json': JSON.stringify({ db: { host: 'localhost', password: secret } }),
    })
    const out = await build(dir, { plugin: { env } })
    expect(out.error).toMatch(/\[HUSH_LEAK\] the build output contains .*DB_PASSWORD in [\w/.-]+\.js:\d+:\d+/)
    expectNoValue(out.error, secret)
    expectNoValue(all(out.files), secret)
  })

  it('catches the secret built from constants and in base64', async () => {
    const half = Math.floor(secret.length / 2)
    const dir = project(example, {
      'src/main.js': `const head = ${JSON.stringify(secret.slice(0, half))}\nconst tail = ${JSON.stringify(secret.slice(half))}\nexport const token = head + tail\nexport const encoded = atob(${JSON.stringify(base64)})\ndocument.title = token + encoded\n`,
    })
    const out = await build(dir, { plugin: { env } })
    expect(out.error).toMatch(/DB_PASSWORD \(base64\) in/)
    expectNoValue(out.error, secret)
    expectNoValue(out.error, base64)
  })

  it('warn mode builds, warns, and still never prints the value', async () => {
    const dir = project(example, { 'src/main.js': `document.title = atob(${JSON.stringify(base64)})\n` })
    const out = await build(dir, { plugin: { env, leakGuard: 'warn' } })
    expect(out.error).toBeUndefined()
    expect(out.warnings.join('\n')).toMatch(/\[hush\] \[HUSH_LEAK\].*DB_PASSWORD \(base64\)/)
    expectNoValue(out.warnings.join('\n'), base64)
  })

  it('guards server outputs too, unless opted out', async () => {
    const dir = project(example, { 'src/server.js': `export const connect = () => ${JSON.stringify(secret)}\nconsole.log(connect().length)\n` })
    const guarded = await build(dir, { plugin: { env }, server: true, entry: 'src/server.js' })
    expect(guarded.error).toMatch(/\[HUSH_LEAK\].*DB_PASSWORD/)
    const optedOut = await build(dir, { plugin: { env, guardServer: false }, server: true, entry: 'src/server.js' })
    expect(optedOut.error).toBeUndefined()
  })

  it('lets allow-listed names through', async () => {
    const dir = project(example, { 'src/main.js': `document.title = atob(${JSON.stringify(base64)})\n` })
    const out = await build(dir, { plugin: { env, allow: ['DB_PASSWORD'] } })
    expect(out.error).toBeUndefined()
  })
})

describe('@hush/bundler with webpack, import.meta.env', () => {
  it('replaces import.meta.env reads as well as process.env ones', async () => {
    const dir = project('webpack-app', {
      'src/main.js': "document.title = [import.meta.env.PUBLIC_ANALYTICS_ID, process.env['STRIPE_PUBLISHABLE_KEY']].join(' ')\n",
    })
    const out = await bundlers[1]!.build(dir, { plugin: { env } })
    expect(out.error).toBeUndefined()
    expect(all(out.files)).toContain(analytics)
    expect(all(out.files)).toContain(stripe)
  })
})

describe('plugin options', () => {
  it.each([
    [{ leakguard: 'warn' }, /\[HUSH_BAD_CONFIG\] the hush bundler plugin's option "leakguard" is not one it knows.*fix: use one of publicPrefixes, leakGuard,/],
    [{ leakGuard: 'eror' }, /\[HUSH_BAD_CONFIG\] the hush bundler plugin's leakGuard is not one of its modes.*fix: write leakGuard: 'error'/],
    [{ publicPrefixes: [''] }, /\[HUSH_BAD_CONFIG\] the hush bundler plugin's publicPrefixes holds an empty prefix/],
  ])('refuses %j with a clear error instead of building with a default', async (options, message) => {
    const { default: hush } = await import('../src/vite.js')
    expect(() => hush(options as never)).toThrow(message)
  })
})
