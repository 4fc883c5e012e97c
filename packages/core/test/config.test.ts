import { mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { Ajv } from 'ajv'
import { describe, expect, it } from 'vitest'
import { findConfigFile, loadConfigSync, validateConfig } from '../src/config/index.js'
import { createHush, type HushError, loadConfig } from '../src/index.js'

const contract = {
  environments: { development: { allow: ['env', 'file'] }, production: { allow: ['aws-sm'] } },
  secrets: {
    DB_PASSWORD: {
      from: { development: 'env://DB_PASSWORD', production: 'aws-sm://prod/db#password' },
      owner: 'team-data',
      purpose: 'Postgres login for the API',
      rotation: '30d',
      expires: '2027-06-30',
      public: false,
      required: true,
    },
  },
}

function project(files: Record<string, string>): string {
  const dir = mkdtempSync(join(tmpdir(), 'hush-config-'))
  writeFileSync(join(dir, 'package.json'), '{"type":"module"}')
  for (const [name, text] of Object.entries(files)) writeFileSync(join(dir, name), text)
  return dir
}

const schema = JSON.parse(readFileSync(new URL('../schema/hush.config.schema.json', import.meta.url), 'utf8'))
const ajv = new Ajv({ allErrors: true, strict: false })
const schemaAccepts = ajv.compile(schema)

describe('config files', () => {
  it.each([
    ['hush.config.json', JSON.stringify(contract, null, 2)],
    [
      'hush.config.yaml',
      'environments:\n  development:\n    allow: [env, file]\n  production:\n    allow: [aws-sm]\nsecrets:\n  DB_PASSWORD:\n    from:\n      development: env://DB_PASSWORD\n      production: aws-sm://prod/db#password\n    owner: team-data\n    purpose: Postgres login for the API\n    rotation: 30d\n    expires: "2027-06-30"\n    public: false\n    required: true\n',
    ],
    ['hush.config.mjs', `export default ${JSON.stringify(contract)}`],
    ['hush.config.ts', `const config: Record<string, unknown> = ${JSON.stringify(contract)}\nexport default config`],
  ])('loads %s into the same manifest', async (name, text) => {
    const dir = project({ [name]: text })
    expect(findConfigFile(dir)).toBe(join(dir, name))
    const loaded = await loadConfig({ cwd: dir })
    expect(loaded?.config).toEqual(contract)
  })

  it('finds the config from a subdirectory, stopping at the project root', async () => {
    const dir = project({ 'hush.config.json': '{"secrets":{}}' })
    mkdirSync(join(dir, 'src', 'deep'), { recursive: true })
    expect(findConfigFile(join(dir, 'src', 'deep'))).toBe(join(dir, 'hush.config.json'))
    const other = project({})
    expect(findConfigFile(other)).toBeUndefined()
    expect(await loadConfig({ cwd: other })).toBeUndefined()
  })

  it('names the key path, the line and the fix in a broken config', async () => {
    const dir = project({ 'hush.config.json': '{\n  "secrets": {\n    "API": {\n      "from": "env://API",\n      "rotation": "thirty days"\n    }\n  }\n}\n' })
    const error = (await loadConfig({ cwd: dir }).catch((e) => e)) as HushError
    expect(error.code).toBe('HUSH_BAD_CONFIG')
    expect(error.message).toContain('secrets.API.rotation')
    expect(error.message).toContain('hush.config.json:5')
    expect(error.message).toContain('fix: write a number and a unit')
  })

  it('reports JSON and YAML syntax errors with the file', async () => {
    const json = (await loadConfig({ cwd: project({ 'hush.config.json': '{ "secrets": { , } }' }) }).catch((e) => e)) as HushError
    expect(json).toMatchObject({ code: 'HUSH_BAD_CONFIG', message: expect.stringContaining('not valid JSON') })
    const yaml = (await loadConfig({ cwd: project({ 'hush.config.yaml': 'secrets:\n  A: [unclosed\n' }) }).catch((e) => e)) as HushError
    expect(yaml).toMatchObject({ code: 'HUSH_BAD_CONFIG', message: expect.stringContaining('not valid YAML') })
  })

  it.each([
    ['hush.config.json', JSON.stringify(contract, null, 2)],
    [
      'hush.config.yaml',
      `environments:\n  development:\n    allow: [env, file]\n  production:\n    allow: [aws-sm]\nsecrets:\n  DB_PASSWORD:\n    from:\n      development: env://DB_PASSWORD\n      production: aws-sm://prod/db#password\n    owner: team-data\n    purpose: Postgres login for the API\n    rotation: 30d\n    expires: "2027-06-30"\n    public: false\n    required: true\n`,
    ],
    ['hush.config.ts', `const config: Record<string, unknown> = ${JSON.stringify(contract)}\nexport default config`],
    ['hush.config.cjs', `module.exports = ${JSON.stringify(contract)}`],
  ])('reads %s synchronously into the manifest loadConfig gives', async (name, text) => {
    const dir = project({ [name]: text })
    const sync = loadConfigSync({ cwd: dir })
    expect(sync?.config).toEqual(contract)
    expect(sync).toEqual(await loadConfig({ cwd: dir }))
    expect(loadConfigSync({ cwd: project({}) })).toBeUndefined()
  })

  it.each([
    ['hush.config.json', '{\n  "secrets": {\n    "API": { "from": env://API }\n  }\n}\n', 'not valid JSON', 3],
    ['hush.config.yaml', 'secrets:\n  API:\n    from: env://API\n\towner: x\n', 'not valid YAML: a tab', 4],
    [
      'hush.config.json',
      '{\n  "secrets": {\n    "API": {\n      "from": "env://API",\n      "rotation": "thirty days"\n    }\n  }\n}\n',
      'secrets.API.rotation',
      5,
    ],
    ['hush.config.ts', 'const a = 1\nexport default { secrets: { API: { from: notDefined } } }\n', 'Running it failed (ReferenceError)', undefined],
    ['hush.config.mjs', "import x from 'not-installed-anywhere'\nexport default x\n", 'It imports not-installed-anywhere', undefined],
  ])('fails on a broken %s with the same error, sync and async (%s)', async (name, text, says, line) => {
    const dir = project({ [name]: text })
    const sync = (() => {
      try {
        loadConfigSync({ cwd: dir })
      } catch (error) {
        return error as HushError
      }
    })()
    const async = (await loadConfig({ cwd: dir }).catch((e) => e)) as HushError
    expect(sync?.code).toBe('HUSH_BAD_CONFIG')
    expect(sync?.message).toContain(says)
    if (line) expect(sync?.where?.line).toBe(line)
    expect(sync?.message).toBe(async.message)
  })

  it('points a bad reference in the config at its file and line', async () => {
    const dir = project({ 'hush.config.json': '{\n  "secrets": {\n    "DB": { "from": "env://bad name" }\n  }\n}\n' })
    const loaded = await loadConfig({ cwd: dir })
    const hush = createHush({ config: loaded!.config, configFile: loaded!.file, configSource: loaded!.source, env: {} })
    const error = (await hush.get('DB').catch((e) => e)) as HushError
    expect(error.code).toBe('HUSH_BAD_REFERENCE')
    expect(error.message).toContain(`${loaded!.file}:3`)
  })
})

describe('the JSON Schema and the validator agree', () => {
  const good = [
    contract,
    {},
    { secrets: { A: {} } },
    { environments: { ci: { allow: ['env', { scheme: 'aws-sm', accounts: ['1'], regions: ['eu-west-1'] }] } } },
    { cache: { ttl: '5m', staleIfError: 900000 } },
    { environments: { prod: { allow: ['aws-ssm:123456789012', { scheme: 'aws-ssm', regions: ['eu-west-1'] }] } } },
    { secrets: { A: { from: 'aws-ssm:///prod/a', rotation: { every: '30d', generate: { length: 48, alphabet: 'hex' } } } } },
    { secrets: { A: { rotation: { generate: {} } } } },
  ]
  const bad: Array<[unknown, string]> = [
    [{ secret: {} }, 'secret'],
    [{ secrets: { A: { from: 'plain-value' } } }, 'secrets.A.from'],
    [{ secrets: { A: { public: 'yes' } } }, 'secrets.A.public'],
    [{ secrets: { A: { rotation: 'monthly' } } }, 'secrets.A.rotation'],
    [{ secrets: { A: { expires: '30/06/2027' } } }, 'secrets.A.expires'],
    [{ secrets: { A: { owner: 5 } } }, 'secrets.A.owner'],
    [{ secrets: { A: { colour: 'red' } } }, 'secrets.A has "colour", which is not a known setting'],
    [{ secrets: { A: { from: 'env://A', Xq7kZp2Lm9Rt4Vw8: 1 } } }, 'secrets.A has a 16-character key, which is not a known setting'],
    [{ environments: { dev: { allow: 'env' } } }, 'environments.dev.allow'],
    [{ environments: { dev: {} } }, 'environments.dev.allow'],
    [{ cache: { ttl: 'soon' } }, 'cache.ttl'],
    [{ secrets: { A: { rotation: { every: 'monthly' } } } }, 'secrets.A.rotation.every'],
    [{ secrets: { A: { rotation: { generate: { length: 8 } } } } }, 'secrets.A.rotation.generate.length'],
    [{ secrets: { A: { rotation: { generate: { alphabet: 'emoji' } } } } }, 'secrets.A.rotation.generate.alphabet'],
    [{ secrets: { A: { rotation: { generate: 'yes' } } } }, 'secrets.A.rotation.generate'],
    [{ secrets: { A: { rotation: { when: 'never' } } } }, 'secrets.A.rotation has "when", which is not a known rotation setting'],
  ]

  it.each(good.map((g) => [JSON.stringify(g), g]))('accepts %s', (_, config) => {
    expect(() => validateConfig(config)).not.toThrow()
    expect(schemaAccepts(config)).toBe(true)
  })

  it.each(bad)('rejects %j at %s', (config, path) => {
    const error = (() => {
      try {
        validateConfig(config)
      } catch (e) {
        return e as HushError
      }
      return undefined
    })()
    expect(error?.code).toBe('HUSH_BAD_CONFIG')
    expect(error?.message).toContain(path)
    expect(error?.message).toContain('fix:')
    expect(schemaAccepts(config)).toBe(false)
  })
})
