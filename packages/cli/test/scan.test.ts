import { spawnSync } from 'node:child_process'
import { chmodSync, existsSync, rmSync } from 'node:fs'
import { join } from 'node:path'
import { expectNoValue } from '@hush/test-kit'
import { beforeAll, describe, expect, it } from 'vitest'
import { BIN, git, gitRepo, githubToken, hush, password, stripeKey, write } from './helpers.js'

beforeAll(() => {
  expect(existsSync(BIN), 'build the package first (pnpm build)').toBe(true)
})

interface JsonReport {
  findings: Array<{ file: string; line: number; column: number; rule: string; label: string; preview: string; fix: string }>
  skipped: Array<{ file: string; reason: string; code?: string }>
}
const report = (stdout: string) => JSON.parse(stdout) as JsonReport
const json = (stdout: string) => report(stdout).findings
const places = (stdout: string) => json(stdout).map((f) => `${f.file}:${f.line}:${f.rule}`)
/** In path order: the walk lists each folder in the order the file system gives. */
const skipped = (stdout: string) => report(stdout).skipped.sort((a, b) => a.file.localeCompare(b.file))

describe('hush scan on the working tree', () => {
  it('finds secrets in .env, YAML, JSON, TOML, shell, Dockerfile, Terraform and notebooks, with file, line, column, rule, preview and fix', async () => {
    const values = [githubToken(), stripeKey(), password(), githubToken(), stripeKey(), githubToken(), password()]
    const [gh, sk, pw, gh2, sk2, gh3, pw2] = values as [string, string, string, string, string, string, string]
    const dir = gitRepo({
      '.env': `# local settings\nGITHUB_TOKEN=${gh}\n`,
      'config/app.yml': `server:\n  port: 8080\n  auth:\n    password: "${pw}"\n`,
      'config/payments.json': `{\n  "currency": "eur",\n  "stripe": "${sk}"\n}\n`,
      'config/ci.toml': `[deploy]\ntoken = "${gh2}"\n`,
      'scripts/deploy.sh': `#!/bin/sh\ncurl -H "Authorization: Bearer ${sk2}" https://api.example.com\n`,
      Dockerfile: `FROM node:20\nENV GH_TOKEN=${gh3}\n`,
      'infra/main.tf': `resource "aws_db_instance" "db" {\n  password = "${pw2}"\n}\n`,
      'notebooks/explore.ipynb': JSON.stringify({ cells: [{ cell_type: 'code', source: [`import os\n`, `os.environ["TOKEN"] = "${gh}"\n`] }] }, null, 1),
      'src/clean.ts': `export const port = Number(process.env.PORT ?? 8080)\n`,
    })
    const run = await hush(['scan', '--format', 'json'], dir)
    expectNoValue(run.stdout + run.stderr, values, { in: 'the output' })
    expect(run.code).toBe(1)
    const found = json(run.stdout)
    expect(found.map((f) => f.file).sort()).toEqual([
      '.env',
      'Dockerfile',
      'config/app.yml',
      'config/ci.toml',
      'config/payments.json',
      'infra/main.tf',
      'notebooks/explore.ipynb',
      'scripts/deploy.sh',
    ])
    expect(found.find((f) => f.file === '.env')).toMatchObject({ line: 2, column: 14, rule: 'hush/env-plain-secret', preview: 'ghp_…' })
    expect(found.find((f) => f.file === '.env')!.fix).toMatch(/move it to a store and put a reference here/i)
    expect(found.find((f) => f.file === 'config/payments.json')).toMatchObject({ line: 3, rule: 'hush/hardcoded-secret', preview: 'sk_l…' })
    expect(found.find((f) => f.file === 'config/app.yml')).toMatchObject({ line: 4, rule: 'hush/hardcoded-secret', label: 'a password' })
    for (const f of found) expect(f.preview.replace('…', '').length).toBeLessThanOrEqual(4)
  })

  it('prints file:line:col, the rule, a masked preview and the fix as text, and counts on stderr', async () => {
    const token = githubToken()
    const dir = gitRepo({ 'deploy.yml': `steps:\n  - env:\n      GITHUB_TOKEN: ${token}\n` })
    const run = await hush(['scan'], dir)
    expectNoValue(run.stdout + run.stderr, token, { in: 'the output' })
    expect(run.code).toBe(1)
    expect(run.stdout).toContain('deploy.yml:3:21  hush/hardcoded-secret  a GitHub token  ghp_…\n  fix: ')
    expect(run.stderr).toBe('hush: 1 secret in 1 file\n')
  })

  it('tells a plain .env secret from a reference and a placeholder', async () => {
    const values = [stripeKey(), password()]
    const dir = gitRepo({
      '.env': [
        `STRIPE_KEY=${values[0]}`,
        `DB_PASSWORD="${values[1]}"`,
        'API_TOKEN=aws-sm://prod/api#token',
        'SESSION_SECRET=aws-ssm:///prod/session',
        'SENTRY_TOKEN=your-token-here',
        'OTHER_SECRET=changeme',
        'PORT=3000',
        '',
      ].join('\n'),
      '.env.production': 'DB_PASSWORD=aws-sm://prod/db#password\n',
    })
    const run = await hush(['scan', '--format', 'json'], dir)
    expectNoValue(run.stdout + run.stderr, values, { in: 'the output' })
    expect(places(run.stdout)).toEqual(['.env:1:hush/env-plain-secret', '.env:2:hush/env-plain-secret'])
    expect(json(run.stdout)[1]).toMatchObject({ column: 14, label: 'a password' })
  })

  it('honours .gitignore and .hushignore (nested ones too), and always skips .git and node_modules', async () => {
    const values = [githubToken(), githubToken(), githubToken(), githubToken(), githubToken()]
    const dir = gitRepo({
      '.gitignore': 'secrets/\n*.local.yml\n',
      '.hushignore': 'fixtures/\n',
      'secrets/prod.yml': `token: ${values[0]}\n`,
      'app.local.yml': `token: ${values[1]}\n`,
      'test/fixtures/leak.yml': `token: ${values[2]}\n`,
      'node_modules/pkg/index.js': `module.exports = '${values[3]}'\n`,
      'docs/.hushignore': 'examples.md\n',
      'docs/examples.md': `token: ${values[4]}\n`,
      'app.yml': `token: ${values[0]}\n`,
    })
    const run = await hush(['scan', '--format', 'json'], dir)
    expectNoValue(run.stdout + run.stderr, values, { in: 'the output' })
    expect(places(run.stdout)).toEqual(['app.yml:1:hush/hardcoded-secret'])
  })

  it('allows a line with a hush-ignore comment, in any comment syntax', async () => {
    const values = [githubToken(), githubToken(), githubToken(), githubToken()]
    const dir = gitRepo({
      'a.yml': `reviewed: ${values[0]} # hush-ignore\nnot: ${values[1]}\n`,
      'b.ts': `const fixture = '${values[2]}' // hush-ignore: revoked test token\n`,
      'c.ts': `const other = '${values[3]}' // hush-ignored-by-nobody? no: ignore needs the exact word\n`,
    })
    const run = await hush(['scan', '--format', 'json'], dir)
    expectNoValue(run.stdout + run.stderr, values, { in: 'the output' })
    expect(places(run.stdout)).toEqual(['a.yml:2:hush/hardcoded-secret', 'c.ts:1:hush/hardcoded-secret'])
  })

  it('skips binary files and files over 2 MB, and says so on stderr', async () => {
    const values = [githubToken(), githubToken(), githubToken()]
    const dir = gitRepo({
      'logo.png': Buffer.concat([Buffer.from([0x89, 0x50, 0x4e, 0x47, 0, 0, 0, 0]), Buffer.from(` ${values[0]} `)]),
      'dump.sql': `-- token: ${values[1]}\n` + 'x'.repeat(2 * 1024 * 1024),
      'small.sql': `-- token: ${values[2]}\n`,
    })
    const run = await hush(['scan', '--format', 'json'], dir)
    expectNoValue(run.stdout + run.stderr, values, { in: 'the output' })
    expect(places(run.stdout)).toEqual(['small.sql:1:hush/hardcoded-secret'])
    expect(skipped(run.stdout)).toEqual([
      { file: 'dump.sql', reason: 'too-large' },
      { file: 'logo.png', reason: 'binary' },
    ])
    expect(run.stderr.split('\n').sort()).toEqual(['', 'hush: skipped dump.sql (over 2 MB)', 'hush: skipped logo.png (binary)'])
  })

  // Root reads any file: as root the scan runs as nobody, which needs a Node binary nobody may run (not one under /root).
  const asRoot = process.getuid?.() === 0
  const nobodyRunsNode = asRoot && spawnSync(process.execPath, ['-e', '0'], { uid: 65534, gid: 65534 }).status === 0
  it.skipIf(asRoot && !nobodyRunsNode)('skips a file and a folder it cannot read, naming them in skipped with the error code, and scans the rest', async () => {
    const values = [githubToken(), githubToken(), githubToken()]
    const dir = gitRepo({ 'locked.yml': `token: ${values[0]}\n`, 'vault/keys.yml': `token: ${values[1]}\n`, 'open.yml': `token: ${values[2]}\n` })
    chmodSync(join(dir, 'locked.yml'), 0o000)
    chmodSync(join(dir, 'vault'), 0o000)
    // Folders nobody may enter, for the run as nobody.
    if (asRoot) for (const d of [dir, process.env.TMPDIR!]) chmodSync(d, 0o755)
    const run = await hush(['scan', '--format', 'json'], dir, {}, asRoot ? { uid: 65534, gid: 65534 } : {})
    // Readable again, so the run's temp folder can be removed by a user who is not root.
    chmodSync(join(dir, 'vault'), 0o755)
    expectNoValue(run.stdout + run.stderr, values, { in: 'the output' })
    expect(places(run.stdout)).toEqual(['open.yml:1:hush/hardcoded-secret'])
    expect(skipped(run.stdout)).toEqual([
      { file: 'locked.yml', reason: 'unreadable', code: 'EACCES' },
      { file: 'vault/', reason: 'unreadable', code: 'EACCES' },
    ])
    expect(run.stderr.split('\n').sort()).toEqual(['', 'hush: skipped locked.yml (unreadable: EACCES)', 'hush: skipped vault/ (unreadable: EACCES)'])
    expect(run.code).toBe(1)
  })

  it('reads a text file past the first 8 KB it sniffs for binary, and takes a NUL byte after them as text, as git does', async () => {
    const values = [githubToken(), githubToken()]
    const padding = 'level: info\n'.repeat(1000) // 12 KB
    const dir = gitRepo({
      'long.yml': `${padding}token: ${values[0]}\n`,
      'late-nul.yml': Buffer.concat([Buffer.from(padding), Buffer.from([0]), Buffer.from(`\ntoken: ${values[1]}\n`)]),
    })
    const run = await hush(['scan', '--format', 'json'], dir)
    expectNoValue(run.stdout + run.stderr, values, { in: 'the output' })
    expect(places(run.stdout)).toEqual(['late-nul.yml:1002:hush/hardcoded-secret', 'long.yml:1001:hush/hardcoded-secret'])
    expect(run.stderr).toBe('')
  })

  it('scans only the paths given', async () => {
    const values = [githubToken(), githubToken()]
    const dir = gitRepo({ 'src/a.yml': `token: ${values[0]}\n`, 'other/b.yml': `token: ${values[1]}\n` })
    const run = await hush(['scan', 'src', '--format', 'json'], dir)
    expectNoValue(run.stdout + run.stderr, values, { in: 'the output' })
    expect(places(run.stdout)).toEqual(['src/a.yml:1:hush/hardcoded-secret'])
  })
})

