import 'reflect-metadata'
import { Injectable, Module } from '@nestjs/common'
import { ConfigModule, ConfigService } from '@nestjs/config'
import { NestFactory } from '@nestjs/core'
import { describe, expect, it } from 'vitest'
import { HushModule } from '../src/index.js'
import { project, secretValue } from './project.js'

// HushModule.forRoot starts hush while Nest scans the app and each built app takes a share,
// closed by its HushService's shutdown hook. An app whose bootstrap fails after that (another
// provider throws: the database is not up yet) is never closed, so its share is never given
// back: the next app built from the same AppModule (a retry, the next e2e test) shares the
// start, and when it closes, hush stays open with every value in memory and still served.
describe('an app built after a failed bootstrap of the same AppModule', () => {
  it('closes hush when it closes: a read after app.close() throws HUSH_CLOSED, as the README says', async () => {
    const db = secretValue('db')
    const p = project({ secrets: { db }, env: (p) => `DB_PASSWORD=file://${p.file('db')}\n` })
    let attempts = 0
    @Injectable()
    class Database {
      constructor(config: ConfigService) {
        // The first start finds the database down, as on a cold start; the retry finds it up.
        if (attempts++ === 0) throw new Error(`database not reachable (password of ${config.getOrThrow<string>('DB_PASSWORD').length} characters)`)
      }
    }
    @Module({
      imports: [ConfigModule.forRoot({ isGlobal: true, envFilePath: `${p.dir}/.env` }), HushModule.forRoot({ isGlobal: true, cwd: p.dir })],
      providers: [Database],
    })
    class AppModule {}

    await expect(NestFactory.createApplicationContext(AppModule, { logger: false, abortOnError: false })).rejects.toThrow('database not reachable')
    const app = await NestFactory.createApplicationContext(AppModule, { logger: false, abortOnError: false })
    const config = app.get(ConfigService)
    expect(config.get('DB_PASSWORD') === db).toBe(true)
    await app.close()

    let after: unknown
    try {
      after = config.get('DB_PASSWORD') === db ? 'the value' : 'something else'
    } catch (error) {
      after = (error as { code?: string }).code
    }
    expect(after).toBe('HUSH_CLOSED')
  })
})
