import 'reflect-metadata'
import { Console } from 'node:console'
import { PassThrough } from 'node:stream'
import { inspect } from 'node:util'
import { ConfigModule, ConfigService } from '@nestjs/config'
import { NestFactory } from '@nestjs/core'
import { Module } from '@nestjs/common'
import { expectNoValue } from '@hush/test-kit'
import { describe, expect, it } from 'vitest'
import { HushModule } from '../src/index.js'
import { project, secretValue } from './project.js'

// config-service.ts: "printing or serialising the store (util.inspect with showHidden and
// getters, ...) shows no value". With showHidden, util.inspect lists the properties of a
// prototype that is not a class's, and the getters layer is such a prototype: with getters on
// too, console.dir of ConfigService (a debugging reflex) prints every secret.
describe('ConfigService printed in full', () => {
  it('shows no value with console.dir(config, { showHidden: true, getters: true })', async () => {
    const db = secretValue('db')
    const p = project({ secrets: { db }, env: (p) => `DB_PASSWORD=file://${p.file('db')}\n` })
    @Module({ imports: [ConfigModule.forRoot({ isGlobal: true, envFilePath: `${p.dir}/.env` }), HushModule.forRoot({ isGlobal: true, cwd: p.dir })] })
    class AppModule {}
    const app = await NestFactory.createApplicationContext(AppModule, { logger: false })
    const config = app.get(ConfigService)

    let printed = ''
    const out = new PassThrough()
    out.on('data', (chunk: Buffer) => (printed += chunk.toString()))
    new Console(out).dir(config, { showHidden: true, getters: true })
    printed += inspect(app.get('CONFIGURATION_TOKEN'), { showHidden: true, getters: true })
    await app.close()
    expectNoValue(printed, db, { in: 'ConfigService as console.dir prints it' })
    expect(printed).toContain('ConfigService')
  })
})
