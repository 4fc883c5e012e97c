import { Injectable, Logger, type OnApplicationShutdown } from '@nestjs/common'
import { ConfigService } from '@nestjs/config'
import { HushService, type RotationEvent } from '@hush/nestjs'
import { Pool } from './pool.js'

/**
 * Owns the connection pool. The password comes from `configService.get`, as in any Nest app:
 * @hush/nestjs answers it with the value resolved from AWS Secrets Manager, and with the new
 * value once the secret has rotated. The pool itself keeps the password it connected with, so
 * a rotation recycles it: a new pool on the new password, then the old one is closed.
 */
@Injectable()
export class DatabaseService implements OnApplicationShutdown {
  readonly #logger = new Logger(DatabaseService.name)
  readonly #config: ConfigService
  readonly #unsubscribe: () => void
  #pool: Pool

  constructor(config: ConfigService, hush: HushService) {
    this.#config = config
    this.#pool = new Pool(1, this.#password())
    this.#unsubscribe = hush.onRotate('DB_PASSWORD', (event) => this.#recycle(event))
  }

  query(): { pool: number; fingerprint: string } {
    return this.#pool.query()
  }

  onApplicationShutdown(): void {
    this.#unsubscribe()
    this.#pool.close()
  }

  #password(): string {
    return this.#config.getOrThrow<string>('DB_PASSWORD')
  }

  #recycle(event: RotationEvent): void {
    const old = this.#pool
    // The new pool is in place before the old one closes: a request never finds no pool.
    this.#pool = new Pool(old.generation + 1, this.#password())
    old.close()
    this.#logger.log(`DB_PASSWORD rotated (version ${event.version ?? 'unknown'}): pool ${this.#pool.generation} connected, pool ${old.generation} closed`)
  }
}
