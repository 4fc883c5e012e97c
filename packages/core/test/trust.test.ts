import { randomBytes } from 'node:crypto'
import { inspect } from 'node:util'
import { expectNoValue } from '@hush/test-kit'
import { afterEach, describe, expect, it, vi } from 'vitest'
import { lineIndex } from '../src/config/load.js'
import { describeForeignError } from '../src/errors.js'
import { createHush, type Hush, HushError, type HushEvent } from '../src/index.js'
import { MemoryStore, randomSecret } from './helpers.js'

// Trust issues found by probing the resolver as an attacker would. createHush is the entry
// every adapter and the core's users call.

describe('createHush: names that are Object.prototype members', () => {
  it.each(['constructor', '__proto__', 'hasOwnProperty', 'toString', 'valueOf'])('get(%j) is an unknown secret, not a TypeError or env://%s', async (name) => {
    const env = { [name]: randomSecret() }
    const hush: Hush = createHush({ config: { secrets: { DB: { from: 'env://DB' } } }, env })
    const error = await hush.get(name).catch((e: unknown) => e)
    expect(error).toBeInstanceOf(HushError)
    expect((error as HushError).code).toBe('HUSH_UNKNOWN_SECRET')
    expect(hush.spec(name)).toBeUndefined()
    expect(hush.names()).toEqual(['DB'])
    await hush.close()
  })
})

describe('createHush: schemas', () => {
  const throwing = (quote: boolean) => ({
    '~standard': {
      version: 1 as const,
      vendor: 'test',
      validate(value: unknown): never {
        throw new Error(quote ? `cannot parse ${JSON.stringify(value)} as a key` : 'refine failed')
      },
    },
  })

  it('turns a schema that throws into HUSH_INVALID_VALUE, with the value taken out of its message', async () => {
    const value = randomSecret() + '"\\'
    const store = new MemoryStore()
    store.set('db', value)
    const hush = createHush({ config: { secrets: { DB: { from: 'mem://db', schema: throwing(true) } } }, providers: [store.provider()] })
    for (const attempt of [() => hush.get('DB'), () => hush.load()]) {
      const error = (await attempt().catch((e: unknown) => e)) as HushError
      expect(error).toBeInstanceOf(HushError)
      expect(error.code).toBe('HUSH_INVALID_VALUE')
      // The leak check comes first, so a failing assertion after it never prints the value.
      const shown = `${error.message}\n${error.stack}\n${inspect(error)}\n${JSON.stringify(error)}`
      expectNoValue(shown, [value, JSON.stringify(value).slice(1, -1)], { in: 'the error' })
      expect(error.message).toContain('the schema threw: cannot parse "[redacted]" as a key')
    }
    await hush.close()
  })

  it.each([
    ['JSON.parse of the value (V8 quotes its first characters)', (v: string) => JSON.parse(v) as never],
    ['a message quoting a cut copy', (v: string) => `expected a key, got "${v.slice(0, 12)}..."`],
    ['a message quoting an upper-case copy', (v: string) => `not a key: ${v.toUpperCase()}`],
    ['a message quoting its base64', (v: string) => `bad value ${Buffer.from(v).toString('base64')}`],
  ])('takes the value out of a schema message that quotes it in another form: %s', async (_, quote) => {
    const value = `tok${randomSecret()}`
    const store = new MemoryStore()
    store.set('k', value)
    const schema = {
      '~standard': {
        version: 1 as const,
        vendor: 'test',
        validate(v: unknown): never {
          const text = quote(String(v))
          throw new Error(typeof text === 'string' ? text : 'unreachable')
        },
      },
    }
    const hush = createHush({ config: { secrets: { K: { from: 'mem://k', schema } } }, providers: [store.provider()] })
    const error = (await hush.get('K').catch((e: unknown) => e)) as HushError
    expect(error.code).toBe('HUSH_INVALID_VALUE')
    const shown = `${error.message}\n${inspect(error)}`
    expectNoValue(shown, value, { piece: 8, ignoreCase: true, in: 'the error' })
    expectNoValue(shown, Buffer.from(value).toString('base64').slice(4, 20), { in: 'the error (base64)' })
    await hush.close()
  })

  it('withholds a message that may quote a value too short to take out', async () => {
    const store = new MemoryStore()
    store.set('pin', '4711')
    const hush = createHush({ config: { secrets: { PIN: { from: 'mem://pin', schema: throwing(true) } } }, providers: [store.provider()] })
    const error = (await hush.get('PIN').catch((e: unknown) => e)) as HushError
    expect(error.code).toBe('HUSH_INVALID_VALUE')
    expect(error.message.includes('4711')).toBe(false)
    await hush.close()
  })
})

