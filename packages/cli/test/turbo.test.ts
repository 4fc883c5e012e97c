import { execFile } from 'node:child_process'
import { randomBytes } from 'node:crypto'
import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import { expectNoValue } from '@hush/test-kit'
import { describe, expect, it } from 'vitest'
import { git, gitRepo, hush, type Run } from './helpers.js'

// turbo is the workspace's own devDependency: its real binary reads the turbo.json hush writes.
const TURBO = join(import.meta.dirname, '..', '..', '..', 'node_modules', '.bin', 'turbo')

const TURBO_JSON = `{
  // strict env mode is turbo 2's default; said here so the file reads it
  "$schema": "https://turborepo.com/schema.json",
  "envMode": "strict",
  "tasks": {
    "build": {
      "dependsOn": ["^build"],
      "outputs": ["dist/**"] // the bundle
    },
    "dev": { "cache": false, "persistent": true },
    "lint": {}
  }
}
`
const WIRED = `{
  // strict env mode is turbo 2's default; said here so the file reads it
  "$schema": "https://turborepo.com/schema.json",
  "envMode": "strict",
  "tasks": {
    "build": {
      "dependsOn": ["^build"],
      "outputs": ["dist/**"], // the bundle
      "env": ["WEB_PUBLIC_KEY"],
      "passThroughEnv": ["API_TOKEN", "WEB_DB_PASSWORD"]
    },
    "dev": { "cache": false, "persistent": true, "env": ["WEB_PUBLIC_KEY"], "passThroughEnv": ["API_TOKEN", "WEB_DB_PASSWORD"] },
    "lint": {}
  }
}
`
const secret = (name: string, extra: object = {}) => ({ from: `env://${name}`, owner: 'team', purpose: 'the test app', ...extra })

/** A turbo workspace of two apps, web (a public key it inlines, a database password) and api (a token, the same password). */
function monorepo(turboJson = TURBO_JSON, files: Record<string, string> = {}): string {
  const dir = gitRepo({
    'package.json': JSON.stringify({ name: 'scratch', private: true, packageManager: 'npm@10.9.0', workspaces: ['apps/*'] }),
    'turbo.json': turboJson,
    'apps/web/package.json': JSON.stringify({ name: 'web', version: '1.0.0', scripts: { build: 'node -e 0', dev: 'node -e 0' } }),
    'apps/web/hush.config.json': JSON.stringify({
      secrets: { WEB_PUBLIC_KEY: secret('WEB_PUBLIC_KEY', { public: true }), WEB_DB_PASSWORD: secret('WEB_DB_PASSWORD') },
    }),
    'apps/api/package.json': JSON.stringify({ name: 'api', version: '1.0.0', scripts: { build: 'node -e 0', start: 'node -e 0' } }),
    'apps/api/hush.config.json': JSON.stringify({ secrets: { API_TOKEN: secret('API_TOKEN'), WEB_DB_PASSWORD: secret('WEB_DB_PASSWORD') } }),
    ...files,
  })
  commit(dir)
  return dir
}
const commit = (dir: string) => {
  git(dir, 'add', '-A')
  git(dir, 'commit', '-q', '--allow-empty', '-m', 'scratch')
}

const token = (prefix: string) => `${prefix}${randomBytes(12).toString('hex')}`
const valuesEnv = () => ({ WEB_PUBLIC_KEY: token('pk_live_'), WEB_DB_PASSWORD: token('pw-'), API_TOKEN: token('tok_') })

function turbo(args: string[], cwd: string, env: Record<string, string>): Promise<Run> {
  return new Promise((resolve) => {
    execFile(TURBO, args, { cwd, env: { ...process.env, TURBO_TELEMETRY_DISABLED: '1', DO_NOT_TRACK: '1', ...env } }, (error, stdout, stderr) => {
      resolve({ code: error ? (typeof error.code === 'number' ? error.code : 1) : 0, stdout, stderr })
    })
  })
}