describe('hush scan --staged', () => {
  it('reads the staged blobs, not the working tree', async () => {
    const values = [githubToken(), githubToken(), githubToken()]
    const [staged, unstaged, committed] = values as [string, string, string]
    const dir = gitRepo({ 'old.yml': `token: ${committed}\n`, 'clean.yml': 'a: 1\n' })
    git(dir, 'add', '.')
    git(dir, 'commit', '-q', '-m', 'first')
    // Staged, then removed from the working tree: the commit would still carry it.
    write(dir, { 'staged.yml': `token: ${staged}\n` })
    git(dir, 'add', 'staged.yml')
    rmSync(join(dir, 'staged.yml'))
    // In the working tree only: not the hook's business.
    write(dir, { 'clean.yml': `a: 1\ntoken: ${unstaged}\n`, 'new.yml': `token: ${unstaged}\n` })
    const run = await hush(['scan', '--staged', '--format', 'json'], dir)
    expectNoValue(run.stdout + run.stderr, values, { in: 'the output' })
    expect(run.code).toBe(1)
    expect(places(run.stdout)).toEqual(['staged.yml:1:hush/hardcoded-secret'])
    // The working tree scan sees the other side.
    const tree = await hush(['scan', '--format', 'json'], dir)
    expect(places(tree.stdout)).toEqual(['clean.yml:2:hush/hardcoded-secret', 'new.yml:1:hush/hardcoded-secret', 'old.yml:1:hush/hardcoded-secret'])
  })

  it('reads the staged version of a file changed again after staging, with paths relative to a subfolder', async () => {
    const token = githubToken()
    const dir = gitRepo({ 'app/config.yml': `token: ${token}\n` })
    git(dir, 'add', '.')
    write(dir, { 'app/config.yml': 'token: aws-sm://prod/token\n' })
    const run = await hush(['scan', '--staged', '--format', 'json'], join(dir, 'app'))
    expectNoValue(run.stdout + run.stderr, token, { in: 'the output' })
    expect(places(run.stdout)).toEqual(['config.yml:1:hush/hardcoded-secret'])
  })

  it('passes with nothing staged, and honours .hushignore', async () => {
    const token = githubToken()
    const dir = gitRepo({ '.hushignore': 'fixtures/\n' })
    expect((await hush(['scan', '--staged'], dir)).code).toBe(0)
    write(dir, { 'fixtures/x.yml': `token: ${token}\n` })
    git(dir, 'add', '.')
    const run = await hush(['scan', '--staged'], dir)
    expectNoValue(run.stdout + run.stderr, token, { in: 'the output' })
    expect(run.code).toBe(0)
    expect(run.stderr).toBe('hush: no secrets in 1 staged file\n')
  })

  it('says it needs a git repository outside one (exit code 2)', async () => {
    const dir = gitRepo()
    rmSync(join(dir, '.git'), { recursive: true })
    const run = await hush(['scan', '--staged'], dir)
    expect(run.code).toBe(2)
    expect(run.stderr).toBe('hush: --staged reads the git index: run it inside a git repository\n')
  })
})

