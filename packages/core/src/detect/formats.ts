import { AI_FORMATS } from './formats/ai.js'
import { CLOUD_FORMATS } from './formats/cloud.js'
import { CODE_FORMATS } from './formats/code.js'
import type { TokenFormat } from './formats/define.js'
import { KEY_FORMATS } from './formats/keys.js'
import { MESSAGING_FORMATS } from './formats/messaging.js'
import { PAYMENT_FORMATS } from './formats/payments.js'
import { IDENTITY_FORMATS, OBSERVABILITY_FORMATS, PRODUCTIVITY_FORMATS } from './formats/saas.js'

export type { TokenFormat } from './formats/define.js'

/**
 * Token formats that are secrets wherever they appear, whatever they are called: each anchored
 * on a vendor prefix or a fixed shape (and a checksum where the vendor has one), or, for values
 * with no shape of their own, on the name they are given in the same line. Public counterparts
 * (Stripe `pk_`, Algolia search keys, PEM public keys and certificates) are left out on purpose.
 * Where two overlap, the earlier entry wins.
 */
export const TOKEN_FORMATS: readonly TokenFormat[] = [
  ...CLOUD_FORMATS,
  ...CODE_FORMATS,
  ...MESSAGING_FORMATS,
  ...PAYMENT_FORMATS,
  ...AI_FORMATS,
  ...OBSERVABILITY_FORMATS,
  ...PRODUCTIVITY_FORMATS,
  ...IDENTITY_FORMATS,
  ...KEY_FORMATS,
]