describe('createHush: stores that never answer', () => {
  const hanging = (scheme = 'slow') => ({ scheme, resolve: () => new Promise<never>(() => {}), check: () => new Promise<never>(() => {}) })

  afterEach(() => {
    vi.useRealTimers()
  })

  it('ends a get() in HUSH_STORE_UNAVAILABLE after the call timeout and the retries', async () => {
    vi.useFakeTimers()
    const hush = createHush({ config: { secrets: { DB: { from: 'slow://db' } } }, providers: [hanging()], timeout: 30, retry: { retries: 1, baseDelayMs: 1 } })
    const read = hush.get('DB').catch((e: unknown) => e)
    // Both tries time out after 30 ms each, with a backoff between: run the clock until no
    // timer is left, which is when the get() has given up.
    await vi.runAllTimersAsync()
    const error = (await read) as HushError
    expect(error.code).toBe('HUSH_STORE_UNAVAILABLE')
    expect(error.message).toContain('the slow store did not answer within 30 ms')
    expect(error.fix).toContain('HUSH_STORE_TIMEOUT')
    await hush.close()
  })

  it('ends a load() at the start-up deadline, naming what it still waits for', async () => {
    vi.useFakeTimers()
    const hush = createHush({
      config: { secrets: { DB: { from: 'slow://db' }, API: { from: 'slow://api' } } },
      providers: [hanging()],
      timeout: 60_000,
      startupTimeout: 40,
    })
    const loading = hush.load().catch((e: unknown) => e)
    await vi.advanceTimersByTimeAsync(40)
    const error = (await loading) as HushError
    expect(error.code).toBe('HUSH_STORE_UNAVAILABLE')
    expect(error.message).toContain('loading 2 secrets did not finish within 40 ms')
    expect(error.reason).toBe('Still waiting for: DB, API.')
    expect(error.fix).toContain('HUSH_STARTUP_TIMEOUT')
    await hush.close()
  })

  it('reads both settings from the environment, and refuses one that is not a duration', () => {
    expect(() => createHush({ env: { HUSH_STORE_TIMEOUT: 'soon' } })).toThrow(/\[HUSH_BAD_CONFIG\] HUSH_STORE_TIMEOUT is not a duration/)
    expect(() => createHush({ env: { HUSH_STARTUP_TIMEOUT: '1500' } })).not.toThrow()
  })
})

