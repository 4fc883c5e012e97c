import { execFile } from 'node:child_process'
import { cpSync, mkdirSync, mkdtempSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { promisify } from 'node:util'
import { crc32 } from 'node:zlib'
import { parse } from 'yaml'
import { expectNoValue } from '@hush/test-kit'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'

const run = promisify(execFile)
const example = join(import.meta.dirname, '..')
// GitHub tokens end in a CRC-32 of their random part (base62, six digits): detection checks it,
// so the fake carries a valid one.
const BASE62 = '0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz'
function githubToken(random: string): string {
  let sum = ''
  for (let n = crc32(random); n > 0; n = Math.floor(n / 62)) sum = BASE62[n % 62] + sum
  return 'ghp_' + random + sum.padStart(6, '0')
}

const TOKEN = githubToken('Xq7rT2mZ9kLp4WvB8nYc3HdJ6sFa1G')

// A developer's shell: pnpm's shims export NODE_PATH to every workspace package and vitest
// sets NODE_ENV/TEST/VITEST (which switch lint-staged to a JSON test renderer); a user has none.
const shell = Object.fromEntries(Object.entries(process.env).filter(([k]) => !/^(?:NODE_PATH|NODE_ENV|TEST|VITEST.*|FORCE_COLOR|npm_.*|PNPM_.*)$/.test(k)))
const env = {
  ...shell,
  NO_COLOR: '1',
  GIT_AUTHOR_NAME: 'dev',
  GIT_AUTHOR_EMAIL: 'dev@example.com',
  GIT_COMMITTER_NAME: 'dev',
  GIT_COMMITTER_EMAIL: 'dev@example.com',
  HUSKY: '',
}
let repo: string

async function sh(file: string, args: string[], cwd = repo) {
  try {
    const { stdout, stderr } = await run(file, args, { cwd, env })
    return { code: 0, out: stdout + stderr }
  } catch (error) {
    const e = error as { code?: number; stdout?: string; stderr?: string }
    return { code: e.code ?? 1, out: `${e.stdout ?? ''}${e.stderr ?? ''}` }
  }
}

beforeAll(async () => {
  // A fresh repository laid out like the example, as a user's project would be after `pnpm install`.
  repo = mkdtempSync(join(tmpdir(), 'hush-lint-repo-'))
  for (const entry of ['package.json', 'eslint.config.js', 'hush.config.json', '.husky', 'src', '.github'])
    cpSync(join(example, entry), join(repo, entry), { recursive: true })
  symlinkSync(join(example, 'node_modules'), join(repo, 'node_modules'), 'dir')
  writeFileSync(join(repo, '.gitignore'), 'node_modules\n')
  expect((await sh('git', ['init', '-q', '-b', 'main'])).code).toBe(0)
  // What `prepare` does on install: point git at husky's hooks.
  const husky = await sh(process.execPath, [join(repo, 'node_modules', 'husky', 'bin.js')])
  expect(husky.code).toBe(0)
  expect((await sh('git', ['config', 'core.hooksPath'])).out.trim()).toBe('.husky/_')
  await sh('git', ['add', '.'])
  const first = await sh('git', ['commit', '-q', '-m', 'initial'])
  expect(first.out).not.toContain('hush/')
  expect(first.code).toBe(0)
})
afterAll(() => rmSync(repo, { recursive: true, force: true }))

const commits = async () => Number((await sh('git', ['rev-list', '--count', 'HEAD'])).out.trim())

describe('pre-commit hook', () => {
  it('refuses a commit that stages a hardcoded secret, naming the file, line and rule', async () => {
    writeFileSync(join(repo, 'src', 'server', 'github.js'), `export const client = { auth: '${TOKEN}' }\n`)
    await sh('git', ['add', 'src/server/github.js'])
    const before = await commits()
    const commit = await sh('git', ['commit', '-m', 'add github client'])
    expect(commit.code).not.toBe(0)
    expect(commit.out).toContain('src/server/github.js')
    expect(commit.out).toMatch(/1:31\s+error\s+A GitHub token is hardcoded in "auth"/)
    expect(commit.out).toContain('hush/no-hardcoded-secrets')
    expect(commit.out.includes(TOKEN)).toBe(false)
    expect(await commits()).toBe(before)
    // lint-staged leaves the staged change as it was, for the user to fix.
    expect((await sh('git', ['diff', '--cached', '--name-only'])).out.trim()).toBe('src/server/github.js')
  })

  it('refuses a staged file that logs a secret or reads one in client code', async () => {
    writeFileSync(join(repo, 'src', 'server', 'github.js'), `export const client = { auth: process.env.GITHUB_TOKEN }\nconsole.log('auth', client.auth)\n`)
    writeFileSync(join(repo, 'src', 'components', 'Pay.jsx'), `export const key = process.env.PAYMENTS_WEBHOOK\n`)
    await sh('git', ['add', '.'])
    const commit = await sh('git', ['commit', '-m', 'wire auth'])
    expect(commit.code).not.toBe(0)
    expect(commit.out).toContain('hush/no-secret-logging')
    // PAYMENTS_WEBHOOK has no secret word: hush.config.json declares it.
    expect(commit.out).toMatch(/PAYMENTS_WEBHOOK is a server-only secret read in client code/)
  })

  it('commits once the files are clean, linting only what is staged', async () => {
    writeFileSync(
      join(repo, 'src', 'server', 'github.js'),
      `export const client = { auth: process.env.GITHUB_TOKEN }\nconsole.log('auth set', Boolean(client.auth))\n`,
    )
    rmSync(join(repo, 'src', 'components', 'Pay.jsx'))
    // An unstaged file with a secret is not the hook's business (CI lints everything).
    writeFileSync(join(repo, 'scratch.js'), `const password = 'Tr0ub4dor&3'\n`) // hush-ignore: the leak this test plants
    await sh('git', ['add', 'src'])
    const before = await commits()
    const commit = await sh('git', ['commit', '-m', 'wire auth'])
    expect(commit.code).toBe(0)
    expect(await commits()).toBe(before + 1)
  })
})

describe('pre-commit hook: hush scan --staged', () => {
  it('refuses a commit that stages a .env with a plain secret and a YAML file with a token, saying where and what to do', async () => {
    const password = `Q${Math.random().toString(36).slice(2, 12)}#7x!`
    const token = githubToken(Math.random().toString(36).slice(2, 12).padEnd(30, 'Kq7'))
    writeFileSync(join(repo, '.env'), `DB_PASSWORD=${password}\nPAYMENTS_WEBHOOK=aws-sm://prod/payments#webhook\n`)
    mkdirSync(join(repo, 'deploy'), { recursive: true })
    writeFileSync(join(repo, 'deploy', 'release.yml'), `steps:\n  - env:\n      GITHUB_TOKEN: ${token}\n`)
    await sh('git', ['add', '.env', 'deploy/release.yml'])
    const before = await commits()
    const commit = await sh('git', ['commit', '-m', 'add deploy settings'])
    expectNoValue(commit.out, [password, token], { in: 'the hook output', piece: 5 })
    expect(commit.code).not.toBe(0)
    expect(commit.out).toContain('.env:1:13  hush/env-plain-secret  a password')
    expect(commit.out).toMatch(/fix: Move it to a store and put a reference here/)
    expect(commit.out).toContain('deploy/release.yml:3:21  hush/hardcoded-secret  a GitHub token  ghp_…')
    expect(commit.out).toContain('hush: 2 secrets in 2 staged files')
    expect(await commits()).toBe(before)
    // With the value moved to a store, the same files commit.
    writeFileSync(join(repo, '.env'), `DB_PASSWORD=aws-sm://prod/db#password\nPAYMENTS_WEBHOOK=aws-sm://prod/payments#webhook\n`)
    writeFileSync(join(repo, 'deploy', 'release.yml'), `steps:\n  - env:\n      GITHUB_TOKEN: \${{ secrets.GITHUB_TOKEN }}\n`)
    await sh('git', ['add', '.env', 'deploy/release.yml'])
    const fixed = await sh('git', ['commit', '-m', 'add deploy settings'])
    expect(fixed.code).toBe(0)
    expect(await commits()).toBe(before + 1)
  })
})

describe('CI workflow', () => {
  const workflow = parse(readFileSync(join(example, '.github', 'workflows', 'lint.yml'), 'utf8')) as {
    on: Record<string, unknown>
    jobs: Record<string, { steps: Array<{ run?: string }> }>
  }
  const runs = Object.values(workflow.jobs).flatMap((j) => j.steps.map((s) => s.run).filter(Boolean))

  it('installs and runs the lint script on push and pull request', () => {
    expect(Object.keys(workflow.on).sort()).toEqual(['pull_request', 'push'])
    expect(runs).toContain('pnpm install --frozen-lockfile')
    expect(workflow.jobs.lint!.steps.at(-1)!.run).toBe('pnpm run lint')
  })

  it('scans the whole repository to SARIF and uploads it to code scanning even when the scan fails', async () => {
    const scan = workflow.jobs.scan as unknown as {
      permissions: Record<string, string>
      steps: Array<{ run?: string; uses?: string; if?: string; with?: Record<string, string> }>
    }
    expect(scan.permissions['security-events']).toBe('write')
    const command = scan.steps.find((s) => s.run?.includes('hush scan'))!.run!
    expect(command).toBe('pnpm exec hush scan --format sarif > hush.sarif')
    const upload = scan.steps.at(-1)!
    expect(upload.uses).toMatch(/^github\/codeql-action\/upload-sarif@/)
    expect(upload.if).toBe('always()')
    expect(upload.with!.sarif_file).toBe('hush.sarif')
    // The command as the job runs it: a clean example passes with a SARIF log on stdout.
    const run = await sh(join(example, 'node_modules', '.bin', 'hush'), ['scan', '--format', 'sarif'], example)
    expect(run.code).toBe(0)
    expect(JSON.parse(run.out.slice(0, run.out.lastIndexOf('}') + 1)).version).toBe('2.1.0')
  })

  it('the lint script it runs passes on the example and fails on a leak anywhere in the project', async () => {
    const script = (JSON.parse(readFileSync(join(example, 'package.json'), 'utf8')) as { scripts: Record<string, string> }).scripts.lint!
    const [bin, ...args] = script.split(' ')
    const eslintBin = join(example, 'node_modules', '.bin', bin!)
    expect((await sh(eslintBin, args, example)).code).toBe(0)
    // scratch.js was never staged; the full lint still finds it.
    const inRepo = await sh(eslintBin, args, repo)
    expect(inRepo.code).toBe(1)
    expect(inRepo.out).toMatch(/scratch\.js[\s\S]*A password is hardcoded in "password"/)
  })
})
