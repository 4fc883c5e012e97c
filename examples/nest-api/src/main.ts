import 'reflect-metadata'
import type { Server } from 'node:http'
import type { AddressInfo } from 'node:net'
import { Logger } from '@nestjs/common'
import { NestFactory } from '@nestjs/core'
import { AppModule } from './app.module.js'

const app = await NestFactory.create(AppModule)
// SIGTERM and SIGINT close the app: hush stops its refresh timers and drops every value.
app.enableShutdownHooks()
// PORT=0 picks a free port; the line below says which (the tests and the demo read it).
await app.listen(Number(process.env.PORT ?? 3000), process.env.HOST ?? '127.0.0.1')
const { port } = (app.getHttpServer() as Server).address() as AddressInfo
new Logger('Main').log(`nest-api listening on http://127.0.0.1:${port} (pid ${process.pid})`)
