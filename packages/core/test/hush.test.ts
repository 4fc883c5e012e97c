import { mkdtempSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterEach, describe, expect, it, vi } from 'vitest'
import { z } from 'zod'
import { createHush, type HushError, type HushEvent } from '../src/index.js'
import { MemoryStore } from './helpers.js'

const secrets = (names: string[]) => Object.fromEntries(names.map((n) => [n, { from: `mem://${n.toLowerCase()}` }]))

afterEach(() => {
  vi.useRealTimers()
})

describe('createHush: resolving', () => {
  it('resolves a reference once and serves it from memory after', async () => {
    const store = new MemoryStore()
    store.set('db', 'pw-one-AAAA')
    const hush = createHush({ config: { secrets: secrets(['DB']) }, providers: [store.provider()] })
    expect(await hush.get('DB')).toBe('pw-one-AAAA')
    expect(await hush.get('DB')).toBe('pw-one-AAAA')
    expect(hush.peek('DB')).toBe('pw-one-AAAA')
    expect(store.resolveCalls).toEqual([['db']])
    await hush.close()
  })

  it('shares one fetch between concurrent gets of one name', async () => {
    vi.useFakeTimers()
    const store = new MemoryStore()
    store.set('db', 'pw-one-AAAA')
    store.delayMs = 20
    const hush = createHush({ config: { secrets: secrets(['DB']) }, providers: [store.provider()] })
    const reads = Promise.all(Array.from({ length: 10 }, () => hush.get('DB')))
    await vi.advanceTimersByTimeAsync(20) // the store answers while all ten wait
    const values = await reads
    expect(new Set(values)).toEqual(new Set(['pw-one-AAAA']))
    expect(store.resolveCalls).toHaveLength(1)
    await hush.close()
  })

  it('batches names requested together into one provider call', async () => {
    const store = new MemoryStore()
    const names = Array.from({ length: 25 }, (_, i) => `S${i}`)
    for (const n of names) store.set(n.toLowerCase(), `value-${n}-xyz`)
    const hush = createHush({ config: { secrets: secrets(names) }, providers: [store.provider()] })
    const loaded = await hush.load()
    expect(Object.keys(loaded).sort()).toEqual([...names].sort())
    expect(store.resolveCalls).toHaveLength(1)
    expect(store.resolveCalls[0]).toHaveLength(25)
    await hush.close()
  })

  it('reads env:// and file:// out of the box, including a JSON key', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'hush-'))
    writeFileSync(join(dir, 'db'), 'file-secret-1234\n')
    const hush = createHush({
      env: { JSON_BLOB: '{"a":{"b":"nested-value-99"},"k":"flat-value-77"}', OTHER: 'other-value-55' },
      sources: { A: `file://${join(dir, 'db')}`, B: 'env://JSON_BLOB#k', C: 'env://JSON_BLOB#a.b', D: 'env://OTHER' },
    })
    expect(await hush.load()).toEqual({ A: 'file-secret-1234', B: 'flat-value-77', C: 'nested-value-99', D: 'other-value-55' })
    await hush.close()
  })

  it('validates values with a Standard Schema (zod) without quoting the value', async () => {
    const store = new MemoryStore()
    store.set('port', 'not-a-number-secret')
    const hush = createHush({ config: { secrets: { PORT: { from: 'mem://port', schema: z.string().regex(/^\d+$/) } } }, providers: [store.provider()] })
    const error = (await hush.get('PORT').catch((e) => e)) as HushError
    expect(error.code).toBe('HUSH_INVALID_VALUE')
    expect(error.message).toContain('PORT')
    expect(error.message).not.toContain('not-a-number-secret')
    await hush.close()
  })

  it('skips optional secrets that are missing in load() but fails on required ones', async () => {
    const store = new MemoryStore()
    store.set('a', 'value-a-1234')
    const hush = createHush({
      config: { secrets: { A: { from: 'mem://a' }, OPT: { from: 'mem://missing', required: false }, REQ: { from: 'mem://missing2' } } },
      providers: [store.provider()],
    })
    const error = (await hush.load().catch((e) => e)) as HushError
    expect(error.code).toBe('HUSH_NOT_FOUND')
    expect(error.message).toContain('REQ')
    expect(error.message).not.toContain('OPT')
    expect(await hush.load(['A', 'OPT'])).toEqual({ A: 'value-a-1234' })
    await hush.close()
  })

  it('names unknown secrets and missing providers with a next step', async () => {
    const hush = createHush({ sources: { X: 'aws-sm://prod/x' } })
    await expect(hush.get('NOPE')).rejects.toMatchObject({ code: 'HUSH_UNKNOWN_SECRET', message: expect.stringContaining('fix:') })
    await expect(hush.get('X')).rejects.toMatchObject({ code: 'HUSH_NO_PROVIDER', message: expect.stringContaining('@hush/aws') })
    await hush.close()
  })
})

