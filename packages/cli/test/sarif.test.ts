import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import { expectNoValue } from '@hush/test-kit'
import AjvModule from 'ajv-draft-04'
import { describe, expect, it } from 'vitest'
import { gitRepo, githubToken, hush, password } from './helpers.js'

// The SARIF 2.1.0 schema (the OASIS release, rtm.5) as @microsoft/jest-sarif 1.0.0-beta.0 ships it; it is draft-04.
const schema = JSON.parse(readFileSync(join(import.meta.dirname, 'fixtures', 'sarif-2.1.0-rtm.5.json'), 'utf8')) as object
// One of its patterns is not valid with the `u` flag ajv uses by default; URIs are checked as GitHub reads them.
// A CommonJS module: its class is the default export's `default` under NodeNext.
const Ajv = AjvModule.default
const validate = new Ajv({
  allErrors: true,
  strict: false,
  unicodeRegExp: false,
  formats: { uri: (s: string) => URL.canParse(s), 'uri-reference': (s: string) => URL.canParse(s, 'file:///repo/') },
}).compile(schema)

describe('hush scan --format sarif', () => {
  it('writes a SARIF 2.1.0 log that the schema accepts, with rules, results, relative URIs and fingerprints', async () => {
    const values = [githubToken(), password()]
    const dir = gitRepo({ 'deploy/ci config.yml': `env:\n  GH: ${values[0]}\n`, '.env': `DB_PASSWORD=${values[1]}\n` })
    const run = await hush(['scan', '--format', 'sarif'], dir)
    expectNoValue(run.stdout + run.stderr, values, { in: 'the SARIF output', piece: 5 })
    expect(run.code).toBe(1)
    const log = JSON.parse(run.stdout)
    const valid = validate(log)
    expect(validate.errors ?? []).toEqual([])
    expect(valid).toBe(true)
    expect(log.version).toBe('2.1.0')
    expect(log.$schema).toMatch(/sarif-2\.1\.0/)
    expect(log.runs).toHaveLength(1)
    const { driver } = log.runs[0].tool
    expect(driver.name).toBe('hush')
    expect(driver.informationUri).toMatch(/^https:\/\//)
    expect(driver.rules.map((r: { id: string }) => r.id)).toEqual(['hush/hardcoded-secret', 'hush/env-plain-secret', 'hush/known-value'])
    for (const rule of driver.rules) expect(rule.shortDescription.text && rule.help.text).toBeTruthy()
    const results = log.runs[0].results
    expect(results.map((r: any) => [r.ruleId, r.level, r.locations[0].physicalLocation.artifactLocation.uri, r.locations[0].physicalLocation.region])).toEqual([
      ['hush/env-plain-secret', 'error', '.env', { startLine: 1, startColumn: 13 }],
      ['hush/hardcoded-secret', 'error', 'deploy/ci%20config.yml', { startLine: 2, startColumn: 7 }],
    ])
    for (const r of results) {
      expect(driver.rules[r.ruleIndex].id).toBe(r.ruleId)
      expect(Object.values(r.partialFingerprints)[0]).toMatch(/^[0-9a-f]{32}$/)
      expect(r.message.text).toMatch(/\.$/)
    }
  })

  it('writes a valid log with no results on a clean tree, and exits 0', async () => {
    const run = await hush(['scan', '--format', 'sarif'], gitRepo({ 'a.txt': 'nothing to see\n' }))
    expect(run.code).toBe(0)
    const log = JSON.parse(run.stdout)
    expect(validate(log)).toBe(true)
    expect(log.runs[0].results).toEqual([])
  })

  it('the schema check can fail: a log without a version is refused', () => {
    expect(validate({ runs: [] })).toBe(false)
  })
})
