import { Injectable } from '@nestjs/common'
import { InjectSecret, type SecretHandle } from '@hush/nestjs'
import { fingerprint } from '../fingerprint.js'

/**
 * A client of a partner's HTTP API, authenticated with API_KEY. The handle's `value` is read
 * for each call, so a rotated key is used from the next call on, with no restart.
 */
@Injectable()
export class PartnerClient {
  constructor(@InjectSecret('API_KEY') private readonly apiKey: SecretHandle) {}

  /** The headers a call would carry; this example sends nothing over the network. */
  headers(): Record<string, string> {
    return { authorization: `Bearer ${this.apiKey.value}` }
  }

  /** Which key the next call would use, as a fingerprint. */
  keyFingerprint(): string {
    return fingerprint(this.headers().authorization!.slice('Bearer '.length))
  }
}
