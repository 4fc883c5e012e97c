import { createHash, generateKeyPairSync } from 'node:crypto'
import { chmodSync, existsSync, readFileSync, statSync, symlinkSync } from 'node:fs'
import { join } from 'node:path'
import { createHushForProject } from '@hush/core'
import { validateConfig } from '@hush/core/config'
import { startLocalStore } from '@hush/local-store'
import { expectNoValue } from '@hush/test-kit'
import { parse } from 'dotenv'
import { describe, expect, it } from 'vitest'
import { gitRepo, githubToken, hush, password, stripeKey } from './helpers.js'

const sha = (s: string) => createHash('sha256').update(s).digest('hex')
const pem = () => String(generateKeyPairSync('ed25519').privateKey.export({ type: 'pkcs8', format: 'pem' })).trimEnd()

/** A `.env` as teams write them: comments, quotes, a multiline key, `export`, public keys and a reference already. */
function realisticEnv() {
  const secrets = { DB_PASSWORD: password(), GITHUB_TOKEN: githubToken(), STRIPE_SECRET_KEY: stripeKey(), TLS_KEY: pem() }
  const head = '# database\nDB_HOST=localhost\nPORT=3000\n\n'
  // The rewrite drops a moved value's quotes with it: a reference needs none.
  const text = (v: Record<string, string>, q: (s: string, quote: string) => string) =>
    head +
    `export DB_PASSWORD=${q(v.DB_PASSWORD!, '"')}  # rotated by hand\n` +
    `GITHUB_TOKEN=${q(v.GITHUB_TOKEN!, "'")}\n` +
    `STRIPE_SECRET_KEY=${v.STRIPE_SECRET_KEY}\n` +
    `TLS_KEY=${q(v.TLS_KEY!, '"')}\n` +
    '\n# browser\nNEXT_PUBLIC_API_URL=https://api.example.com\nVITE_APP_NAME=shop\n' +
    'SESSION_SECRET=aws-sm://dev/app/session\n'
  const refs = Object.fromEntries(Object.keys(secrets).map((k) => [k, `aws-sm://dev/app/${k}`]))
  return { secrets, env: text(secrets, (s, quote) => quote + s + quote), rewritten: text(refs, (s) => s), values: Object.values(secrets) }
}

/** A project with the CLI's node_modules in reach, so @hush/aws is installed as a user would have it. */
function project(files: Record<string, string>): string {
  const dir = gitRepo(files)
  symlinkSync(join(import.meta.dirname, '..', 'node_modules'), join(dir, 'node_modules'), 'dir')
  return dir
}

