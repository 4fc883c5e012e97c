import { readFileSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import type { LocalStore } from '@hush/local-store'
import { expectNoValue } from '@hush/test-kit'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { awsEnv, config, dayOf, LAST_ROTATED, project, startStore, VALUES } from './governance-project.js'
import { hush } from './helpers.js'

let store: LocalStore
beforeAll(async () => {
  store = await startStore()
})
afterAll(() => store.close())
const values = Object.values(VALUES)
const names = Object.keys(config().secrets).sort()

describe('hush inventory', () => {
  it('lists every secret with owner, purpose, sources per environment, rotation, dates, expiry and public', async () => {
    const run = await hush(['inventory', '--format', 'json'], project(), awsEnv(store))
    expectNoValue(run.stdout + run.stderr, values, { in: 'the inventory', piece: 6 })
    expect(run.code).toBe(0)
    const out = JSON.parse(run.stdout)
    expect(out.environments).toEqual(['development', 'production'])
    expect(out.secrets.map((s: any) => s.name)).toEqual(names)
    const stripe = out.secrets.find((s: any) => s.name === 'STRIPE_KEY')
    expect(stripe).toMatchObject({
      owner: 'team-platform',
      rotation: '90d',
      public: false,
      sources: { development: 'aws-sm://dev/app/stripe', production: 'aws-sm://dev/app/stripe' },
    })
    expect(stripe.lastRotated).toBe(LAST_ROTATED.stripe.toISOString())
    expect(stripe.nextRotation).toBe(new Date(LAST_ROTATED.stripe.getTime() + 90 * 86_400_000).toISOString())
    const db = out.secrets.find((s: any) => s.name === 'DB_URL')
    expect(db.sources).toEqual({ development: 'aws-sm://dev/app/db', production: 'aws-sm://prod/app/db' })
    expect(out.secrets.find((s: any) => s.name === 'NEXT_PUBLIC_CHECKOUT_ID').public).toBe(true)
    expect(out.secrets.find((s: any) => s.name === 'NO_OWNER').owner).toBeUndefined()

    const table = await hush(['inventory'], project(), awsEnv(store))
    expectNoValue(table.stdout + table.stderr, values, { in: 'the inventory', piece: 6 })
    expect(table.stdout.split('\n')[0]).toMatch(
      /^Name +Owner +Purpose +Source \(development\) +Source \(production\) +Rotation +Last rotated +Next rotation +Expires +Public$/,
    )
    expect(table.stdout).toMatch(new RegExp(`\\nSTRIPE_KEY +team-platform .* every 90d +${dayOf(LAST_ROTATED.stripe)} `))
  })

  it('--check passes on the markdown it wrote, and names what changed once the config moves on', async () => {
    const dir = project()
    const md = await hush(['inventory', '--format', 'markdown'], dir, awsEnv(store))
    expectNoValue(md.stdout + md.stderr, values, { in: 'the inventory', piece: 6 })
    expect(md.stdout).toMatch(/^# Secrets\n/)
    expect(md.stdout).toContain(
      `| DB_URL | team-platform | talk to the thing it is named after | aws-sm://dev/app/db | aws-sm://prod/app/db | every 90d | ${dayOf(LAST_ROTATED.db)} |`,
    )
    writeFileSync(join(dir, 'SECRETS.md'), md.stdout)
    const same = await hush(['inventory', '--check'], dir, awsEnv(store))
    expect(same.stderr).toBe(`hush: SECRETS.md is up to date (${names.length} secrets)\n`)
    expect(same.code).toBe(0)

    const changed = config() as { secrets: Record<string, Record<string, unknown>> }
    changed.secrets.DB_URL!.owner = 'team-data'
    changed.secrets.NEW_ONE = { from: 'aws-sm://dev/app/db', owner: 'x', purpose: 'y' }
    delete changed.secrets.OLD_TOKEN
    writeFileSync(join(dir, 'hush.config.json'), JSON.stringify(changed))
    const stale = await hush(['inventory', '--check'], dir, awsEnv(store))
    expectNoValue(stale.stdout + stale.stderr, values, { in: 'the inventory', piece: 6 })
    expect(stale.stderr).toBe(
      [
        'hush: SECRETS.md is out of date:',
        '  NEW_ONE: not listed',
        '  OLD_TOKEN: listed but no longer declared',
        '  DB_URL: Owner changed',
        'write it again with hush inventory --format markdown > SECRETS.md',
        '',
      ].join('\n'),
    )
    expect(stale.code).toBe(1)
  })

  it('--check ignores the rotation dates, which move with every rotation, and says when the file is missing', async () => {
    const dir = project()
    const md = (await hush(['inventory', '--format', 'markdown'], dir, awsEnv(store))).stdout
    writeFileSync(join(dir, 'docs.md'), md.replace(dayOf(LAST_ROTATED.db), '2001-01-01'))
    expect(readFileSync(join(dir, 'docs.md'), 'utf8')).not.toBe(md)
    const run = await hush(['inventory', '--check', 'docs.md'], dir, awsEnv(store))
    expect(run.code).toBe(0)
    const missing = await hush(['inventory', '--check'], dir, awsEnv(store))
    expect(missing.stderr).toBe('hush: SECRETS.md does not exist: write it with hush inventory --format markdown > SECRETS.md\n')
    expect(missing.code).toBe(1)
  })
})
