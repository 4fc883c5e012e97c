import { execFileSync } from 'node:child_process'
import { mkdirSync, symlinkSync } from 'node:fs'
import { join } from 'node:path'
import { expectNoValue } from '@hush/test-kit'
import { describe, expect, it } from 'vitest'
import { app, dist, node, secret } from './support.js'

// Checked first in each test that holds a secret, so no later failing assertion can print it.
const noLeak = (text: string, value: string) => expectNoValue(text, value, { in: 'the output' })

// The trust issues a new user and an attacker found, each through the entry a user touches:
// `node -r @hush/dotenv/config`, `import '@hush/dotenv/config'`, in real processes.
const entries = [
  ['node -r', (code: string) => ['-r', join(dist, 'config.cjs'), '-e', code]],
  ['import', (code: string) => ['--import', join(dist, 'config.mjs'), '-e', code]],
] as const

const readme = (from: Record<string, string>) =>
  JSON.stringify({
    environments: { development: { allow: ['env', 'file'] }, production: { allow: ['aws-sm'] } },
    secrets: { DB_PASSWORD: { from, owner: 'team-data', purpose: 'Postgres login', rotation: '30d', public: false, required: true } },
  })

describe.each(entries)('%s @hush/dotenv/config', (_, run) => {
  it('masks a declared secret whose value comes from the shell (README config, no .env)', () => {
    const pw = secret()
    const dir = app({ 'hush.config.json': readme({ development: 'env://DB_PASSWORD', production: 'aws-sm://prod/db#password' }) })
    const r = node(dir, run('console.log("pw", process.env.DB_PASSWORD); process.stdout.write(String(process.env.DB_PASSWORD.length))'), { DB_PASSWORD: pw })
    noLeak(r.all, pw)
    expect(r.code).toBe(0)
    expect(r.stdout).toBe(`pw [redacted:DB_PASSWORD]\n${pw.length}`)
  })

  it('masks a shell value for a name that .env gives a reference (the shell wins, the name is still a secret)', () => {
    const pw = secret()
    const dir = app({ '.env': 'DB_PASSWORD=env://CI_DB_PASSWORD\n' })
    const r = node(dir, run('console.log("pw", process.env.DB_PASSWORD); process.stdout.write(String(process.env.DB_PASSWORD.length))'), { DB_PASSWORD: pw })
    noLeak(r.all, pw)
    expect(r.code).toBe(0)
    expect(r.stdout).toBe(`pw [redacted:DB_PASSWORD]\n${pw.length}`)
  })

  it('names the package a hush.config.ts imports when it is not installed', () => {
    const dir = app({ 'hush.config.ts': "import { defineConfig } from '@hush/not-installed'\nexport default defineConfig({ secrets: {} })\n" })
    const r = node(dir, run('console.log("app ran")'), {})
    expect(r.code).toBe(1)
    expect(r.stderr).toContain('It imports @hush/not-installed, which is not installed where the file can find it.')
  })

  it('reads a hush.config.ts typed with defineConfig from @hush/dotenv (under pnpm @hush/core is not importable)', () => {
    const pw = secret()
    const dir = app({
      'hush.config.ts': "import { defineConfig } from '@hush/dotenv'\nexport default defineConfig({ secrets: { TOKEN: { from: 'env://VAULT_TOKEN' } } })\n",
    })
    mkdirSync(join(dir, 'node_modules', '@hush'), { recursive: true })
    symlinkSync(join(dist, '..'), join(dir, 'node_modules', '@hush', 'dotenv'), 'dir')
    const r = node(dir, run('console.log(process.env.TOKEN.length, process.env.TOKEN)'), { VAULT_TOKEN: pw })
    noLeak(r.all, pw)
    expect(r.stderr).toBe('')
    expect(r.stdout).toBe(`${pw.length} [redacted:TOKEN]\n`)
  })

  it('refuses a .env reference that contradicts hush.config, naming both places and no value', () => {
    const pw = secret()
    const dir = app({ '.env': 'PLAIN=1\nDB_PASSWORD=env://CI_DB_PASSWORD\n', 'hush.config.json': readme({ development: 'env://DB_PASSWORD' }) })
    const r = node(dir, run('console.log("app ran", process.env.DB_PASSWORD)'), { CI_DB_PASSWORD: pw })
    noLeak(r.all, pw)
    expect(r.code).toBe(1)
    expect(r.stdout).toBe('')
    expect(r.stderr).toContain('[HUSH_BAD_CONFIG]')
    expect(r.stderr).toContain('env://DB_PASSWORD in hush.config and env://CI_DB_PASSWORD in .env:2')
  })

  it('lets hush.config win over a plain .env value, and the shell win over both', () => {
    const vault = secret()
    const dir = app({ '.env': 'TOKEN=plain-dev-token-value\n', 'hush.config.json': JSON.stringify({ secrets: { TOKEN: { from: 'env://VAULT' } } }) })
    const config = node(dir, run('process.stdout.write(String(process.env.TOKEN === process.env.VAULT))'), { VAULT: vault })
    expect(config.stdout).toBe('true')
    const shell = node(dir, run('process.stdout.write(process.env.TOKEN === "from-the-shell-1" ? "shell" : "other")'), {
      VAULT: vault,
      TOKEN: 'from-the-shell-1',
    })
    expect(shell.stdout).toBe('shell')
  })

  it('warns with a "did you mean" for a mistyped scheme, and keeps the value plain', () => {
    const dir = app({ '.env': 'A=evn://X\nB=env:/X\nC=file:secrets/x\nD=aws-ms://prod/db#password\nURL=postgres://u@h/db\n' })
    const r = node(dir, run('process.stdout.write(process.env.A)'), {})
    expect(r.code).toBe(0)
    expect(r.stdout).toBe('evn://X')
    const lines = r.stderr.trim().split('\n')
    expect(lines).toHaveLength(4)
    expect(lines[0]).toBe('[hush] .env:1 A starts with "evn:", which is not a reference scheme hush reads; did you mean "env://"? It is used as a plain value.')
    expect(lines[1]).toContain('did you mean "env://"')
    expect(lines[2]).toContain('did you mean "file://"')
    expect(lines[3]).toContain('.env:4 D starts with "aws-ms:"')
    expect(lines[3]).toContain('did you mean "aws-sm://"')
  })

  it('fails when a mistyped reference is the value of a declared secret', () => {
    const dir = app({ '.env': 'DB_PASSWORD=evn://CI_DB_PASSWORD\n', 'hush.config.json': readme({ development: 'env://DB_PASSWORD' }) })
    const pw = secret()
    const r = node(dir, run('console.log("app ran")'), { CI_DB_PASSWORD: pw })
    noLeak(r.all, pw)
    expect(r.code).toBe(1)
    expect(r.stdout).toBe('')
    expect(r.stderr).toContain('[HUSH_BAD_REFERENCE]')
    expect(r.stderr).toContain('did you mean "env://"')
  })

  it('says once, by name, that a value too short to mask is not masked', () => {
    const dir = app({ '.env': 'PIN=env://RAW_PIN\n' })
    const r = node(dir, run('console.log("x")'), { RAW_PIN: '4711' })
    expect(r.code).toBe(0)
    expect(r.stderr).toBe("[hush] PIN's value is shorter than 6 characters, so hush does not mask it in output: use a longer, random secret.\n")
  })

  it('prints a start-up failure once, with its fix, without a stack, and exits 1', () => {
    const dir = app({ '.env': 'DB_PASSWORD=env://CI_DB_PASSWORD\n' })
    const r = node(dir, run('console.log("app ran")'), {})
    expect(r.code).toBe(1)
    expect(r.stdout).toBe('')
    expect(r.stderr.match(/HUSH_NOT_FOUND/g)).toHaveLength(1)
    expect(r.stderr).toContain('(.env:1)')
    expect(r.stderr).toContain('\n  fix: set CI_DB_PASSWORD in the environment')
    expect(r.stderr).not.toMatch(/^\s+at /m)
    expect(r.stderr).not.toContain('undefined')
  })

  it('names the key path, file and line of a value pasted into hush.config, never its text', () => {
    const pasted = `sk_live_${secret()}`
    const dir = app({ 'hush.config.json': `{\n  "secrets": {\n    "DB_PASSWORD": "${pasted}"\n  }\n}\n` })
    const r = node(dir, run('0'), {})
    expectNoValue(r.all, pasted, { piece: 12, in: 'the output' })
    expect(r.code).toBe(1)
    expect(r.stderr).toContain('[HUSH_BAD_CONFIG]: secrets.DB_PASSWORD is a ')
    expect(r.stderr).toContain(`-character string, not an object (${join(dir, 'hush.config.json')}:3 at secrets.DB_PASSWORD)`)
  })

  it('refuses a file:// that is a FIFO or a device instead of blocking on it', () => {
    const dir = app({})
    // A FIFO with no writer: opening it would block a thread forever.
    execFileSync('mkfifo', [join(dir, 'hang')])
    const hang = app({ '.env': `SLOW=file://${join(dir, 'hang')}\nZERO=file:///dev/zero\n` })
    const r = node(hang, run('console.log("app ran")'), {})
    expect(r.code).toBe(1)
    expect(r.stderr).toContain('2 secrets could not be loaded')
    expect(r.stderr).toContain(`SLOW: file://${join(dir, 'hang')}: ${join(dir, 'hang')} is not a regular file`)
    expect(r.stderr).toContain('ZERO: file:///dev/zero: /dev/zero is not a regular file')
  })
})

