import 'reflect-metadata'
import { writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { Module } from '@nestjs/common'
import { ConfigModule, ConfigService } from '@nestjs/config'
import { NestFactory } from '@nestjs/core'
import { describe, expect, it } from 'vitest'
import { HushModule } from '../src/index.js'
import { project, secretValue } from './project.js'

async function read(dir: string): Promise<string> {
  @Module({ imports: [ConfigModule.forRoot({ isGlobal: true, envFilePath: `${dir}/.env` }), HushModule.forRoot({ isGlobal: true, cwd: dir })] })
  class AppModule {}
  const app = await NestFactory.createApplicationContext(AppModule, { logger: false })
  const got = app.get(ConfigService).get<string>('DB_PASSWORD')
  await app.close()
  return got === undefined ? 'undefined' : got === '' ? 'an empty string' : 'a value'
}

// `DB_PASSWORD=` in the environment (docker compose's `DB_PASSWORD: ${DB_PASSWORD}` with the
// host variable unset) is skipped for a secret hush.config declares, but for a secret .env
// names by reference it wins: hush serves an empty password instead of the store's, with no
// warning, and the redactor has nothing to mask.
describe('an empty variable in the environment for a secret', () => {
  it('does not replace the .env reference with an empty secret, as it does not replace a declared one', async () => {
    const db = secretValue('db')
    const declared = project({ secrets: { db } })
    writeFileSync(join(declared.dir, 'hush.config.json'), JSON.stringify({ secrets: { DB_PASSWORD: { from: `file://${declared.file('db')}` } } }))
    const named = project({ secrets: { db }, env: (p) => `DB_PASSWORD=file://${p.file('db')}\n` })

    process.env.DB_PASSWORD = ''
    const viaConfig = await read(declared.dir)
    process.env.DB_PASSWORD = ''
    const viaEnvFile = await read(named.dir)
    expect(viaConfig).toBe('a value')
    expect(viaEnvFile).toBe('a value')
  })
})