describe('createHush: .env against hush.config', () => {
  it('refuses a source that contradicts the config, naming both and where each was written', async () => {
    const hush = createHush({
      config: { secrets: { DB_PASSWORD: { from: { development: 'env://DB_PASSWORD' } } } },
      environment: 'development',
      sources: { DB_PASSWORD: { reference: 'env://CI_DB_PASSWORD', where: { file: '.env', line: 4 } } },
      env: { CI_DB_PASSWORD: randomSecret(), DB_PASSWORD: 'env://CI_DB_PASSWORD' },
    })
    const error = (await hush.get('DB_PASSWORD').catch((e: unknown) => e)) as HushError
    expect(error.code).toBe('HUSH_BAD_CONFIG')
    expect(error.summary).toBe('DB_PASSWORD is given two different sources: env://DB_PASSWORD in hush.config and env://CI_DB_PASSWORD in .env:4')
    await hush.close()
  })

  it('lets a source marked override win over the config (a variable the shell set), keeping the manifest entry', async () => {
    const fromShell = randomSecret()
    const hush = createHush({
      config: { secrets: { DB_PASSWORD: { from: { development: 'env://CONFIGURED' }, purpose: 'the db' } } },
      environment: 'development',
      sources: { DB_PASSWORD: { reference: 'env://FROM_SHELL', override: true } },
      env: { CONFIGURED: randomSecret(), FROM_SHELL: fromShell },
    })
    expect((await hush.get('DB_PASSWORD')) === fromShell).toBe(true)
    expect(hush.referenceOf('DB_PASSWORD')).toBe('env://FROM_SHELL')
    expect(hush.spec('DB_PASSWORD')?.purpose).toBe('the db')
    await hush.close()
  })

  it('describes a value, not prints it, when one is asked for in place of a name', async () => {
    const value = randomSecret()
    const hush = createHush({ sources: { API_KEY: 'env://K' }, env: { K: value } })
    await hush.load()
    const errors = await Promise.all(
      [value, 'sk_live_9f8e7d6c5b4a39281706', 'aws-sm://prod/api#key', 'postgres://app:hunter2hunter2@db/app'].map((n) =>
        hush.get(n).then(
          () => undefined as never,
          (e: unknown) => e as HushError,
        ),
      ),
    )
    for (const error of errors) expect(error.code).toBe('HUSH_UNKNOWN_SECRET')
    const shown = errors.map((e) => [e.message, inspect(e), JSON.stringify(e)].join('\n')).join('\n')
    expectNoValue(shown, [value, 'sk_live_9f8e7d6c5b4a39281706', 'hunter2hunter2'], { in: 'the errors' })
    expect(errors[0]!.message).toContain('it is the value of a secret')
    expect(errors[2]!.message).toContain("a reference (aws-sm://...) was given where a secret's name belongs")
    expect(((await hush.get('NOPE').catch((e: unknown) => e)) as HushError).message).toContain('NOPE is not a known secret')
    await hush.close()
  })

  it('refuses to hand the app a reference read through env://', async () => {
    const hush = createHush({ config: { secrets: { DB_PASSWORD: { from: 'env://DB_PASSWORD' } } }, env: { DB_PASSWORD: 'aws-sm://prod/db#password' } })
    const error = (await hush.get('DB_PASSWORD').catch((e: unknown) => e)) as HushError
    expect(error.code).toBe('HUSH_BAD_REFERENCE')
    expect(error.message).toContain('holds a reference (aws-sm:...), not a value')
    await hush.close()
  })

  it('describes a malformed reference by scheme and length, so a value pasted into it is not printed', async () => {
    const pasted = randomSecret()
    const hush = createHush({
      sources: {
        A: { reference: `env://DB extra ${pasted}`, where: { file: '.env', line: 2 } },
        B: { reference: `env://DB?${pasted}`, where: { file: '.env', line: 3 } },
        C: `env://DB%ZZ${pasted}`,
      },
      env: {},
    })
    for (const name of ['A', 'B', 'C']) {
      const error = (await hush.get(name).catch((e: unknown) => e)) as HushError
      expect(error.code).toBe('HUSH_BAD_REFERENCE')
      expectNoValue([error.message, inspect(error), JSON.stringify(error)].join('\n'), pasted, { in: 'the error' })
      expect(error.message).toMatch(/an env:\/\/ reference of \d+ characters is not a valid/)
    }
    await hush.close()
  })

  it('suggests the scheme meant for a typo in the config', async () => {
    const hush = createHush({ config: { secrets: { DB: { from: 'evn://DB' } } }, env: {} })
    const error = (await hush.get('DB').catch((e: unknown) => e)) as HushError
    expect(error.code).toBe('HUSH_NO_PROVIDER')
    expect(error.reason).toBe('Did you mean env://? evn:// looks like a typo of it.')
    await hush.close()
  })

  it('never prints a value pasted where a reference belongs (a connection string with a password)', async () => {
    const password = randomSecret()
    const events: unknown[] = []
    const hush = createHush({
      config: { secrets: { DB: { from: { development: `postgres://app:${password}@db:5432/app` } }, API: { from: `evn://${password}` } } },
      environment: 'development',
      env: {},
    })
    hush.on('*', (e) => events.push(e))
    for (const name of ['DB', 'API'] as const) {
      const error = (await hush.get(name).catch((e: unknown) => e)) as HushError
      expect(error.code).toBe('HUSH_NO_PROVIDER')
      const shown = [error.message, inspect(error), JSON.stringify(error), error.stack, hush.referenceOf(name)].join('\n')
      expectNoValue(shown, password, { in: 'the error' })
    }
    expect(hush.referenceOf('DB')).toBe('postgres://...')
    expectNoValue(JSON.stringify(events), password, { in: 'an event' })
    await hush.close()
  })
})

describe('createHush: what a user can print', () => {
  it('shows names and counts, never a value, through inspect, JSON and keys', async () => {
    const value = randomSecret()
    const hush = createHush({ sources: { TOKEN: 'env://RAW' }, env: { RAW: value } })
    await hush.load()
    const shown = [
      inspect(hush, { showHidden: true, depth: Infinity, getters: true }),
      JSON.stringify(hush),
      Object.keys(hush).join(','),
      inspect({ ...hush }, { depth: Infinity }),
    ].join('\n')
    expectNoValue(shown, value)
    expect(inspect(hush)).toBe('Hush {"environment":"development","secrets":1,"loaded":1,"closed":false}')
    await hush.close()
  })

  it('warns once, by name, about a value too short to mask', async () => {
    const events: HushEvent[] = []
    const hush = createHush({ sources: { PIN: 'env://RAW' }, env: { RAW: '4711' } })
    hush.on('unmaskable', (e) => events.push(e))
    await hush.get('PIN')
    await hush.refresh('PIN')
    expect(events.map((e) => [e.type, (e as { name?: string }).name, (e as { reason?: string }).reason])).toEqual([['unmaskable', 'PIN', 'too-short']])
    await hush.close()
  })
})

