import { Logger } from '@nestjs/common'
import { fingerprint } from '../fingerprint.js'

/**
 * Stands in for a database driver's connection pool: it "connects" with a password and
 * keeps it, as a real pool does, for the connections it opens later. A pool keeps the
 * password it was built with, so after a rotation the app must build a new one.
 */
export class Pool {
  readonly #logger = new Logger(Pool.name)
  readonly #password: string
  #open = true

  constructor(
    readonly generation: number,
    password: string,
  ) {
    this.#password = password
    // Drivers print their connection string at debug level. Kept on purpose: with
    // `redactLogs: true` the password in it is masked in the app's output.
    this.#logger.log(`pool ${generation}: connecting to postgres://nest_api:${password}@db.internal:5432/orders`)
  }

  /** What a query would report about the connection it ran on: never the password itself. */
  query(): { pool: number; fingerprint: string } {
    if (!this.#open) throw new Error(`pool ${this.generation} is closed`)
    return { pool: this.generation, fingerprint: fingerprint(this.#password) }
  }

  close(): void {
    this.#open = false
  }
}
