import { Controller, Get } from '@nestjs/common'
import { ConfigService } from '@nestjs/config'
import { InjectSecret, type SecretHandle } from '@hush/nestjs'
import { DatabaseService } from './database/database.service.js'
import { fingerprint } from './fingerprint.js'
import { PartnerClient } from './partner/partner.client.js'

/** What a request sees: which secrets are in use, as fingerprints, and never a value. */
@Controller()
export class StatusController {
  // Property injection works as well as a constructor parameter (PartnerClient uses that).
  @InjectSecret('API_KEY') private readonly apiKey!: SecretHandle

  constructor(
    private readonly config: ConfigService,
    private readonly database: DatabaseService,
    private readonly partner: PartnerClient,
  ) {}

  @Get()
  status() {
    const db = this.database.query()
    return {
      greeting: this.config.get<string>('GREETING'),
      pid: process.pid,
      db: { pool: db.pool, fingerprint: db.fingerprint },
      apiKey: { client: this.partner.keyFingerprint(), controller: fingerprint(this.apiKey.value) },
    }
  }
}