describe('createHush: listeners', () => {
  it('a listener that throws or rejects never fails the read nor rejects unhandled', async () => {
    const unhandled: unknown[] = []
    const onUnhandled = (reason: unknown) => unhandled.push(reason)
    process.on('unhandledRejection', onUnhandled)
    try {
      const hush = createHush({ sources: { TOKEN: 'env://RAW' }, env: { RAW: randomSecret() } })
      hush.on('*', () => {
        throw new Error('a broken sink')
      })
      // An async sink that rejects.
      hush.on('resolve', () => Promise.reject(new Error('a broken async sink')))
      expect(typeof (await hush.get('TOKEN'))).toBe('string')
      await new Promise((r) => setTimeout(r, 20))
      expect(unhandled).toEqual([])
      await hush.close()
    } finally {
      process.off('unhandledRejection', onUnhandled)
    }
  })
})

describe('HushError', () => {
  it('prints once, with why and fix on their own lines, and sentences that do not run together', () => {
    const error = new HushError('HUSH_NOT_FOUND', {
      message: 'DB is not set',
      reason: 'It was never exported',
      fix: 'set DB.',
      where: { file: '.env', line: 2 },
    })
    expect(error.message).toBe('[HUSH_NOT_FOUND] DB is not set (.env:2). It was never exported. fix: set DB.')
    const shown = inspect(error)
    expect(shown.split('\n').slice(0, 3)).toEqual(['HushError [HUSH_NOT_FOUND]: DB is not set (.env:2).', '  why: It was never exported.', '  fix: set DB.'])
    expect(shown).not.toContain('undefined')
    expect(shown.match(/DB is not set/g)).toHaveLength(1)
  })

  it('names the secret even when its name is part of a longer word in the message', () => {
    const error = new HushError('HUSH_NOT_FOUND', { message: 'env://DB_URL: the environment variable DB_URL is not set' }).forSecret('DB')
    expect(error.summary).toBe('DB: env://DB_URL: the environment variable DB_URL is not set')
    expect(new HushError('HUSH_NOT_FOUND', { message: 'DB is missing' }).forSecret('DB').summary).toBe('DB is missing')
  })

  it('points its "at" line at a frame with a file, never at a line of a message that spans lines', () => {
    const error = new HushError('HUSH_STORE_UNAVAILABLE', { message: '2 secrets failed:\n  - at DB: the store is down\n  - API: the store is down' })
    error.stack = `HushError: ${error.message}\n    at async Promise.all (index 1)\n    at start (/srv/app/dist/main.js:12:7)`
    const at = inspect(error)
      .split('\n')
      .filter((l) => l.startsWith('  at '))
    expect(at).toEqual(['  at start (/srv/app/dist/main.js:12:7)'])
    error.stack = `HushError: ${error.message}\n    at async Promise.all (index 1)`
    expect(inspect(error)).not.toMatch(/^ {2}at /m)
  })

  it('survives a trip through toJSON and revive without repeating itself', () => {
    const error = new HushError('HUSH_ACCESS_DENIED', { message: 'no', fix: 'grant it', secret: 'DB' })
    const back = HushError.revive(JSON.parse(JSON.stringify(error)))
    expect(back.message).toBe(error.message)
    expect(inspect(back).match(/\[HUSH_ACCESS_DENIED\]/g)).toHaveLength(1)
  })
})

describe('lineIndex', () => {
  it('finds the line of each of thousands of references in one pass', () => {
    const n = 5000
    const text = `{\n  "secrets": {\n${Array.from({ length: n }, (_, i) => `    "S${i}": { "from": "env://VAR_${i}#k" }`).join(',\n')}\n  }\n}\n`
    const lineOf = lineIndex(text)
    for (const i of [0, 1, 2500, n - 1]) expect(lineOf(`env://VAR_${i}#k`)).toBe(i + 3)
    expect(lineOf('"secrets"')).toBe(2)
    expect(lineOf('not there')).toBeUndefined()
  })
})

describe('a foreign error is described by its shape, never its text', () => {
  it('shows class-like names and system codes, and nothing an author could put a value in', () => {
    const value = `sk_live_${randomBytes(16).toString('hex')}`
    expect(describeForeignError(new TypeError(value))).toBe('TypeError')
    expect(describeForeignError(Object.assign(new Error(value), { name: 'S3ServiceException', code: 'ENOENT' }))).toBe('S3ServiceException ENOENT')
    expect(describeForeignError({ name: `Oops ${value}`, code: value })).toBe('Error')
    expect(describeForeignError({ name: value.toUpperCase().replace(/_/g, ''), code: 'ERR_X' })).toBe('Error ERR_X')
    expect(describeForeignError(value)).toBe('string')
  })
})
