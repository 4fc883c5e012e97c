import { randomBytes } from 'node:crypto'
import { expectNoValue } from '@hush/test-kit'
import { describe, expect, it } from 'vitest'
import { createHush, type HushConfig, jsonLinesSink } from '../src/index.js'

// "Every event hush emits. None carries a value." hush.get(value) is refused with a
// description of the text ("a 35-character text ... it is the value of a secret"), but before
// that, get() emits an 'access' event whose name is the text as given: the audit trail the
// README sets up (hush.on('*', jsonLinesSink(...))) records the value.
describe('a value asked for by name', () => {
  it('leaves no value in the events, the audit trail included', async () => {
    const value = `sk_live_${randomBytes(16).toString('hex')}`
    // Typed as a plain HushConfig: names are strings, so get(value) compiles, as in JS.
    const config: HushConfig = { secrets: { API_KEY: { from: 'env://STRIPE' } } }
    const hush = createHush({ config, env: { STRIPE: value } })
    let trail = ''
    hush.on('*', jsonLinesSink({ write: (line: string) => (trail += line) }))
    const key = await hush.get('API_KEY')

    // The mistake: the value passed where the name belongs.
    const error: unknown = await hush.get(key).catch((e: unknown) => e)
    await hush.close()
    expectNoValue(trail, value, { in: 'the audit trail' })
    expectNoValue(String(error), value, { in: 'the error' })
    expect(trail).toContain('"type":"access"')
    expect(error).toMatchObject({ code: 'HUSH_UNKNOWN_SECRET' })
  })
})