/** turbo's dry run of `build`, per task: its hash and env wiring; checked for the values before anything is read from it. */
async function dryRun(dir: string, env: Record<string, string>) {
  const run = await turbo(['run', 'build', '--dry=json'], dir, env)
  expectNoValue(run.stdout + run.stderr, Object.values(env), { in: "turbo's dry run", piece: 6 })
  expect(run.code).toBe(0)
  const tasks = JSON.parse(run.stdout).tasks as { taskId: string; hash: string; environmentVariables: any }[]
  return Object.fromEntries(tasks.map((t) => [t.taskId, t]))
}

const turboProblems = (run: Run) =>
  JSON.parse(run.stdout)
    .problems.filter((p: any) => p.check.startsWith('turbo-'))
    .map((p: any) => [p.check, p.name])

describe('hush turbo', () => {
  it('prints the wiring as a diff (exit 1), writes it with --write keeping comments and key order (exit 0), then has nothing to change', async () => {
    const dir = monorepo()
    const dry = await hush(['turbo'], dir)
    expect(dry.stderr).toBe('')
    expect(dry.stdout).toContain(
      'hush turbo: 2 apps (apps/api/hush.config.json, apps/web/hush.config.json), 1 public value, 2 secrets; turbo.json: tasks build, dev\n',
    )
    expect(dry.stdout).toContain(
      [
        '-      "outputs": ["dist/**"] // the bundle',
        '+      "outputs": ["dist/**"], // the bundle',
        '+      "env": ["WEB_PUBLIC_KEY"],',
        '+      "passThroughEnv": ["API_TOKEN", "WEB_DB_PASSWORD"]',
      ].join('\n'),
    )
    expect(dry.stdout).toMatch(/^--- turbo\.json\n\+\+\+ turbo\.json\n@@ -5,9 \+5,11 @@\n/m)
    expect(readFileSync(join(dir, 'turbo.json'), 'utf8')).toBe(TURBO_JSON)
    expect(dry.code).toBe(1)

    const written = await hush(['turbo', '--write'], dir)
    expect(written.stdout).toContain('wrote turbo.json: build (env +WEB_PUBLIC_KEY; passThroughEnv +API_TOKEN +WEB_DB_PASSWORD), dev (')
    expect(readFileSync(join(dir, 'turbo.json'), 'utf8')).toBe(WIRED)
    expect(written.code).toBe(0)

    const again = await hush(['turbo'], join(dir, 'apps', 'web'))
    expect(again.stdout).toContain('../../turbo.json is up to date.\n')
    expect(again.code).toBe(0)
  })

  it("shows in turbo's own dry run: the public value in the task hash, the secrets passed through and out of it, no value anywhere", async () => {
    const dir = monorepo()
    const env = valuesEnv()
    // Unwired, a new public value leaves the hash as it was: turbo would serve the old bundle.
    const stale = await dryRun(dir, env)
    expect(stale['web#build']!.environmentVariables.specified).toEqual({ env: [], passThroughEnv: null })
    expect((await dryRun(dir, { ...env, WEB_PUBLIC_KEY: token('pk_live_') }))['web#build']!.hash).toBe(stale['web#build']!.hash)

    await hush(['turbo', '--write'], dir)
    commit(dir)
    const wired = await dryRun(dir, env)
    for (const task of ['web#build', 'api#build']) {
      const vars = wired[task]!.environmentVariables
      expect(vars.specified).toEqual({ env: ['WEB_PUBLIC_KEY'], passThroughEnv: ['API_TOKEN', 'WEB_DB_PASSWORD'] })
      expect(vars.configured.map((v: string) => v.split('=')[0])).toEqual(['WEB_PUBLIC_KEY'])
      expect(vars.passthrough.map((v: string) => v.split('=')[0])).toEqual(['API_TOKEN', 'WEB_DB_PASSWORD'])
    }
    const newPublic = await dryRun(dir, { ...env, WEB_PUBLIC_KEY: token('pk_live_') })
    expect(newPublic['web#build']!.hash).not.toBe(wired['web#build']!.hash)
    const newSecrets = await dryRun(dir, { ...env, API_TOKEN: token('tok_'), WEB_DB_PASSWORD: token('pw-') })
    expect(newSecrets['web#build']!.hash).toBe(wired['web#build']!.hash)
    expect(newSecrets['api#build']!.hash).toBe(wired['api#build']!.hash)
  })

  it("makes hush doctor's turbo checks pass: a public value hashed, a secret taken out of a pattern in env", async () => {
    const patterned = TURBO_JSON.replace('"outputs": ["dist/**"] // the bundle', '"outputs": ["dist/**"], // the bundle\n      "env": ["NODE_ENV", "API_*"]')
    const dir = monorepo(patterned)
    const env = valuesEnv()
    const doctor = async (app: string) => {
      const run = await hush(['doctor', '--json'], join(dir, 'apps', app), env)
      expectNoValue(run.stdout + run.stderr, Object.values(env), { in: 'the doctor output', piece: 6 })
      return turboProblems(run)
    }
    expect(await doctor('web')).toEqual([['turbo-public-not-hashed', 'WEB_PUBLIC_KEY']])
    expect(await doctor('api')).toEqual([['turbo-secret-hashed', 'API_TOKEN']])

    const written = await hush(['turbo', '--write'], dir)
    expect(written.stdout).toContain('build (env +WEB_PUBLIC_KEY; passThroughEnv +API_TOKEN +WEB_DB_PASSWORD; no longer hashed: API_TOKEN)')
    expect(readFileSync(join(dir, 'turbo.json'), 'utf8')).toContain('"env": ["NODE_ENV", "API_*", "!API_TOKEN", "WEB_PUBLIC_KEY"],')
    expect(await doctor('web')).toEqual([])
    expect(await doctor('api')).toEqual([])

    // turbo reads `!API_TOKEN` as doctor does: out of the hash, still given to the task.
    commit(dir)
    const vars = (await dryRun(dir, env))['api#build']!.environmentVariables
    expect([...vars.specified.env].sort()).toEqual(['!API_TOKEN', 'API_*', 'NODE_ENV', 'WEB_PUBLIC_KEY'])
    expect(vars.configured.map((v: string) => v.split('=')[0])).toEqual(expect.arrayContaining(['WEB_PUBLIC_KEY']))
    expect(vars.configured.map((v: string) => v.split('=')[0])).not.toContain('API_TOKEN')
    expect(vars.passthrough.map((v: string) => v.split('=')[0])).toEqual(['API_TOKEN', 'WEB_DB_PASSWORD'])
  })

  it('finds the packages pnpm-workspace.yaml lists and prints the plan as JSON, names only', async () => {
    const dir = monorepo(TURBO_JSON, {
      'package.json': JSON.stringify({ name: 'scratch', private: true, packageManager: 'pnpm@12.4.2' }),
      'pnpm-workspace.yaml': "packages:\n  - 'apps/*' # the apps\n  - '!apps/api'\ncatalog:\n  vite: 8.3.8\n",
    })
    const run = await hush(['turbo', '--json'], dir)
    const plan = JSON.parse(run.stdout)
    expect(plan.apps).toEqual([{ dir: 'apps/web', config: 'apps/web/hush.config.json', secrets: expect.any(Array) }])
    expect(plan).toMatchObject({
      file: 'turbo.json',
      public: ['WEB_PUBLIC_KEY'],
      secret: ['WEB_DB_PASSWORD'],
      tasks: ['build', 'dev'],
      changed: true,
      written: false,
    })
    expect(plan.changes[0]).toMatchObject({ task: 'build', env: ['WEB_PUBLIC_KEY'], passThroughEnv: ['WEB_DB_PASSWORD'] })
    expect(run.code).toBe(1)
  })

  it("wires a package's own turbo.json (extends) for that package alone, keeping the root's entries with $TURBO_EXTENDS$", async () => {
    const rootJson = TURBO_JSON.replace('"outputs": ["dist/**"] // the bundle', '"outputs": ["dist/**"], // the bundle\n      "env": ["NODE_ENV"]')
    const dir = monorepo(rootJson, { 'apps/web/turbo.json': '{ "extends": ["//"], "tasks": { "build": { "outputs": ["$TURBO_EXTENDS$", "out/**"] } } }\n' })
    const run = await hush(['turbo', '--write'], join(dir, 'apps', 'web'))
    expect(run.stdout).toContain('hush turbo: 1 app (hush.config.json), 1 public value, 1 secret; turbo.json: tasks build\n')
    expect(readFileSync(join(dir, 'apps', 'web', 'turbo.json'), 'utf8')).toBe(
      '{ "extends": ["//"], "tasks": { "build": { "outputs": ["$TURBO_EXTENDS$", "out/**"], "env": ["$TURBO_EXTENDS$", "WEB_PUBLIC_KEY"], "passThroughEnv": ["$TURBO_EXTENDS$", "WEB_DB_PASSWORD"] } } }\n',
    )
    expect(readFileSync(join(dir, 'turbo.json'), 'utf8')).toBe(rootJson)
    commit(dir)
    const tasks = await dryRun(dir, valuesEnv())
    expect([...tasks['web#build']!.environmentVariables.specified.env].sort()).toEqual(['NODE_ENV', 'WEB_PUBLIC_KEY'])
    expect(tasks['web#build']!.environmentVariables.specified.passThroughEnv).toEqual(['WEB_DB_PASSWORD'])
    expect(tasks['api#build']!.environmentVariables.specified.env).toEqual(['NODE_ENV'])
  })

  it('says so, and exits 1, when globalEnv hashes a secret into every task (a global setting it does not edit)', async () => {
    const dir = monorepo(TURBO_JSON.replace('"envMode": "strict",', '"envMode": "strict",\n  "globalEnv": ["API_TOKEN"],'))
    const run = await hush(['turbo', '--write'], dir)
    expect(run.stdout).toContain('API_TOKEN: hashed into every task by globalEnv in turbo.json; take it out of globalEnv')
    expect(readFileSync(join(dir, 'turbo.json'), 'utf8')).toContain('"globalEnv": ["API_TOKEN"],')
    expect(run.code).toBe(1)
  })

  it("keeps this repository's turbo.json wired for the examples' configs: a secret added to one fails here until hush turbo --write", async () => {
    const run = await hush(['turbo', '--json'], join(import.meta.dirname, '..', '..', '..'))
    const plan = JSON.parse(run.stdout)
    expect(plan.apps.map((a: any) => a.dir)).toEqual(expect.arrayContaining(['examples/vite-app', 'examples/nest-api']))
    expect(plan.public).toContain('STRIPE_PUBLISHABLE_KEY')
    expect(plan.changes).toEqual([])
    expect(run.code).toBe(0)
  })

  it('exits 2 without a turbo.json, on a name public in one app and secret in another, and on an unknown flag', async () => {
    const none = await hush(['turbo'], gitRepo({ 'package.json': '{}', 'hush.config.json': '{ "secrets": { "A": {} } }' }))
    expect(none.stderr).toBe('hush turbo: no turbo.json here or above: run it in a turbo workspace.\n')
    expect(none.code).toBe(2)
    const clash = monorepo(TURBO_JSON, { 'apps/api/hush.config.json': JSON.stringify({ secrets: { WEB_PUBLIC_KEY: secret('WEB_PUBLIC_KEY') } }) })
    const conflict = await hush(['turbo', '--write'], clash)
    expect(conflict.stderr).toContain('WEB_PUBLIC_KEY is public in apps/web/hush.config.json but secret in apps/api/hush.config.json')
    expect(readFileSync(join(clash, 'turbo.json'), 'utf8')).toBe(TURBO_JSON)
    expect(conflict.code).toBe(2)
    const usage = await hush(['turbo', '--wrte'], monorepo())
    expect(usage.stderr).toMatch(/unknown option --wrte/)
    expect(usage.code).toBe(2)
  })
})
