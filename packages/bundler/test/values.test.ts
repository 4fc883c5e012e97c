import { randomBytes } from 'node:crypto'
import { expectNoValue } from '@hush/test-kit'
import { describe, expect, it } from 'vitest'
import { bundlers, envWith, project } from './build.js'

// Which values a build may use: public names that would carry a server secret are refused,
// public values that look secret are flagged, and server secrets this machine cannot reach
// do not stop a build that needs public values only. Fresh values each run; a check that a
// value is absent compares booleans, so a failing test never prints it.
const secret = `pw-${randomBytes(12).toString('hex')}`
const analytics = `UA-${randomBytes(4).toString('hex')}`
const stripe = `pk_test_${randomBytes(8).toString('hex')}`
const stripeSecret = `sk_live_${randomBytes(12).toString('hex')}`
const env = { DEMO_DB_PASSWORD: secret, DEMO_ANALYTICS_ID: analytics, DEMO_STRIPE_PK: stripe, HUSH_ENV: 'development' }
const all = (files: Record<string, string>) => Object.values(files).join('\n')

describe.each(bundlers)('@hush/bundler with $name: which values a build may use', ({ example, build, read }) => {
  it('refuses a public name that reads the same source as a server-only secret, naming both', async () => {
    const dir = project(example, { '.env': envWith(example, 'PUBLIC_DB_MIRROR=env://DEMO_DB_PASSWORD') })
    const out = await build(dir, { plugin: { env } })
    expect(out.error).toMatch(/\[HUSH_LEAK\] PUBLIC_DB_MIRROR reads the same source \(env:\/\/DEMO_DB_PASSWORD\) as DB_PASSWORD, a server-only secret/)
    expect(out.error).toContain('fix: give PUBLIC_DB_MIRROR its own value')
    expectNoValue(out.error, secret, { in: 'the error' })
    expectNoValue(all(out.files), secret, { in: 'the output' })
  })

  it("refuses a name marked public in hush.config that has a server-only secret's value", async () => {
    const config = {
      secrets: {
        STRIPE_PUBLISHABLE_KEY: { from: 'env://DEMO_STRIPE_PK', public: true },
        DB_PASSWORD: { public: false },
        SUPPORT_WIDGET_KEY: { from: 'env://DEMO_WIDGET_KEY', public: true },
      },
    }
    const dir = project(example, { 'hush.config.json': JSON.stringify(config), 'src/main.js': `document.title = ${read('SUPPORT_WIDGET_KEY')}\n` })
    const out = await build(dir, { plugin: { env: { ...env, DEMO_WIDGET_KEY: secret } } })
    expect(out.error).toMatch(/\[HUSH_LEAK\] SUPPORT_WIDGET_KEY has the same value as DB_PASSWORD, a server-only secret/)
    expectNoValue(out.error, secret, { in: 'the error' })
    expectNoValue(all(out.files), secret, { in: 'the output' })
  })

  it('warns about a public-prefixed value that looks like a secret, and refuses it when strict', async () => {
    const dir = project(example, {
      '.env': envWith(example, `VITE_STRIPE_SECRET=${stripeSecret}`),
      'src/main.js': `document.title = ${read('VITE_STRIPE_SECRET')}\n`,
    })
    const loose = await build(dir, { plugin: { env } })
    expect(loose.error).toBeUndefined()
    const lines = loose.warnings.filter((w) => w.includes('VITE_STRIPE_SECRET'))
    expect(lines).toHaveLength(1)
    expect(lines[0]).toMatch(/^\[hush\] VITE_STRIPE_SECRET is public \(prefix VITE_\) but its value looks like a Stripe secret key/)
    expect(lines[0]).not.toContain('\n')
    expectNoValue(loose.warnings.join('\n'), stripeSecret, { in: 'a warning' })

    const strict = await build(dir, { plugin: { env, strict: true } })
    expect(strict.error).toMatch(/\[HUSH_LEAK\] VITE_STRIPE_SECRET is public .*looks like a Stripe secret key.*strict/)
    expectNoValue(strict.error, stripeSecret, { in: 'the error' })
  })

  it('builds without a server-only secret this machine cannot reach, and says so once', async () => {
    const { DEMO_DB_PASSWORD: _, ...ci } = env
    const out = await build(project(example), { plugin: { env: ci } })
    expect(out.error).toBeUndefined()
    expect(all(out.files)).toContain(analytics)
    const lines = out.warnings.filter((w) => w.includes('not scanned for'))
    expect(lines).toHaveLength(1)
    expect(lines[0]).toMatch(/^\[hush\] not scanned for \(unavailable\): DB_PASSWORD \(HUSH_NOT_FOUND\)\./)
    expect(lines[0]).not.toContain('\n')

    // The name is still server-only: client code that reads it still fails.
    const reading = await build(project(example, { 'src/main.js': `console.log(${read('DB_PASSWORD')})\n` }), { plugin: { env: ci } })
    expect(reading.error).toMatch(/reads DB_PASSWORD, a server-only secret, in client code/)
  })

  it('still fails when a public value cannot be resolved', async () => {
    const { DEMO_ANALYTICS_ID: _, ...missing } = env
    const out = await build(project(example), { plugin: { env: missing } })
    expect(out.error).toMatch(/\[HUSH_NOT_FOUND\] PUBLIC_ANALYTICS_ID: env:\/\/DEMO_ANALYTICS_ID/)
    expectNoValue(out.error, secret, { in: 'the error' })
  })

  it('scans emitted files of any type (.yml, .pem, .bin), not only text assets', async () => {
    // Large enough that no bundler inlines them: each is emitted as a file of its own.
    const filler = `# ${'x'.repeat(70)}\n`.repeat(100)
    const dir = project(example, {
      'src/main.js':
        "console.log(new URL('./conf.yml', import.meta.url).href, new URL('./key.pem', import.meta.url).href, new URL('./blob.bin', import.meta.url).href)\n",
      'src/conf.yml': `${filler}password: ${secret}\n`,
      'src/key.pem': `${filler}${secret}\n`,
      'src/blob.bin': `${filler}\u0000\u00ff${secret}\u0000`,
    })
    const out = await build(dir, { plugin: { env } })
    expectNoValue(out.error, secret, { in: 'the error' })
    expect(out.error).toMatch(/\[HUSH_LEAK\] the build output contains 3 server-only secret values: /)
    for (const ext of ['yml', 'pem', 'bin']) expect(out.error).toMatch(new RegExp(`DB_PASSWORD in [^;]*\\.${ext}:`))
  })

  it('catches the secret in a Basic Authorization header (base64 of user:secret, any alignment)', async () => {
    // What `Authorization: Basic ${btoa('user:' + secret)}` leaves in a bundle once the
    // encoding is done ahead of time: the secret's base64 starts mid-group.
    const dir = project(example, { 'src/main.js': `fetch('/api', { headers: { Authorization: ${JSON.stringify(`Basic ${btoa(`user:${secret}`)}`)} } })\n` })
    const out = await build(dir, { plugin: { env } })
    expect(out.error).toMatch(/\[HUSH_LEAK\] the build output contains .*DB_PASSWORD \(base64\)/)
    expectNoValue(out.error, secret, { in: 'the error' })
    expectNoValue(out.error, btoa(`user:${secret}`), { in: 'the error' })
  })
})
