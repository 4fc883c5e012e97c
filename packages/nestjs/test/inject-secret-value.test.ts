import 'reflect-metadata'
import { inspect } from 'node:util'
import { Injectable, type LoggerService, Module } from '@nestjs/common'
import { NestFactory } from '@nestjs/core'
import { expectNoValue } from '@hush/test-kit'
import { describe, expect, it } from 'vitest'
import { HushModule, InjectSecret, type SecretHandle } from '../src/index.js'
import { project, secretValue } from './project.js'

/** Everything Nest logs while it builds the app, as text. */
function recordingLogger(): LoggerService & { text(): string } {
  const lines: string[] = []
  const record = (...args: unknown[]) => void lines.push(args.map((a) => (typeof a === 'string' ? a : inspect(a))).join(' '))
  return { log: record, error: record, warn: record, debug: record, verbose: record, fatal: record, text: () => lines.join('\n') }
}

// hush.get(value) describes a value asked for by name ("a 35-character text ... it is the value
// of a secret") and never prints it. @InjectSecret(value) is the same mistake in a Nest app
// (the platform set API_KEY to the value itself, and the code passed process.env.API_KEY), but
// HushModule's "knows no secret named ..." error quotes it, four times, in the error Nest
// throws and logs.
describe('@InjectSecret given a value instead of a name', () => {
  it('fails the bootstrap without the value in the error or in what Nest logs', async () => {
    const key = secretValue('sk_live')
    process.env.API_KEY = key
    const p = project({ config: { secrets: { API_KEY: {} } } })

    @Injectable()
    class Payments {
      constructor(@InjectSecret(process.env.API_KEY!) readonly key: SecretHandle) {}
    }
    @Module({ imports: [HushModule.forRoot({ cwd: p.dir })], providers: [Payments] })
    class AppModule {}

    const logger = recordingLogger()
    const error: unknown = await NestFactory.createApplicationContext(AppModule, { logger, abortOnError: false }).catch((e: unknown) => e)
    expectNoValue(`${String(error)}\n${(error as Error).stack}\n${inspect(error)}`, key, { in: 'the bootstrap error' })
    expectNoValue(logger.text(), key, { in: "Nest's log of the failed bootstrap" })
    expect(error).toBeInstanceOf(Error)
  })
})
