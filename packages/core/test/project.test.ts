import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { createHush, createHushForProject, type HushEvent, loadConfig } from '../src/index.js'
import { MemoryStore, randomSecret } from './helpers.js'

function project(files: Record<string, string>): string {
  const dir = mkdtempSync(join(tmpdir(), 'hush-project-'))
  writeFileSync(join(dir, 'package.json'), '{"name":"app","private":true}')
  for (const [name, text] of Object.entries(files)) {
    mkdirSync(join(dir, name, '..'), { recursive: true })
    writeFileSync(join(dir, name), text)
  }
  return dir
}

describe('createHushForProject', () => {
  it('finds hush.config in the project, merges .env sources, and resolves both', async () => {
    const [a, b] = [randomSecret(), randomSecret()]
    const dir = project({ 'hush.config.json': JSON.stringify({ secrets: { FROM_CONFIG: { from: 'env://VAULT_A' } } }) })
    const hush = await createHushForProject({
      cwd: join(dir),
      sources: { FROM_ENV_FILE: { reference: 'env://VAULT_B', where: { file: '.env', line: 1 } } },
      env: { VAULT_A: a, VAULT_B: b },
    })
    expect(hush.names().sort()).toEqual(['FROM_CONFIG', 'FROM_ENV_FILE'])
    expect(await hush.load()).toEqual({ FROM_CONFIG: a, FROM_ENV_FILE: b })
    await hush.close()
  })

  it('points errors at the config file and line, as the loader found them', async () => {
    const dir = project({ 'hush.config.json': `{\n  "secrets": {\n    "DB": { "from": "env://MISSING_DB" }\n  }\n}\n` })
    const hush = await createHushForProject({ cwd: dir, env: {} })
    const error = await hush.get('DB').catch((e: { where?: unknown }) => e)
    expect(error).toMatchObject({ code: 'HUSH_NOT_FOUND', where: { file: join(dir, 'hush.config.json'), line: 3, path: 'secrets.DB.from' } })
    await hush.close()
  })

  it('lets a given provider win over a discovered one, and reads the environment from env', async () => {
    const store = new MemoryStore()
    store.set('db', 'from-memory-store')
    const dir = project({ 'hush.config.json': JSON.stringify({ environments: { ci: { allow: ['mem'] } }, secrets: { DB: { from: { ci: 'mem://db' } } } }) })
    const hush = await createHushForProject({ cwd: dir, env: { HUSH_ENV: 'ci' }, providers: [store.provider()] })
    expect(hush.environment).toBe('ci')
    expect(await hush.get('DB')).toBe('from-memory-store')
    await hush.close()
  })
})

describe('createHush given what loadConfig returns', () => {
  const text = `{\n  "secrets": {\n    "DB": { "from": "env://MISSING_DB" }\n  }\n}\n`

  it('takes the config, its file and its text from the one value', async () => {
    const dir = project({ 'hush.config.json': text })
    const hush = createHush({ config: await loadConfig({ cwd: dir }), env: {} })
    expect(hush.names()).toEqual(['DB'])
    const error = await hush.get('DB').catch((e: { where?: unknown }) => e)
    expect(error).toMatchObject({ code: 'HUSH_NOT_FOUND', where: { file: join(dir, 'hush.config.json'), line: 3, path: 'secrets.DB.from' } })
    await hush.close()
  })

  it('lets configFile and configSource given beside it win', async () => {
    const dir = project({ 'hush.config.json': text })
    const loaded = await loadConfig({ cwd: dir })
    const hush = createHush({ config: loaded, configFile: 'elsewhere.json', configSource: `\n${text}`, env: {} })
    const error = await hush.get('DB').catch((e: { where?: unknown }) => e)
    expect(error).toMatchObject({ code: 'HUSH_NOT_FOUND', where: { file: 'elsewhere.json', line: 4 } })
    await hush.close()
  })

  it('still takes a config that is not wrapped, and no config at all', async () => {
    const plain = createHush({ config: { secrets: { DB: { from: 'env://DB' } } }, env: { DB: randomSecret() } })
    expect(plain.names()).toEqual(['DB'])
    const none = createHush({ config: await loadConfig({ cwd: project({}) }), env: {} })
    expect(none.names()).toEqual([])
    await Promise.all([plain.close(), none.close()])
  })
})

describe('resolve events', () => {
  it('report the real size of the batch the store was asked for', async () => {
    const store = new MemoryStore()
    const names = Array.from({ length: 25 }, (_, i) => `S${i}`)
    for (const n of names) store.set(n.toLowerCase(), `value-${n}-xyz`)
    const hush = createHush({
      config: { secrets: Object.fromEntries(names.map((n) => [n, { from: `mem://${n.toLowerCase()}` }])) },
      providers: [store.provider()],
    })
    const events: HushEvent[] = []
    hush.on('resolve', (e) => events.push(e))
    await hush.load()
    await hush.get('S0')
    expect(store.resolveCalls).toHaveLength(1)
    expect(events).toHaveLength(25)
    expect(new Set(events.map((e) => (e as { batchSize: number }).batchSize))).toEqual(new Set([25]))
    await hush.close()
  })
})