describe('exit codes and usage', () => {
  it('exits 0 on a clean tree, 1 on findings, 2 on usage errors with one line and the help hint', async () => {
    const token = githubToken()
    const dir = gitRepo({ 'a.md': '# nothing here\n' })
    expect((await hush(['scan'], dir)).code).toBe(0)
    write(dir, { 'b.yml': `token: ${token}\n` })
    expect((await hush(['scan'], dir)).code).toBe(1)
    const cases: Array<[string[], string]> = [
      [['scan', '--bogus'], 'hush: unknown option --bogus. Run "hush scan --help" for usage.\n'],
      [['scan', '--format', 'xml'], 'hush: --format must be one of text, json, sarif. Run "hush scan --help" for usage.\n'],
      [['frobnicate'], 'hush: unknown command "frobnicate". Run "hush --help" for usage.\n'],
      [['--bogus'], 'hush: unknown option --bogus. Run "hush --help" for usage.\n'],
    ]
    for (const [args, message] of cases) {
      const run = await hush(args, dir)
      expect(run.stderr).toBe(message)
      expect(run.stdout).toBe('')
      expect(run.code).toBe(2)
    }
    const missing = await hush(['scan', 'nope'], dir)
    expect(missing.code).toBe(2)
    expect(missing.stderr).toMatch(/nope does not exist/)
  })

  it('prints the version, and help with examples for the program and for scan', async () => {
    const dir = gitRepo()
    const version = await hush(['--version'], dir)
    expect(version.stdout).toMatch(/^\d+\.\d+\.\d+\n$/)
    expect(version.code).toBe(0)
    const help = await hush(['--help'], dir)
    expect(help.code).toBe(0)
    expect(help.stdout).toMatch(/scan \[\.\.\.paths\]/)
    expect(help.stdout).toMatch(/Examples:[\s\S]*hush scan --staged/)
    const scanHelp = await hush(['scan', '--help'], dir)
    expect(scanHelp.stdout).toMatch(/--staged[\s\S]*--format[\s\S]*--known-values/)
    expect(scanHelp.stdout).toMatch(/hush scan --format sarif/)
  })
})

describe('no value in any output', () => {
  it('never prints a value found, in text, json or sarif', async () => {
    const values = Array.from({ length: 4 }, githubToken).concat(Array.from({ length: 4 }, stripeKey), Array.from({ length: 4 }, password))
    const files = Object.fromEntries(values.map((v, i) => [`f${i}.yml`, `key: ${i}\npassword: "${v}"\napi_key: ${v}\nurl: https://u:${v}@db.example.com\n`]))
    const dir = gitRepo({ ...files, '.env': values.map((v, i) => `SECRET_${i}=${v}`).join('\n') })
    for (const format of ['text', 'json', 'sarif']) {
      const run = await hush(['scan', '--format', format], dir)
      // 5 characters of any value: previews show 4 at most.
      expectNoValue(run.stdout + run.stderr, values, { in: `the ${format} output`, piece: 5 })
      expect(run.code).toBe(1)
    }
  })
})
