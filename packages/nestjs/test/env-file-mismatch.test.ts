import 'reflect-metadata'
import { writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { Module } from '@nestjs/common'
import { ConfigModule, ConfigService } from '@nestjs/config'
import { NestFactory } from '@nestjs/core'
import { expectNoValue } from '@hush/test-kit'
import { describe, expect, it } from 'vitest'
import { HushModule } from '../src/index.js'
import { project, secretValue } from './project.js'

// ConfigModule.forRoot({ envFilePath: ['.env.local', '.env'] }) is common; HushModule reads
// '.env' unless told the same list. A reference in .env.local is then one hush never learns
// of, and ConfigService hands out its text ("file://...", "aws-sm://...") as the password,
// with no warning: the app connects with a reference for a password.
describe('a reference in an env file ConfigModule reads and HushModule was not told of', () => {
  it('is never handed out by ConfigService as if it were the value', async () => {
    const db = secretValue('db')
    const key = secretValue('key')
    const p = project({ secrets: { db, key }, env: (p) => `API_KEY=file://${p.file('key')}\n` })
    const reference = `file://${p.file('db')}`
    writeFileSync(join(p.dir, '.env.local'), `DB_PASSWORD=${reference}\n`)
    @Module({
      imports: [
        ConfigModule.forRoot({ isGlobal: true, envFilePath: [join(p.dir, '.env.local'), join(p.dir, '.env')] }),
        HushModule.forRoot({ isGlobal: true, cwd: p.dir }),
      ],
    })
    class AppModule {}

    // Either hush resolves it, or the start fails saying which name it cannot resolve.
    const started = await NestFactory.createApplicationContext(AppModule, { logger: false, abortOnError: false }).catch((e: unknown) => e as Error)
    if (started instanceof Error) {
      expectNoValue(`${String(started)}\n${started.stack}`, [db, key], { in: 'the bootstrap error' })
      expect(started.message).toContain('DB_PASSWORD')
      return
    }
    const got = started.get(ConfigService).get<string>('DB_PASSWORD')
    await started.close()
    expect(got === reference ? 'the reference text' : got === db ? 'the value' : 'something else').toBe('the value')
  })
})