describe('createHush: environments', () => {
  const config = {
    environments: { development: { allow: ['env'] }, production: { allow: ['mem'] } },
    secrets: { DB: { from: { development: 'env://DEV_DB', production: 'mem://db' } } },
  }

  it('picks the reference of the active environment', async () => {
    const store = new MemoryStore()
    store.set('db', 'prod-value-123')
    const dev = createHush({ config, env: { DEV_DB: 'dev-value-123' }, providers: [store.provider()] })
    expect(dev.environment).toBe('development')
    expect(await dev.get('DB')).toBe('dev-value-123')
    const prod = createHush({ config, env: { NODE_ENV: 'production' }, providers: [store.provider()] })
    expect(await prod.get('DB')).toBe('prod-value-123')
    const hushEnvWins = createHush({ config, env: { HUSH_ENV: 'production', NODE_ENV: 'development' }, providers: [store.provider()] })
    expect(hushEnvWins.environment).toBe('production')
  })

  it('refuses a store the environment may not read', async () => {
    const store = new MemoryStore()
    const hush = createHush({ config, environment: 'development', sources: {}, providers: [store.provider()] })
    const sneaky = createHush({ config: { ...config, secrets: { DB: { from: 'mem://db' } } }, environment: 'development', providers: [store.provider()] })
    await expect(sneaky.get('DB')).rejects.toMatchObject({ code: 'HUSH_ENV_ISOLATION' })
    const undeclared = createHush({ config, environment: 'staging', providers: [store.provider()] })
    await expect(undeclared.get('DB')).rejects.toMatchObject({ code: 'HUSH_NOT_FOUND', message: expect.stringContaining('from.staging') })
    expect(store.resolveCalls).toEqual([])
    await hush.close()
  })

  it('checks accounts and regions through the provider scope', async () => {
    const store = new MemoryStore()
    store.set('db', 'value-1234567')
    const provider = { ...store.provider(), scope: (ref: { params: Record<string, string> }) => ({ account: ref.params.account, region: 'eu-west-1' }) }
    const config2 = {
      environments: { production: { allow: [{ scheme: 'mem', accounts: ['111'], regions: ['eu-west-1'] }] } },
      secrets: { OK: { from: 'mem://db?account=111' }, BAD: { from: 'mem://db?account=222' } },
    }
    const hush = createHush({ config: config2, environment: 'production', providers: [provider as never] })
    expect(await hush.get('OK')).toBe('value-1234567')
    await expect(hush.get('BAD')).rejects.toMatchObject({ code: 'HUSH_ENV_ISOLATION', message: expect.stringContaining('account 222') })
  })
})

