import 'reflect-metadata'
import { type DynamicModule, Module } from '@nestjs/common'
import { ConfigModule, ConfigService } from '@nestjs/config'
import { NestFactory } from '@nestjs/core'
import { Test } from '@nestjs/testing'
import { describe, expect, it } from 'vitest'
import { HushModule, HushService } from '../src/index.js'
import { project, secretValue } from './project.js'

// What TypeOrmModule.forRootAsync({ inject: [ConfigService], useFactory }) does: read a secret
// from ConfigService while Nest is still building the app.
function poolModule(seen: unknown[]): DynamicModule {
  @Module({})
  class PoolModule {}
  return {
    module: PoolModule,
    imports: [ConfigModule],
    providers: [{ provide: 'POOL', inject: [ConfigService], useFactory: (config: ConfigService) => seen.push(config.get('DB_PASSWORD')) }],
  }
}

describe('a secret read from ConfigService while the app is being built', () => {
  it.each([
    ['after HushModule', (config: DynamicModule | Promise<DynamicModule>, hush: DynamicModule, pool: DynamicModule) => [config, hush, pool]],
    ['before HushModule', (config: DynamicModule | Promise<DynamicModule>, hush: DynamicModule, pool: DynamicModule) => [pool, config, hush]],
  ])('is the resolved value, not the reference, with the reading module listed %s', async (_, order) => {
    const db = secretValue('db')
    const p = project({ secrets: { db }, env: (p) => `DB_PASSWORD=file://${p.file('db')}\n` })
    const seen: unknown[] = []
    const moduleRef = await Test.createTestingModule({
      imports: order(
        ConfigModule.forRoot({ isGlobal: true, envFilePath: `${p.dir}/.env` }),
        HushModule.forRoot({ isGlobal: true, cwd: p.dir }),
        poolModule(seen),
      ),
    }).compile()
    expect(seen).toHaveLength(1)
    expect(seen[0] === db).toBe(true)
    await moduleRef.close()
  })
})

describe('one AppModule built into several apps (as e2e suites do)', () => {
  it('starts hush again for an app built after the last one closed', async () => {
    const p = project({ secrets: { db: secretValue('first') }, env: (p) => `DB_PASSWORD=file://${p.file('db')}\n` })
    @Module({ imports: [HushModule.forRoot({ cwd: p.dir })] })
    class AppModule {}
    const first = await NestFactory.createApplicationContext(AppModule, { logger: false })
    await first.close()
    const next = secretValue('second')
    p.write('db', next)
    const second = await NestFactory.createApplicationContext(AppModule, { logger: false })
    expect(second.get(HushService).peek('DB_PASSWORD') === next).toBe(true)
    await second.close()
  })

  it('shares one start between apps alive together, closed by the last one', async () => {
    const db = secretValue('db')
    const p = project({ secrets: { db }, env: (p) => `DB_PASSWORD=file://${p.file('db')}\n` })
    @Module({ imports: [HushModule.forRoot({ cwd: p.dir })] })
    class AppModule {}
    const a = await NestFactory.createApplicationContext(AppModule, { logger: false })
    const b = await NestFactory.createApplicationContext(AppModule, { logger: false })
    expect(a.get(HushService).hush).toBe(b.get(HushService).hush)
    await a.close()
    expect(b.get(HushService).peek('DB_PASSWORD') === db).toBe(true)
    await b.close()
    expect(b.get(HushService).peek('DB_PASSWORD')).toBeUndefined()
  })

  it('fetches nothing when AppModule is imported but no app is built', async () => {
    const p = project({ secrets: {}, env: (p) => `DB_PASSWORD=file://${p.file('missing')}\n` })
    const errors: unknown[] = []
    const onRejection = (e: unknown) => errors.push(e)
    process.on('unhandledRejection', onRejection)
    @Module({ imports: [HushModule.forRoot({ cwd: p.dir })] })
    class AppModule {}
    void AppModule
    await new Promise((r) => setTimeout(r, 200))
    process.off('unhandledRejection', onRejection)
    expect(errors).toEqual([])
  })
})
