import { Controller, Get } from '@nestjs/common'
import { HealthCheck, HealthCheckService } from '@nestjs/terminus'
import { HushHealthIndicator } from '@hush/nestjs'

/**
 * `GET /health`: `ok` while AWS Secrets Manager answers; `degraded` (still 200) while it is
 * down and hush serves the last good values; 503 once a secret can no longer be served.
 */
@Controller('health')
export class HealthController {
  constructor(
    private readonly health: HealthCheckService,
    private readonly secrets: HushHealthIndicator,
  ) {}

  @Get()
  @HealthCheck()
  check() {
    return this.health.check([() => this.secrets.isHealthy('secrets')])
  }
}
