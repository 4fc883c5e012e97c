import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import type { LocalStore } from '@hush/local-store'
import { expectNoValue } from '@hush/test-kit'
import AjvModule from 'ajv-draft-04'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { awsEnv, config, LAST_ROTATED, project, startStore, VALUES } from './governance-project.js'
import { hush } from './helpers.js'

let store: LocalStore
beforeAll(async () => {
  store = await startStore()
})
afterAll(() => store.close())
const values = Object.values(VALUES)

const Ajv = AjvModule.default
const schema = JSON.parse(readFileSync(join(import.meta.dirname, 'fixtures', 'sarif-2.1.0-rtm.5.json'), 'utf8')) as object
const validate = new Ajv({
  allErrors: true,
  strict: false,
  unicodeRegExp: false,
  formats: { uri: (s: string) => URL.canParse(s), 'uri-reference': (s: string) => URL.canParse(s, 'file:///repo/') },
}).compile(schema)

const PLANTED = [
  ['error', 'rotation-overdue', 'STRIPE_KEY'],
  ['error', 'expired', 'OLD_TOKEN'],
  ['error', 'public-secret-value', 'NEXT_PUBLIC_CHECKOUT_ID'],
  ['error', 'public-secret-name', 'SESSION_SECRET'],
  ['error', 'unresolved', 'MISSING_KEY'],
  ['error', 'other-environment', 'PROD_READ'],
  ['error', 'turbo-secret-hashed', 'DB_URL'],
  ['error', 'turbo-public-not-hashed', 'NEXT_PUBLIC_CHECKOUT_ID'],
  ['error', 'turbo-strict-drops', 'CERT_KEY'],
  ['warning', 'expires-soon', 'CERT_KEY'],
  ['warning', 'no-owner', 'NO_OWNER'],
  ['warning', 'no-purpose', 'NO_PURPOSE'],
  ['info', 'rotation-unknown', 'LOCAL_FLAG'],
  ['info', 'optional-missing', 'OPTIONAL_HOOK'],
].sort()

describe('hush doctor', () => {
  it('finds each planted problem and nothing else, with a next step for each, in one batch of describes', async () => {
    const dir = project()
    store.resetStats()
    const run = await hush(['doctor', '--json'], dir, awsEnv(store))
    expectNoValue(run.stdout + run.stderr, values, { in: 'the doctor output', piece: 6 })
    expect(run.stderr).toBe('')
    const report = JSON.parse(run.stdout)
    expect(report.problems.map((p: any) => [p.severity, p.check, p.name]).sort()).toEqual(PLANTED)
    expect(report).toMatchObject({ environment: 'development', secrets: 13, counts: { error: 9, warning: 3, info: 2 } })
    for (const p of report.problems) expect(p.next.length).toBeGreaterThan(10)
    const overdue = report.problems.find((p: any) => p.check === 'rotation-overdue')
    expect(overdue.message).toContain(LAST_ROTATED.stripe.toISOString().slice(0, 10))
    expect(overdue).toMatchObject({ file: 'hush.config.json', line: expect.any(Number) })
    expect(report.problems.find((p: any) => p.check === 'turbo-strict-drops')).toMatchObject({ file: 'turbo.json', line: 4 })
    // Values come in batches of 20 and descriptions from one listing; only the two names the
    // listing did not show (MISSING_KEY, OPTIONAL_HOOK) are asked for one by one.
    expect(store.stats().requests).toEqual({ BatchGetSecretValue: 1, ListSecrets: 1, DescribeSecret: 2 })
    expect(run.code).toBe(1)
  })

  it('prints the problems grouped by severity, errors first, as `hush check` too', async () => {
    const run = await hush(['check'], project(), awsEnv(store))
    expectNoValue(run.stdout + run.stderr, values, { in: 'the doctor output', piece: 6 })
    expect(run.stdout).toMatch(/^hush doctor: 13 secrets in development: 9 errors, 3 warnings, 2 info\n\nErrors\n/)
    const [errors, warnings, info] = [run.stdout.indexOf('\nErrors\n'), run.stdout.indexOf('\nWarnings\n'), run.stdout.indexOf('\nInfo\n')]
    expect(errors).toBeLessThan(warnings)
    expect(warnings).toBeLessThan(info)
    expect(run.stdout.slice(errors, warnings)).toContain('STRIPE_KEY was last rotated')
    expect(run.stdout.slice(warnings, info)).toContain('NO_OWNER names no owner')
    expect(run.stdout).toContain('    next: rotate it (hush rotate STRIPE_KEY')
    expect(run.code).toBe(1)
  })

  it('exits 0 with no problems on a sound config, and warns of expiry only within --warn', async () => {
    const { secrets } = config()
    const sound = { secrets: { DB_URL: secrets.DB_URL, CERT_KEY: secrets.CERT_KEY } }
    const dir = project({ 'turbo.json': '{ "tasks": { "lint": {} } }' }, sound)
    const quiet = await hush(['doctor', '--warn', '5d'], dir, awsEnv(store))
    expectNoValue(quiet.stdout + quiet.stderr, values, { in: 'the doctor output', piece: 6 })
    expect(quiet.stdout).toBe('hush doctor: 2 secrets in development: no problems\n')
    expect(quiet.code).toBe(0)
    const warned = await hush(['doctor', '--warn', '2w', '--json'], dir, awsEnv(store))
    expect(JSON.parse(warned.stdout).problems.map((p: any) => [p.check, p.name])).toEqual([['expires-soon', 'CERT_KEY']])
    expect(warned.code).toBe(0)
  })

  it('writes SARIF 2.1.0 that the schema accepts, one rule per check', async () => {
    const run = await hush(['doctor', '--format', 'sarif'], project(), awsEnv(store))
    expectNoValue(run.stdout + run.stderr, values, { in: 'the SARIF output', piece: 6 })
    const log = JSON.parse(run.stdout)
    const valid = validate(log)
    expect(validate.errors ?? []).toEqual([])
    expect(valid).toBe(true)
    const results = log.runs[0].results
    expect(results).toHaveLength(PLANTED.length)
    expect(results.map((r: any) => r.level).sort()).toEqual(PLANTED.map(([s]) => ({ error: 'error', warning: 'warning', info: 'note' })[s!]).sort())
    expect(run.code).toBe(1)
  })

  it('reports a config that does not load, and a bad --warn as a usage error', async () => {
    const broken = await hush(['doctor'], project({ 'hush.config.json': '{ "secrets": { "A": { "rotation": "often" } } }' }), awsEnv(store))
    expect(broken.stdout).toMatch(/Errors\n {2}✖ the config does not load: /)
    expect(broken.code).toBe(1)
    const usage = await hush(['doctor', '--warn', 'soon'], project(), awsEnv(store))
    expect(usage.stderr).toMatch(/--warn must be a duration/)
    expect(usage.code).toBe(2)
  })
})
