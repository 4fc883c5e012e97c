import 'reflect-metadata'
import { Inject, Injectable, Module } from '@nestjs/common'
import { ConfigModule, ConfigService } from '@nestjs/config'
import { NestFactory } from '@nestjs/core'
import { Test } from '@nestjs/testing'
import { HushError } from '@hush/core'
import { expectNoValue } from '@hush/test-kit'
import { describe, expect, it } from 'vitest'
import { HUSH_MODULE_OPTIONS, HushHealthIndicator, HushModule, type HushModuleOptions, type HushOptionsFactory, HushService } from '../src/index.js'
import { eventually, project, secretValue } from './project.js'
import { memoStore } from './store.js'

describe('HushModule.forRootAsync', () => {
  it('takes its options from a factory that injects ConfigService', async () => {
    const key = secretValue('key')
    const p = project({ secrets: { key }, env: (p) => `API_KEY=file://${p.file('key')}\nHUSH_CWD=${p.dir}\n` })
    const moduleRef = await Test.createTestingModule({
      imports: [
        ConfigModule.forRoot({ isGlobal: true, envFilePath: `${p.dir}/.env` }),
        HushModule.forRootAsync({
          isGlobal: true,
          inject: [ConfigService],
          useFactory: (config: ConfigService) => ({ cwd: config.getOrThrow<string>('HUSH_CWD') }),
        }),
      ],
    }).compile()
    await expect(moduleRef.get(HushService).get('API_KEY')).resolves.toBe(key)
    await moduleRef.close()
  })

  it('takes its options from a class (useClass) and from an existing provider (useExisting)', async () => {
    const key = secretValue('key')
    const p = project({ secrets: { key }, env: (p) => `API_KEY=file://${p.file('key')}\n` })
    @Injectable()
    class Options implements HushOptionsFactory {
      createHushOptions(): HushModuleOptions {
        return { cwd: p.dir }
      }
    }
    @Module({ providers: [Options], exports: [Options] })
    class OptionsModule {}

    const byClass = await Test.createTestingModule({ imports: [HushModule.forRootAsync({ useClass: Options })] }).compile()
    expect(byClass.get(HushService).peek('API_KEY')).toBe(key)
    await byClass.close()
    const byExisting = await Test.createTestingModule({ imports: [HushModule.forRootAsync({ imports: [OptionsModule], useExisting: Options })] }).compile()
    expect(byExisting.get(HushService).peek('API_KEY')).toBe(key)
    await byExisting.close()
  })
})

describe('bootstrap', () => {
  it('resolves every secret before the app is created, in one batch per store', async () => {
    const store = memoStore({ a: secretValue('a'), b: secretValue('b'), c: secretValue('c') })
    let calls = 0
    const resolve = store.provider.resolve.bind(store.provider)
    store.provider.resolve = (refs, ctx) => (calls++, resolve(refs, ctx))
    const p = project({})
    const moduleRef = await Test.createTestingModule({
      imports: [HushModule.forRoot({ cwd: p.dir, providers: [store.provider], sources: { A: 'memo://a', B: 'memo://b', C: 'memo://c' } })],
    }).compile()
    const hush = moduleRef.get(HushService)
    expect([hush.peek('A'), hush.peek('B'), hush.peek('C')]).toEqual([store.values.a, store.values.b, store.values.c])
    expect(calls).toBe(1)
    await moduleRef.close()
  })

  it('fails NestFactory.create with the HushError naming the missing secret, its reference and the next step', async () => {
    const present = secretValue('present')
    const p = project({ secrets: { present }, env: (p) => `PRESENT=file://${p.file('present')}\nDB_PASSWORD=file://${p.file('missing')}\n` })
    @Module({ imports: [HushModule.forRoot({ cwd: p.dir })] })
    class AppModule {}
    const error: unknown = await NestFactory.createApplicationContext(AppModule, { abortOnError: false, logger: false }).catch((e: unknown) => e)
    expect(error).toBeInstanceOf(HushError)
    const text = String(error)
    expectNoValue(`${text}\n${(error as Error).stack}`, present, { in: 'the bootstrap error' })
    expect(error).toMatchObject({ code: 'HUSH_NOT_FOUND', secret: 'DB_PASSWORD' })
    expect(text).toContain(`file://${p.file('missing')}`)
    expect(text).toContain('.env:2')
    expect((error as HushError).fix).toBeTruthy()
  })

  it('closes hush on shutdown: timers stop and every value is dropped', async () => {
    const key = secretValue('key')
    const p = project({ secrets: { key }, env: (p) => `API_KEY=file://${p.file('key')}\n` })
    @Module({ imports: [HushModule.forRoot({ cwd: p.dir })] })
    class AppModule {}
    const app = await NestFactory.createApplicationContext(AppModule, { logger: false })
    const service = app.get(HushService)
    expect(service.peek('API_KEY')).toBe(key)
    await app.close()
    expect(service.peek('API_KEY')).toBeUndefined()
    await expect(service.get('API_KEY')).rejects.toMatchObject({ code: 'HUSH_CLOSED' })
    expect(service.hush.redact(`k=${key}`)).toContain(key)
  })
})

