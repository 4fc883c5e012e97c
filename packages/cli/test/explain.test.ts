import type { LocalStore } from '@hush/local-store'
import { expectNoValue } from '@hush/test-kit'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { awsEnv, dayOf, LAST_ROTATED, project, startStore, VALUES } from './governance-project.js'
import { hush } from './helpers.js'

let store: LocalStore
beforeAll(async () => {
  store = await startStore()
})
afterAll(() => store.close())
const values = Object.values(VALUES)

const code = {
  'src/db.ts': 'export const url = process.env.DB_URL\nexport const other = process.env.DB_URL_REPLICA\n',
  'src/config.service.ts': 'class A {\n  url = this.config.get<string>(\'DB_URL\')\n  strict = this.config.getOrThrow("DB_URL")\n}\n',
  'src/secrets.ts': "class B {\n  constructor(@InjectSecret('DB_URL') readonly url: string) {}\n}\n",
  'web/env.mjs': "const a = import.meta.env.DB_URL\nconst b = process.env['DB_URL']\n",
  'notes.md': 'process.env.DB_URL in prose is not code\n',
  'dist/bundle.js': 'process.env.DB_URL\n',
  '.gitignore': 'dist/\n',
}

describe('hush explain', () => {
  it('tells purpose, owner, sources, rotation dates, validity and the code that reads it, never the value', async () => {
    const run = await hush(['explain', 'DB_URL'], project(code), awsEnv(store))
    expectNoValue(run.stdout + run.stderr, values, { in: 'the explanation', piece: 6 })
    expect(run.stderr).toBe('')
    expect(run.code).toBe(0)
    const out = run.stdout
    expect(out).toMatch(/^DB_URL\n {2}purpose +talk to the thing it is named after\n {2}owner +team-platform\n/)
    expect(out).toMatch(/ {4}development +aws-sm:\/\/dev\/app\/db +<- this environment\n {4}production +aws-sm:\/\/prod\/app\/db\n/)
    expect(out).toContain(`  last rotated ${dayOf(LAST_ROTATED.db)} (10 days ago)\n`)
    expect(out).toContain(`  next         ${dayOf(new Date(LAST_ROTATED.db.getTime() + 90 * 86_400_000))} (in 80 days)\n`)
    expect(out).toMatch(/ {2}valid +until \d{4}-\d\d-\d\d; an app holds a read value for 5m \(cache\.ttl\)/)
    const readers = out.slice(out.indexOf('  read by')).split('\n').slice(1).filter(Boolean)
    expect(readers).toEqual([
      "    src/config.service.ts:2  get('DB_URL')",
      "    src/config.service.ts:3  getOrThrow('DB_URL')",
      '    src/db.ts:1  process.env.DB_URL',
      "    src/secrets.ts:2  @InjectSecret('DB_URL')",
      '    web/env.mjs:1  import.meta.env.DB_URL',
      "    web/env.mjs:2  process.env['DB_URL']",
    ])
  })

  it('says when no code reads it, and refuses an undeclared name as a usage error', async () => {
    const dir = project()
    const json = await hush(['explain', 'STRIPE_KEY', '--json'], dir, awsEnv(store))
    expectNoValue(json.stdout + json.stderr, values, { in: 'the explanation', piece: 6 })
    expect(JSON.parse(json.stdout)).toMatchObject({ name: 'STRIPE_KEY', rotation: '90d', lastRotated: LAST_ROTATED.stripe.toISOString(), readers: [] })
    const unknown = await hush(['explain', 'db_url'], dir, awsEnv(store))
    expect(unknown.stderr).toBe('hush: db_url is not declared in hush.config.json (did you mean DB_URL?). Run "hush explain --help" for usage.\n')
    expect(unknown.code).toBe(2)
  })
})
