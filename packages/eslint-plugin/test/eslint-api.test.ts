import { randomBytes } from 'node:crypto'
import { describe, expect, it } from 'vitest'
import { lintProject } from './project.js'

describe('through the ESLint API', () => {
  it('configs.recommended turns on all three rules', async () => {
    const found = await lintProject({
      'src/server/db.js': `const password = 'Tr0ub4dor&3'\nconsole.log(password)\n`,
      'src/components/Pay.jsx': `export const k = process.env.STRIPE_SECRET_KEY\n`,
    })
    expect(found.map((f) => [f.file, f.rule, f.line])).toEqual([
      ['src/components/Pay.jsx', 'hush/no-client-secrets', 1],
      ['src/server/db.js', 'hush/no-hardcoded-secrets', 1],
      ['src/server/db.js', 'hush/no-secret-logging', 2],
    ])
  })

  it('strict treats all of src/ as client code', async () => {
    const files = { 'src/lib/pay.js': `export const k = process.env.STRIPE_SECRET_KEY\n` }
    expect(await lintProject(files, 'recommended')).toEqual([])
    expect((await lintProject(files, 'strict')).map((f) => f.rule)).toEqual(['hush/no-client-secrets'])
  })

  it.each([
    ['hush.config.json', JSON.stringify({ secrets: { PAYMENT_TOKEN_X: {}, RECAPTCHA_SECRET: { public: true }, BILLING: {} } })],
    ['hush.config.yaml', 'secrets:\n  PAYMENT_TOKEN_X: {}\n  RECAPTCHA_SECRET:\n    public: true\n  BILLING: {}\n'],
    [
      'hush.config.ts',
      `const config: { secrets: Record<string, { public?: boolean }> } = { secrets: { PAYMENT_TOKEN_X: {}, RECAPTCHA_SECRET: { public: true }, BILLING: {} } }\nexport default config\n`,
    ],
  ])('reads declared secrets and public names from %s', async (file, text) => {
    const found = await lintProject({
      [file]: text,
      'src/components/Pay.jsx': `export const a = process.env.BILLING\nexport const b = process.env.RECAPTCHA_SECRET\n`,
      'src/server/x.js': `const BILLING = process.env.BILLING\nconsole.log(BILLING)\nconst cfg = { BILLING: 'k7Qz2PmX9vLr4TnW8yBc' }\n`,
    })
    // BILLING has no secret word but is declared; RECAPTCHA_SECRET is declared public.
    expect(found.map((f) => [f.file, f.rule, f.line])).toEqual([
      ['src/components/Pay.jsx', 'hush/no-client-secrets', 1],
      ['src/server/x.js', 'hush/no-secret-logging', 2],
      ['src/server/x.js', 'hush/no-hardcoded-secrets', 3],
    ])
  })

  it('a broken hush.config stops the lint with the file and a fix', async () => {
    await expect(lintProject({ 'hush.config.json': '{"secrets": {"A": ', 'src/a.js': 'export {}\n' })).rejects.toThrow(
      /hush\.config\.json could not be read[\s\S]*fix:/,
    )
  })

  it('no message ever contains the secret value', async () => {
    const values = Array.from({ length: 12 }, () => randomBytes(18).toString('base64url'))
    const tokens = values.map((v, i) => (i % 3 === 0 ? `ghp_${randomBytes(27).toString('base64url').replace(/[-_]/g, 'a').slice(0, 36)}` : v))
    const code = tokens
      .map((t, i) => `const apiKey${i} = '${t}'\nconsole.log('${t}', apiKey${i})\n// token: ${t}\nfetch(u, { headers: { Authorization: 'Bearer ${t}' } })\n`)
      .join('')
    const found = await lintProject({ 'src/server/keys.js': code })
    expect(found.length).toBeGreaterThanOrEqual(tokens.length * 4)
    const leaked = found.some((f) => tokens.some((t) => f.message.includes(t) || f.message.includes(t.slice(4, 16))))
    expect(leaked).toBe(false)
  })
})
