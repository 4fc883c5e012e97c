import { Module } from '@nestjs/common'
import { PartnerClient } from './partner.client.js'

@Module({ providers: [PartnerClient], exports: [PartnerClient] })
export class PartnerModule {}
