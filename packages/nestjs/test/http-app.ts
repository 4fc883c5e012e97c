import 'reflect-metadata'
import { createHash } from 'node:crypto'
import type { Server } from 'node:http'
import type { AddressInfo } from 'node:net'
import { Controller, Get, type INestApplication, Module, Param, type Provider, type Type } from '@nestjs/common'
import { ConfigModule, ConfigService } from '@nestjs/config'
import { NestFactory } from '@nestjs/core'
import { HealthCheck, HealthCheckService, TerminusModule } from '@nestjs/terminus'
import { HushHealthIndicator, HushModule, type HushModuleOptions } from '../src/index.js'

/** What a response may say about a value: a short hash, never the value. */
export const fingerprint = (value: unknown) => createHash('sha256').update(String(value)).digest('hex').slice(0, 12)

@Controller()
class SecretsController {
  constructor(
    private readonly config: ConfigService,
    private readonly health: HealthCheckService,
    private readonly hush: HushHealthIndicator,
  ) {}

  // Read as most Nest code reads configuration: synchronously, through ConfigService.
  @Get('secret/:name')
  read(@Param('name') name: string) {
    try {
      const value = this.config.get<string>(name)
      return value === undefined ? { missing: true } : { fingerprint: fingerprint(value) }
    } catch (error) {
      return { error: (error as { code?: string }).code ?? 'Error' }
    }
  }

  @Get('health')
  @HealthCheck()
  check() {
    return this.health.check([() => this.hush.isHealthy('secrets')])
  }
}

export interface HttpApp {
  app: INestApplication
  url: string
  get(path: string): Promise<{ status: number; body: any }>
  close(): Promise<void>
}

/** A Nest app over real HTTP on 127.0.0.1: ConfigModule, HushModule.forRoot, Terminus, and `/secret/:name` and `/health`. */
export async function httpApp(options: { dir: string; hush: HushModuleOptions; controllers?: Type[]; providers?: Provider[] }): Promise<HttpApp> {
  @Module({
    imports: [
      ConfigModule.forRoot({ isGlobal: true, envFilePath: `${options.dir}/.env` }),
      HushModule.forRoot({ isGlobal: true, cwd: options.dir, ...options.hush }),
      TerminusModule.forRoot({ logger: false }),
    ],
    controllers: [SecretsController, ...(options.controllers ?? [])],
    providers: options.providers ?? [],
  })
  class AppModule {}
  const app = await NestFactory.create(AppModule, { logger: false, abortOnError: false })
  await app.listen(0, '127.0.0.1')
  const url = `http://127.0.0.1:${((app.getHttpServer() as Server).address() as AddressInfo).port}`
  return {
    app,
    url,
    async get(path) {
      const response = await fetch(`${url}${path}`)
      return { status: response.status, body: await response.json() }
    },
    close: () => app.close(),
  }
}

/** Polls `check` until it holds (a background refresh has landed); fails after `ms` saying what was awaited. */
export async function until(what: string, check: () => Promise<boolean>, ms = 15_000): Promise<void> {
  const end = Date.now() + ms
  while (!(await check())) {
    if (Date.now() > end) throw new Error(`${what}: not seen within ${ms} ms`)
    await new Promise((r) => setTimeout(r, 100))
  }
}