describe('the ESM entry where a global __dirname exists', () => {
  it.each([
    [
      'import() from node -e (CommonJS, __dirname is ".")',
      (entry: string) => ['-e', `import(${JSON.stringify(entry)}).then(() => console.log(process.env.DB_PASSWORD.length, process.env.DB_PASSWORD))`],
    ],
    [
      'an ESM shim that sets globalThis.__dirname',
      (entry: string) => [
        '--input-type=module',
        '-e',
        `globalThis.__dirname = '/elsewhere'; await import(${JSON.stringify(entry)}); console.log(process.env.DB_PASSWORD.length, process.env.DB_PASSWORD)`,
      ],
    ],
  ])('%s', (_, args) => {
    const pw = secret()
    const dir = app({ '.env': 'DB_PASSWORD=env://CI_DB_PASSWORD\n' })
    const r = node(dir, args(join(dist, 'config.mjs')), { CI_DB_PASSWORD: pw })
    noLeak(r.all, pw)
    expect(r.stderr).toBe('')
    expect(r.stdout).toBe(`${pw.length} [redacted:DB_PASSWORD]\n`)
  })
})

describe('util.inspect of what a user can reach', () => {
  it('shows no value for the live hush instance and its redactor', () => {
    const pw = secret()
    const dir = app({ '.env': 'DB_PASSWORD=env://CI_DB_PASSWORD\n' })
    const code = `const { hush } = await import(${JSON.stringify(join(dist, 'index.mjs'))}); const util = await import('node:util'); const h = hush();
      const shown = [util.inspect(h, { showHidden: true, depth: Infinity }), JSON.stringify(h), util.inspect(h.redactor, { showHidden: true, depth: Infinity }), String(Object.keys(h))].join('\\n');
      process.stdout.write(String(shown.includes(process.env.CI_DB_PASSWORD)) + ' ' + util.inspect(h))`
    const r = node(dir, ['--import', join(dist, 'config.mjs'), '--input-type=module', '-e', code], { CI_DB_PASSWORD: pw, HUSH_LOG_GUARD: '0' })
    expect(r.stderr).toBe('')
    expect(r.stdout).toBe('false Hush {"environment":"development","secrets":1,"loaded":1,"closed":false}')
  })
})