describe('hush init', () => {
  it('prints the plan by names only and changes nothing without --write', async () => {
    const { env, values } = realisticEnv()
    const dir = project({ '.env': env, '.env.example': 'DB_PASSWORD=\n' })
    for (const args of [['init'], ['init', '--json']]) {
      const run = await hush(args, dir)
      expectNoValue(run.stdout + run.stderr, values, { in: 'the output', piece: 6 })
      expect(run.code).toBe(0)
      expect(readFileSync(join(dir, '.env'), 'utf8')).toBe(env)
      expect(existsSync(join(dir, 'hush.config.json'))).toBe(false)
      expect(existsSync(join(dir, '.hush'))).toBe(false)
    }
    const json = JSON.parse((await hush(['init', '--json'], dir)).stdout)
    expect(json.moves.map((m: any) => [m.name, m.reference])).toEqual([
      ['DB_PASSWORD', 'aws-sm://dev/app/DB_PASSWORD'],
      ['GITHUB_TOKEN', 'aws-sm://dev/app/GITHUB_TOKEN'],
      ['STRIPE_SECRET_KEY', 'aws-sm://dev/app/STRIPE_SECRET_KEY'],
      ['TLS_KEY', 'aws-sm://dev/app/TLS_KEY'],
    ])
    expect(json.files.map((f: any) => f.file)).toEqual(['.env'])
    const kinds = Object.fromEntries(json.files[0].keys.map((k: any) => [k.name, k.kind]))
    expect(kinds).toMatchObject({ DB_HOST: 'plain', PORT: 'plain', NEXT_PUBLIC_API_URL: 'public', VITE_APP_NAME: 'public', SESSION_SECRET: 'reference' })
  })

  it('--write --store local: moves the values to a 0600 seed, rewrites only their lines, and the new .env resolves to every old value', async () => {
    const { env, rewritten, secrets, values } = realisticEnv()
    const dir = project({ '.env': env, hush: '', '.gitignore': 'node_modules\n' })
    const run = await hush(['init', '--store', 'local', '--write'], dir)
    expectNoValue(run.stdout + run.stderr, values, { in: 'the output', piece: 6 })
    expect(run.code).toBe(0)
    const after = readFileSync(join(dir, '.env'), 'utf8')
    expectNoValue(after, values, { in: '.env', piece: 6 })
    expect(after).toBe(rewritten)
    const config = JSON.parse(readFileSync(join(dir, 'hush.config.json'), 'utf8'))
    expect(() => validateConfig(config)).not.toThrow()
    expect(config.$schema).toMatch(/hush\.config\.schema\.json$/)
    expect(config.environments).toEqual({ development: { allow: ['aws-sm'] } })
    expect(config.secrets.TLS_KEY).toMatchObject({ from: 'aws-sm://dev/app/TLS_KEY', public: false, required: true })
    expect(readFileSync(join(dir, '.gitignore'), 'utf8')).toMatch(/^node_modules\n[\s\S]*^\.hush\/$/m)
    const seed = join(dir, '.hush/local-store.seed.json')
    expect(statSync(seed).mode & 0o777).toBe(0o600)

    const store = await startLocalStore({ seed })
    const saved = { ...process.env }
    Object.assign(process.env, {
      AWS_ENDPOINT_URL_SECRETS_MANAGER: store.url,
      AWS_REGION: 'us-east-1',
      AWS_ACCESS_KEY_ID: 'local',
      AWS_SECRET_ACCESS_KEY: 'local',
    })
    try {
      const sources = Object.fromEntries(Object.entries(parse(after)).filter(([, v]) => v.startsWith('aws-sm://')))
      delete sources.SESSION_SECRET
      const h = await createHushForProject({ cwd: dir, sources, environment: 'development' })
      const loaded = await h.load()
      await h.close()
      const hashes = (o: Record<string, string>) => Object.fromEntries(Object.entries(o).map(([k, v]) => [k, sha(v)]))
      expect(hashes(loaded)).toEqual(hashes(secrets))
    } finally {
      process.env = saved
      await store.close()
    }

    const again = await hush(['init', '--store', 'local', '--write'], dir)
    expect(again.stdout).toMatch(/Nothing to move/)
    expect(again.code).toBe(0)
    expect(readFileSync(join(dir, '.env'), 'utf8')).toBe(rewritten)
  })

  it('merges into an existing hush.config.json without dropping its entries or adding environments', async () => {
    const { env, values } = realisticEnv()
    const existing = { secrets: { SENTRY_DSN: { from: 'env://SENTRY_DSN', owner: 'web' }, DB_PASSWORD: { owner: 'data' } } }
    const dir = project({ '.env': env, 'hush.config.json': JSON.stringify(existing) })
    const run = await hush(['init', '--write'], dir)
    expectNoValue(run.stdout + run.stderr, values, { in: 'the output', piece: 6 })
    expect(run.code).toBe(0)
    const config = JSON.parse(readFileSync(join(dir, 'hush.config.json'), 'utf8'))
    expect(config.environments).toBeUndefined()
    expect(run.stdout).toMatch(/Environments: hush\.config\.json has no environments section, so every environment may read every store;/)
    expect(config.secrets.SENTRY_DSN).toEqual(existing.secrets.SENTRY_DSN)
    expect(config.secrets.DB_PASSWORD).toMatchObject({ owner: 'data', from: 'aws-sm://dev/app/DB_PASSWORD' })
    expect(Object.keys(config.secrets).sort()).toEqual(['DB_PASSWORD', 'GITHUB_TOKEN', 'SENTRY_DSN', 'STRIPE_SECRET_KEY', 'TLS_KEY'])
  })

  it('leaves .env byte for byte when the store cannot be written, and says what to do', async () => {
    const { env, values } = realisticEnv()
    const dir = project({ '.env': env })
    chmodSync(join(dir, '.env'), 0o640)
    const run = await hush(['init', '--store', 'aws-sm', '--prefix', 'dev/shop/', '--write'], dir, {
      AWS_ENDPOINT_URL_SECRETS_MANAGER: 'http://127.0.0.1:9',
      AWS_REGION: 'us-east-1',
      AWS_ACCESS_KEY_ID: 'local',
      AWS_SECRET_ACCESS_KEY: 'local',
      AWS_MAX_ATTEMPTS: '1',
    })
    expectNoValue(run.stdout + run.stderr, values, { in: 'the output', piece: 6 })
    expect(run.code).toBe(2)
    expect(run.stderr).toMatch(/could not write to Secrets Manager[\s\S]*\.env was left as it was/)
    expect(readFileSync(join(dir, '.env'), 'utf8')).toBe(env)
    expect(existsSync(join(dir, 'hush.config.json'))).toBe(false)
  })

  it('--store aws-sm writes through the SDK, reads back, and keeps the mode of .env', async () => {
    const { env, values, secrets } = realisticEnv()
    const dir = project({ '.env': env })
    chmodSync(join(dir, '.env'), 0o640)
    const store = await startLocalStore({})
    try {
      const awsEnv = { AWS_ENDPOINT_URL_SECRETS_MANAGER: store.url, AWS_REGION: 'us-east-1', AWS_ACCESS_KEY_ID: 'local', AWS_SECRET_ACCESS_KEY: 'local' }
      const run = await hush(['init', '--store', 'aws-sm', '--prefix', 'dev/shop/', '--write'], dir, awsEnv)
      expectNoValue(run.stdout + run.stderr, values, { in: 'the output', piece: 6 })
      expect(run.code).toBe(0)
      expect(statSync(join(dir, '.env')).mode & 0o777).toBe(0o640)
      expect(parse(readFileSync(join(dir, '.env'), 'utf8')).STRIPE_SECRET_KEY).toBe('aws-sm://dev/shop/STRIPE_SECRET_KEY')
      const sm = await import('@aws-sdk/client-secrets-manager')
      const client = new sm.SecretsManagerClient({ endpoint: store.url, region: 'us-east-1', credentials: { accessKeyId: 'local', secretAccessKey: 'local' } })
      const got = await client.send(new sm.GetSecretValueCommand({ SecretId: 'dev/shop/TLS_KEY' }))
      client.destroy()
      expect(sha(got.SecretString ?? '')).toBe(sha(secrets.TLS_KEY))
    } finally {
      await store.close()
    }
  })

  it('--store env-local: values move to a 0600 .env.local, their lines leave .env, and core resolves them from it', async () => {
    const { env, secrets, values } = realisticEnv()
    const dir = project({ '.env': env, '.env.local': '# mine\nDEBUG=1\n' })
    const run = await hush(['init', '--store', 'env-local', '--write'], dir)
    expectNoValue(run.stdout + run.stderr, values, { in: 'the output', piece: 6 })
    expect(run.code).toBe(0)
    const after = readFileSync(join(dir, '.env'), 'utf8')
    expectNoValue(after, values, { in: '.env', piece: 6 })
    // The four secret lines are gone, newlines included; every other byte stays.
    expect(after).toBe(
      '# database\nDB_HOST=localhost\nPORT=3000\n\n\n# browser\nNEXT_PUBLIC_API_URL=https://api.example.com\nVITE_APP_NAME=shop\nSESSION_SECRET=aws-sm://dev/app/session\n',
    )
    const local = join(dir, '.env.local')
    expect(statSync(local).mode & 0o777).toBe(0o600)
    const text = readFileSync(local, 'utf8')
    expect(text.startsWith('# mine\nDEBUG=1\n')).toBe(true)
    const config = JSON.parse(readFileSync(join(dir, 'hush.config.json'), 'utf8'))
    expect(() => validateConfig(config)).not.toThrow()
    expect(config.environments).toEqual({ development: { allow: ['env'] } })
    expect(config.secrets.TLS_KEY.from).toBe('env://TLS_KEY')
    expect(readFileSync(join(dir, '.gitignore'), 'utf8')).toMatch(/^\.env\.local$/m)
    // What a framework or @hush/dotenv's path list does: .env.local's variables in the environment.
    const h = await createHushForProject({ cwd: dir, env: { ...parse(text), ...parse(after) }, environment: 'development' })
    const loaded = await h.load()
    await h.close()
    const hashes = (o: Record<string, string>) => Object.fromEntries(Object.entries(o).map(([k, v]) => [k, sha(v)]))
    expect(hashes(loaded)).toEqual(hashes(secrets))
    const again = await hush(['init', '--store', 'env-local', '--write'], dir)
    expect(again.stdout).toMatch(/Nothing to move/)
    expect(readFileSync(join(dir, '.env'), 'utf8')).toBe(after)
  })

  it('moves a value only out of the files that hold it: another file keeps its own reference for the name', async () => {
    const { env, values } = realisticEnv()
    const production = '# prod\nDB_PASSWORD=aws-sm://prod/db#password\nPORT=80\n'
    const dir = project({ '.env': env, '.env.production': production, '.env.example': 'DB_PASSWORD=changeme\n' })
    const run = await hush(['init', '--write'], dir)
    expectNoValue(run.stdout + run.stderr, values, { in: 'the output', piece: 6 })
    expect(run.code).toBe(0)
    expect(readFileSync(join(dir, '.env.production'), 'utf8')).toBe(production)
    expect(readFileSync(join(dir, '.env.example'), 'utf8')).toBe('DB_PASSWORD=changeme\n')
    expect(parse(readFileSync(join(dir, '.env'), 'utf8')).DB_PASSWORD).toBe('aws-sm://dev/app/DB_PASSWORD')
    // The reference .env.production holds, as dotenv reads it, is production's source in the config.
    const config = JSON.parse(readFileSync(join(dir, 'hush.config.json'), 'utf8'))
    expect(config.secrets.DB_PASSWORD.from).toEqual({ development: 'aws-sm://dev/app/DB_PASSWORD', production: parse(production).DB_PASSWORD })
    expect(config.secrets.TLS_KEY.from).toEqual({ development: 'aws-sm://dev/app/TLS_KEY' })
    expect(config.environments).toEqual({ development: { allow: ['aws-sm'] }, production: { allow: ['aws-sm'] } })
  })

  it('gives a secret set in .env and .env.production one source per environment, and each environment resolves its own value', async () => {
    const dev = { STRIPE_SECRET_KEY: stripeKey(), DB_PASSWORD: password() }
    const prod = { STRIPE_SECRET_KEY: stripeKey(), GITHUB_TOKEN: githubToken() }
    const values = [...Object.values(dev), ...Object.values(prod)]
    const dir = project({
      '.env': `STRIPE_SECRET_KEY=${dev.STRIPE_SECRET_KEY}\nDB_PASSWORD="${dev.DB_PASSWORD}"\nPORT=3000\n`,
      '.env.production': `STRIPE_SECRET_KEY=${prod.STRIPE_SECRET_KEY}\nGITHUB_TOKEN=${prod.GITHUB_TOKEN}\nPORT=80\n`,
    })
    const plan = JSON.parse((await hush(['init', '--json'], dir)).stdout)
    expect(plan.environments).toEqual(['development', 'production'])
    expect(plan.moves.map((m: any) => [m.environment, m.name, m.reference])).toEqual([
      ['development', 'STRIPE_SECRET_KEY', 'aws-sm://dev/app/STRIPE_SECRET_KEY'],
      ['development', 'DB_PASSWORD', 'aws-sm://dev/app/DB_PASSWORD'],
      ['production', 'STRIPE_SECRET_KEY', 'aws-sm://production/app/STRIPE_SECRET_KEY'],
      ['production', 'GITHUB_TOKEN', 'aws-sm://production/app/GITHUB_TOKEN'],
    ])

    const run = await hush(['init', '--store', 'local', '--write'], dir)
    expectNoValue(run.stdout + run.stderr, values, { in: 'the output', piece: 6 })
    expect(run.code).toBe(0)
    expect(run.stdout).toMatch(/Environments: hush\.config\.json declares development, production;/)
    expect(readFileSync(join(dir, '.env.production'), 'utf8')).toBe(
      'STRIPE_SECRET_KEY=aws-sm://production/app/STRIPE_SECRET_KEY\nGITHUB_TOKEN=aws-sm://production/app/GITHUB_TOKEN\nPORT=80\n',
    )
    const config = JSON.parse(readFileSync(join(dir, 'hush.config.json'), 'utf8'))
    expect(() => validateConfig(config)).not.toThrow()
    expect(config.environments).toEqual({ development: { allow: ['aws-sm'] }, production: { allow: ['aws-sm'] } })
    expect(config.secrets.STRIPE_SECRET_KEY.from).toEqual({
      development: 'aws-sm://dev/app/STRIPE_SECRET_KEY',
      production: 'aws-sm://production/app/STRIPE_SECRET_KEY',
    })
    expect(config.secrets.DB_PASSWORD.from).toEqual({ development: 'aws-sm://dev/app/DB_PASSWORD' })
    expect(config.secrets.GITHUB_TOKEN.from).toEqual({ production: 'aws-sm://production/app/GITHUB_TOKEN' })

    // Each environment reads its own values through the config alone, from the seed served as the store.
    const store = await startLocalStore({ seed: join(dir, '.hush/local-store.seed.json') })
    const saved = { ...process.env }
    Object.assign(process.env, {
      AWS_ENDPOINT_URL_SECRETS_MANAGER: store.url,
      AWS_REGION: 'us-east-1',
      AWS_ACCESS_KEY_ID: 'local',
      AWS_SECRET_ACCESS_KEY: 'local',
    })
    const hashes = (o: Record<string, string>) => Object.fromEntries(Object.entries(o).map(([k, v]) => [k, sha(v)]))
    try {
      for (const [environment, expected] of [
        ['development', dev],
        ['production', prod],
      ] as const) {
        const h = await createHushForProject({ cwd: dir, environment, env: {} })
        const got: Record<string, string> = {}
        for (const name of Object.keys(expected)) got[name] = await h.get(name)
        await h.close()
        expect(hashes(got), environment).toEqual(hashes(expected))
      }
    } finally {
      process.env = saved
      await store.close()
    }

    const again = await hush(['init', '--store', 'local', '--write'], dir)
    expect(again.stdout).toMatch(/Nothing to move/)
    expect(readFileSync(join(dir, 'hush.config.json'), 'utf8')).toBe(`${JSON.stringify(config, null, 2)}\n`)
  })

  it('with only .env, says the config declares development only and how to add production', async () => {
    const value = password()
    const dir = project({ '.env': `DB_PASSWORD=${value}\n` })
    const run = await hush(['init', '--write'], dir)
    expectNoValue(run.stdout + run.stderr, value, { in: 'the output', piece: 6 })
    expect(run.code).toBe(0)
    expect(run.stdout).toMatch(/Environments: hush\.config\.json declares development only;/)
    expect(run.stdout).toMatch(/To add production: put its values in \.env\.production and run hush init again/)
    expect(JSON.parse(readFileSync(join(dir, 'hush.config.json'), 'utf8')).secrets.DB_PASSWORD.from).toBe('aws-sm://dev/app/DB_PASSWORD')
  })

  it('--store env-local: production values go to a 0600 .env.production.local, gitignored', async () => {
    const dev = stripeKey()
    const prod = stripeKey()
    const dir = project({ '.env': `STRIPE_SECRET_KEY=${dev}\nPORT=3000\n`, '.env.production': `STRIPE_SECRET_KEY=${prod}\nPORT=80\n` })
    const run = await hush(['init', '--store', 'env-local', '--write'], dir)
    expectNoValue(run.stdout + run.stderr, [dev, prod], { in: 'the output', piece: 6 })
    expect(run.code).toBe(0)
    expect(readFileSync(join(dir, '.env.production'), 'utf8')).toBe('PORT=80\n')
    const local = join(dir, '.env.production.local')
    expect(statSync(local).mode & 0o777).toBe(0o600)
    expect(sha(parse(readFileSync(local, 'utf8')).STRIPE_SECRET_KEY ?? '')).toBe(sha(prod))
    expect(sha(parse(readFileSync(join(dir, '.env.local'), 'utf8')).STRIPE_SECRET_KEY ?? '')).toBe(sha(dev))
    expect(readFileSync(join(dir, '.gitignore'), 'utf8')).toMatch(/^\.env\.\*\.local$/m)
    const config = JSON.parse(readFileSync(join(dir, 'hush.config.json'), 'utf8'))
    expect(config.secrets.STRIPE_SECRET_KEY.from).toEqual({ development: 'env://STRIPE_SECRET_KEY', production: 'env://STRIPE_SECRET_KEY' })
    expect(config.environments).toEqual({ development: { allow: ['env'] }, production: { allow: ['env'] } })
  })

  it('keeps CRLF line endings: only the moved value changes', async () => {
    const value = password()
    const dir = project({ '.env': `# db\r\nPORT=1\r\nDB_PASSWORD="${value}" # rotated\r\nB=2\r\n` })
    const run = await hush(['init', '--write'], dir)
    expectNoValue(run.stdout + run.stderr, value, { in: 'the output', piece: 6 })
    expect(run.code).toBe(0)
    expect(readFileSync(join(dir, '.env'), 'utf8')).toBe('# db\r\nPORT=1\r\nDB_PASSWORD=aws-sm://dev/app/DB_PASSWORD # rotated\r\nB=2\r\n')
  })
})
