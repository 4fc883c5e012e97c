import { spawnSync } from 'node:child_process'
import { randomBytes } from 'node:crypto'
import { readFileSync } from 'node:fs'
import { fileURLToPath } from 'node:url'
import { describe, expect, it } from 'vitest'

const cwd = fileURLToPath(new URL('..', import.meta.url))
const password = `pw-${randomBytes(9).toString('base64url')}`
const token = `sk_test_${randomBytes(12).toString('hex')}`
const env = { ...process.env, DEMO_DB_PASSWORD: password, DEMO_VAULT: JSON.stringify({ stripe: token }), HUSH_ENV: '', NODE_ENV: '' }
const run = (args: string[], extra: Record<string, string> = {}) => spawnSync(process.execPath, args, { cwd, env: { ...env, ...extra }, encoding: 'utf8' })

describe('examples/node-dotenv', () => {
  it('was switched from dotenv by one import', () => {
    const source = readFileSync(new URL('../src/index.js', import.meta.url), 'utf8')
    expect(source).toMatch(/^import '@hush\/dotenv\/config'$/m)
    expect(source).not.toMatch(/^import 'dotenv\/config'$/m)
  })

  it('runs as ESM with the real password and masks it in every log line', () => {
    const r = run(['src/index.js'])
    expect(r.status).toBe(0)
    expect(r.stdout).toContain(`connected to localhost as orders (password ${password.length} characters)`)
    // The .env writes env://DEMO_VAULT#stripe unquoted: the key after "#" still selects the field.
    expect(r.stdout).toContain(`payment token ready (${token.length} characters)`)
    expect(r.stdout).toContain('debug: password=[redacted:DB_PASSWORD] token=[redacted:PAYMENT_TOKEN]')
    expect(r.stdout).toContain('debug: raw write [redacted:PAYMENT_TOKEN]')
    expect(r.stdout.includes(password) || r.stdout.includes(token) || r.stderr.includes(password)).toBe(false)
  })

  it('runs as CommonJS under node -r', () => {
    const r = run(['-r', '@hush/dotenv/config', 'src/report.cjs'])
    expect(r.status).toBe(0)
    expect(r.stdout).toBe(`report: password resolved=true length=${password.length}\nreport: leaked? [redacted:DB_PASSWORD]\n`)
  })

  it('refuses development stores when run as production', () => {
    const r = run(['src/index.js'], { HUSH_ENV: 'production' })
    expect(r.status).not.toBe(0)
    expect(r.stderr).toContain('[HUSH_ENV_ISOLATION]')
    expect(r.stderr).toContain('PAYMENT_TOKEN')
    expect(r.stderr.includes(password)).toBe(false)
  })

  it.each([
    ['require("@hush/dotenv/config.js")', ['-e', 'require("@hush/dotenv/config.js"); console.log(process.env.DB_PASSWORD.length)']],
    ['import "@hush/dotenv/config.js"', ['--input-type=module', '-e', 'await import("@hush/dotenv/config.js"); console.log(process.env.DB_PASSWORD.length)']],
    ['node --import @hush/dotenv/config', ['--import', '@hush/dotenv/config', '-e', 'console.log(process.env.DB_PASSWORD.length)']],
  ])('the /config.js alias and other ways in work too: %s', (_, args) => {
    const r = run(args)
    expect(r.stderr).toBe('')
    expect(r.stdout.trim()).toBe(String(password.length))
  })
})
