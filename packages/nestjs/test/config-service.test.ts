import 'reflect-metadata'
import { join } from 'node:path'
import { inspect } from 'node:util'
import { ConfigModule, ConfigService } from '@nestjs/config'
import { Test } from '@nestjs/testing'
import type { Duration } from '@hush/core'
import { expectNoValue } from '@hush/test-kit'
import { describe, expect, it } from 'vitest'
import { HushModule, HushService } from '../src/index.js'
import { eventually, project, secretValue } from './project.js'

async function app(dir: string, ttl: Duration = '5m') {
  const moduleRef = await Test.createTestingModule({
    imports: [ConfigModule.forRoot({ isGlobal: true, envFilePath: `${dir}/.env` }), HushModule.forRoot({ isGlobal: true, cwd: dir, ttl })],
  }).compile()
  await moduleRef.init()
  return moduleRef
}

describe('ConfigService', () => {
  it('answers get() with the resolved secret, not the reference .env holds, and leaves process.env without the value', async () => {
    const db = secretValue('db')
    const p = project({ secrets: { db }, env: (p) => `DB_PASSWORD=file://${p.file('db')}\nPORT=3000\n` })
    const moduleRef = await app(p.dir)
    const config = moduleRef.get(ConfigService)
    expect(config.get('DB_PASSWORD')).toBe(db)
    expect(config.get('PORT')).toBe('3000')
    expect(process.env.DB_PASSWORD).toBe(`file://${p.file('db')}`)
    await moduleRef.close()
  })

  it('answers get() with the new value after the secret rotates, with no code change', async () => {
    const before = secretValue('old')
    const after = secretValue('new')
    const p = project({ secrets: { db: before }, env: (p) => `DB_PASSWORD=file://${p.file('db')}\n` })
    const moduleRef = await app(p.dir, '300ms')
    const config = moduleRef.get(ConfigService)
    expect(config.get('DB_PASSWORD')).toBe(before)
    p.write('db', after)
    // No read triggers it: hush's background refresh picks the new value up.
    await eventually(() => config.get('DB_PASSWORD') === after)
    expect(config.getOrThrow('DB_PASSWORD')).toBe(after)
    await moduleRef.close()
  })

  it('shows no value when the config service or its store is printed or serialised', async () => {
    const db = secretValue('db')
    const p = project({ secrets: { db }, env: (p) => `DB_PASSWORD=file://${p.file('db')}\n` })
    const moduleRef = await app(p.dir)
    const config = moduleRef.get(ConfigService)
    expect(config.get('DB_PASSWORD')).toBe(db)
    const host: unknown = moduleRef.get('CONFIGURATION_TOKEN')
    expectNoValue(
      [inspect(config, { depth: 10 }), inspect(host, { depth: 10 }), JSON.stringify(host), JSON.stringify(Object.entries(host as object))].join('\n'),
      db,
      { in: 'the printed config' },
    )
    await moduleRef.close()
  })

  it('lets configService.set() replace a secret, as it replaces any key', async () => {
    const p = project({ secrets: { db: secretValue() }, env: (p) => `DB_PASSWORD=file://${p.file('db')}\n` })
    const moduleRef = await app(p.dir)
    const config = moduleRef.get(ConfigService)
    config.set('DB_PASSWORD', 'replaced-by-the-app')
    expect(config.get('DB_PASSWORD')).toBe('replaced-by-the-app')
    await moduleRef.close()
  })

  it('throws on get() after shutdown instead of falling back to the reference in process.env', async () => {
    const db = secretValue('db')
    const p = project({ secrets: { db }, env: (p) => `DB_PASSWORD=file://${p.file('db')}\n` })
    const moduleRef = await app(p.dir)
    const config = moduleRef.get(ConfigService)
    await moduleRef.close()
    let error: unknown
    try {
      config.get('DB_PASSWORD')
    } catch (e) {
      error = e
    }
    expect(error).toMatchObject({ code: 'HUSH_CLOSED', secret: 'DB_PASSWORD' })
    expect(String(error)).toContain('after the app shut down')
    expectNoValue(`${String(error)}\n${(error as Error).stack}`, db, { in: 'the error' })
  })

  it('lets a value the shell set win over a secret hush.config declares, as dotenv does, instead of refusing to start', async () => {
    const fromShell = secretValue('shell')
    const p = project({
      secrets: { db: secretValue('file') },
      env: (p) => `DB_PASSWORD=file://${p.file('db')}\n`,
      config: { secrets: { DB_PASSWORD: { from: `file://${join('/', 'never', 'read')}` }, API_KEY: { from: 'env://UNUSED' } } },
    })
    process.env.DB_PASSWORD = fromShell
    process.env.API_KEY = 'env://SHELL_API_KEY'
    process.env.SHELL_API_KEY = secretValue('api')
    const moduleRef = await app(p.dir)
    const config = moduleRef.get(ConfigService)
    expect(config.get('DB_PASSWORD') === fromShell).toBe(true)
    expect(config.get('API_KEY') === process.env.SHELL_API_KEY).toBe(true)
    const hush = moduleRef.get(HushService).hush
    expect(hush.redact(`password=${fromShell}`)).not.toContain(fromShell)
    await moduleRef.close()
  })

  it('reads a value the shell set over the .env reference, as ConfigModule does, and still knows it as a secret', async () => {
    const fromShell = secretValue('shell')
    const p = project({ secrets: { db: secretValue('file') }, env: (p) => `DB_PASSWORD=file://${p.file('db')}\n` })
    process.env.DB_PASSWORD = fromShell
    const moduleRef = await app(p.dir)
    const config = moduleRef.get(ConfigService)
    expect(config.get('DB_PASSWORD')).toBe(fromShell)
    const hush = moduleRef.get(HushService).hush
    expect(hush.referenceOf('DB_PASSWORD')).toBe('env://DB_PASSWORD')
    expect(hush.redact(`password=${fromShell}`)).not.toContain(fromShell)
    await moduleRef.close()
  })
})
