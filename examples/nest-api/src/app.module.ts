import { Module } from '@nestjs/common'
import { ConfigModule } from '@nestjs/config'
import { TerminusModule } from '@nestjs/terminus'
import { HushModule } from '@hush/nestjs'
import { DatabaseModule } from './database/database.module.js'
import { HealthController } from './health.controller.js'
import { PartnerModule } from './partner/partner.module.js'
import { StatusController } from './status.controller.js'

@Module({
  imports: [
    ConfigModule.forRoot({ isGlobal: true }),
    // Resolves the aws-sm:// references .env holds before the app listens (a missing secret
    // stops the bootstrap), and masks every resolved value in what the process prints.
    HushModule.forRoot({ isGlobal: true, redactLogs: true }),
    TerminusModule,
    DatabaseModule,
    PartnerModule,
  ],
  controllers: [StatusController, HealthController],
})
export class AppModule {}