describe('HushHealthIndicator', () => {
  it('reports up, then degraded while the store is down and the last value is served, then down once a secret cannot be served', async () => {
    const store = memoStore({ token: secretValue('token') })
    const p = project({ secrets: { key: secretValue('key') }, env: (p) => `API_KEY=file://${p.file('key')}\n` })
    const moduleRef = await Test.createTestingModule({
      imports: [HushModule.forRoot({ cwd: p.dir, providers: [store.provider], sources: { TOKEN: 'memo://token' }, ttl: '1m', staleIfError: '1h' })],
    }).compile()
    const health = moduleRef.get(HushHealthIndicator)
    const hush = moduleRef.get(HushService).hush
    expect(await health.isHealthy('secrets')).toEqual({
      secrets: { status: 'up', stores: { memo: { status: 'up', secrets: 1 }, file: { status: 'up', secrets: 1 } } },
    })

    store.down = true
    await expect(hush.refresh('TOKEN')).rejects.toMatchObject({ code: 'HUSH_STORE_UNAVAILABLE' })
    const degraded = await health.isHealthy('secrets')
    expect(degraded.secrets.status).toBe('degraded')
    expect(degraded.secrets.stores.memo).toMatchObject({ status: 'stale', lastError: 'HUSH_STORE_UNAVAILABLE', since: expect.any(String) })
    expect(degraded.secrets.stores.file?.status).toBe('up')
    expect(hush.peek('TOKEN')).toBe(store.values.token)

    store.down = false
    delete store.values.token
    await expect(hush.refresh('TOKEN')).rejects.toMatchObject({ code: 'HUSH_NOT_FOUND' })
    const down = await health.isHealthy('secrets')
    expect(down.secrets.status).toBe('down')
    expect(down.secrets.stores.memo).toMatchObject({ status: 'down', lastError: 'HUSH_NOT_FOUND' })
    await moduleRef.close()
  })

  it('is up again once the store answers, keeping the last error code', async () => {
    const store = memoStore({ token: secretValue('token') })
    const p = project({})
    const moduleRef = await Test.createTestingModule({
      imports: [HushModule.forRoot({ cwd: p.dir, providers: [store.provider], sources: { TOKEN: 'memo://token' } })],
    }).compile()
    const hush = moduleRef.get(HushService).hush
    store.down = true
    await hush.refresh('TOKEN').catch(() => {})
    store.down = false
    store.rotate('token', secretValue('next'))
    await hush.refresh('TOKEN')
    const result = await moduleRef.get(HushHealthIndicator).isHealthy()
    expect(result.hush.status).toBe('up')
    expect(result.hush.stores.memo).toMatchObject({ status: 'up', lastError: 'HUSH_STORE_UNAVAILABLE' })
    expect(result.hush.stores.memo!.since).toBeUndefined()
    expectNoValue(JSON.stringify(result), Object.values(store.values), { in: 'the health result' })
    await moduleRef.close()
  })
})

describe('options and warnings', () => {
  it('lets the app inject the module options by HUSH_MODULE_OPTIONS', async () => {
    const p = project({ secrets: { key: secretValue() }, env: (p) => `API_KEY=file://${p.file('key')}\n` })
    @Injectable()
    class ReadsOptions {
      constructor(@Inject(HUSH_MODULE_OPTIONS) readonly options: HushModuleOptions) {}
    }
    const moduleRef = await Test.createTestingModule({
      imports: [HushModule.forRoot({ isGlobal: true, cwd: p.dir, ttl: '7m' })],
      providers: [ReadsOptions],
    }).compile()
    expect(moduleRef.get(ReadsOptions).options).toMatchObject({ cwd: p.dir, ttl: '7m' })
    await moduleRef.close()
  })

  it('warns, by key and place and never value, about a .env value that looks like a mistyped reference', async () => {
    const tail = secretValue('tail')
    const p = project({ secrets: { key: secretValue() }, env: (p) => `API_KEY=file://${p.file('key')}\nDB_PASSWORD=aws-ms://prod/db/${tail}\n` })
    const warnings: string[] = []
    const logger = { log() {}, error() {}, warn: (message: unknown) => void warnings.push(String(message)) }
    const moduleRef = await Test.createTestingModule({ imports: [HushModule.forRoot({ cwd: p.dir })] })
      .setLogger(logger)
      .compile()
    await moduleRef.close()
    expectNoValue(warnings.join('\n'), tail, { in: 'the warnings' })
    expect(warnings).toEqual(['.env: DB_PASSWORD starts with "aws-ms:", which is not a reference scheme hush reads; did you mean "aws-sm://"?'])
  })
})

describe('after an outage longer than the stale window', () => {
  it('serves ConfigService and handle readers again once the store is back, with no get() to restart it', async () => {
    const store = memoStore({ token: secretValue('token') })
    const p = project({})
    const moduleRef = await Test.createTestingModule({
      imports: [
        HushModule.forRoot({
          cwd: p.dir,
          providers: [store.provider],
          sources: { TOKEN: 'memo://token' },
          ttl: 200,
          staleIfError: 200,
          retry: { retries: 0, maxDelayMs: 150 },
        }),
      ],
    }).compile()
    const hush = moduleRef.get(HushService)
    const health = moduleRef.get(HushHealthIndicator)
    store.down = true
    await eventually(() => hush.peek('TOKEN') === undefined)
    expect((await health.isHealthy()).hush.status).toBe('down')
    store.rotate('token', secretValue('back'))
    store.down = false
    await eventually(() => hush.peek('TOKEN') === store.values.token)
    expect((await health.isHealthy()).hush.status).toBe('up')
    await moduleRef.close()
  })
})