describe('createHush: cache, refresh and failure', () => {
  it('refreshes ahead of expiry with a cheap version check, and re-fetches only on change', async () => {
    vi.useFakeTimers()
    const store = new MemoryStore()
    store.set('db', 'first-value-123')
    const hush = createHush({ config: { secrets: secrets(['DB']) }, providers: [store.provider()], ttl: 10_000 })
    const events: HushEvent[] = []
    hush.on('*', (e) => events.push(e))
    expect(await hush.get('DB')).toBe('first-value-123')
    await vi.advanceTimersByTimeAsync(8_500) // past 80% of the TTL: the timer's refresh ran
    expect(store.checkCalls).toBe(1)
    expect(store.resolveCalls).toHaveLength(1)
    store.set('db', 'second-value-456')
    await vi.advanceTimersByTimeAsync(8_500)
    expect(store.checkCalls).toBe(2)
    expect(store.resolveCalls).toHaveLength(2)
    expect(await hush.get('DB')).toBe('second-value-456')
    expect(events.map((e) => e.type)).toEqual(expect.arrayContaining(['resolve', 'refresh', 'rotate', 'cache-hit', 'access']))
    const rotate = events.find((e) => e.type === 'rotate')
    expect(rotate).toMatchObject({ name: 'DB', fromVersion: '1', toVersion: '2' })
    await hush.close()
  })

  it('checks the versions of secrets fetched together in one provider call per TTL, pulling along those due within the refresh-ahead span', async () => {
    vi.useFakeTimers()
    const store = new MemoryStore()
    const names = Array.from({ length: 30 }, (_, i) => `S${i}`)
    for (const n of names) store.set(n.toLowerCase(), `value-${n}-xyz`)
    const hush = createHush({ config: { secrets: secrets(names) }, providers: [store.provider()], ttl: 10_000, refreshAhead: 0.2 })
    await hush.load(names.slice(0, 20))
    // Ten more a second later: their refresh is due inside the first twenty's refresh-ahead span.
    await vi.advanceTimersByTimeAsync(1_000)
    await hush.load(names.slice(20))
    for (let ttl = 1; ttl <= 3; ttl++) {
      await vi.advanceTimersByTimeAsync(9_000)
      expect(store.checkCalls).toBe(ttl)
    }
    expect(store.resolveCalls).toHaveLength(2)
    await hush.close()
  })

  it('serves the last good value inside staleIfError when the store is down, then fails', async () => {
    vi.useFakeTimers()
    const store = new MemoryStore()
    store.set('db', 'good-value-123')
    const hush = createHush({
      config: { secrets: secrets(['DB']) },
      providers: [store.provider()],
      ttl: 1_000,
      staleIfError: 5_000,
      random: () => 0.5,
      retry: { retries: 0 },
    })
    const stale: HushEvent[] = []
    hush.on('stale-served', (e) => stale.push(e))
    await hush.get('DB')
    store.down = true
    await vi.advanceTimersByTimeAsync(1_500)
    expect(await hush.get('DB')).toBe('good-value-123')
    expect(stale.length).toBeGreaterThan(0)
    expect(stale[0]).toMatchObject({ type: 'stale-served', name: 'DB', errorCode: 'HUSH_STORE_UNAVAILABLE' })
    await vi.advanceTimersByTimeAsync(6_000)
    await expect(hush.get('DB')).rejects.toMatchObject({ code: 'HUSH_STORE_UNAVAILABLE' })
    expect(hush.peek('DB')).toBeUndefined()
    store.down = false
    expect(await hush.get('DB')).toBe('good-value-123') // recovers once the store is back
    await hush.close()
  })

  it('gets a value back by itself once the store returns after an outage longer than staleIfError', async () => {
    vi.useFakeTimers()
    const store = new MemoryStore()
    store.set('db', 'good-value-123')
    const hush = createHush({
      config: { secrets: secrets(['DB']) },
      providers: [store.provider()],
      ttl: 1_000,
      staleIfError: 2_000,
      random: () => 0.5,
      retry: { retries: 0, maxDelayMs: 4_000 },
    })
    await hush.load()
    store.down = true
    await vi.advanceTimersByTimeAsync(10_000)
    expect(hush.peek('DB')).toBeUndefined()
    store.set('db', 'rotated-while-down-456')
    store.down = false
    // Only the background timer runs: no get() is called.
    await vi.advanceTimersByTimeAsync(4_000)
    expect(hush.peek('DB')).toBe('rotated-while-down-456')
    await hush.close()
  })

  it('retries a cold fetch with backoff while the store is unavailable', async () => {
    vi.useFakeTimers()
    const store = new MemoryStore()
    store.set('db', 'value-after-outage')
    store.down = true
    const hush = createHush({ config: { secrets: secrets(['DB']) }, providers: [store.provider()], retry: { retries: 4, baseDelayMs: 10 }, random: () => 0.99 })
    setTimeout(() => (store.down = false), 15)
    const read = hush.get('DB')
    // Tries at 0 and 9 ms fail; the store is back at 15; the try at 28 ms (9 + 19) succeeds.
    await vi.advanceTimersByTimeAsync(28)
    expect(await read).toBe('value-after-outage')
    expect(store.resolveCalls.length).toBeGreaterThan(1)
    await hush.close()
  })

  it('stops serving a secret deleted mid-run, with a clear error', async () => {
    const store = new MemoryStore()
    store.set('db', 'value-deleted-later')
    const hush = createHush({ config: { secrets: secrets(['DB']) }, providers: [store.provider()] })
    await hush.get('DB')
    store.values.delete('db')
    await expect(hush.refresh('DB')).rejects.toMatchObject({ code: 'HUSH_NOT_FOUND' })
    expect(hush.peek('DB')).toBeUndefined()
    await expect(hush.get('DB')).rejects.toMatchObject({ code: 'HUSH_NOT_FOUND', message: expect.stringContaining('fix:') })
    await hush.close()
  })

  it('rotates through the provider and serves the new value', async () => {
    const store = new MemoryStore()
    store.set('db', 'before-rotation')
    const hush = createHush({ config: { secrets: secrets(['DB']) }, providers: [store.provider()] })
    await hush.get('DB')
    await hush.rotate('DB')
    expect(await hush.get('DB')).toBe('before-rotation-rotated')
    expect(hush.redact('x before-rotation y before-rotation-rotated')).not.toContain('before-rotation')
    await hush.close()
  })

  it('drops every value and refuses reads after close()', async () => {
    const store = new MemoryStore()
    store.set('db', 'closing-value-1')
    const hush = createHush({ config: { secrets: secrets(['DB']) }, providers: [store.provider()] })
    await hush.get('DB')
    await hush.close()
    expect(hush.peek('DB')).toBeUndefined()
    expect(hush.redactor.size).toBe(0)
    await expect(hush.get('DB')).rejects.toMatchObject({ code: 'HUSH_CLOSED' })
  })
})
