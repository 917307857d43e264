import { Controller, Get } from '@nestjs/common';
import {
  HealthCheck,
  HealthCheckService,
  HealthIndicatorService,
  TypeOrmHealthIndicator,
  type HealthCheckResult,
} from '@nestjs/terminus';
import { ApiOperation, ApiResponse, ApiTags } from '@nestjs/swagger';
import { Access } from '../auth/access.decorator';
import { QUEUES } from '../queue/queue-names';
import { QueueInspector } from '../queue/queue-inspector';

/** Each dependency gets this long; a probe must answer well within a load balancer's timeout. */
const CHECK_TIMEOUT_MS = 2_000;

@ApiTags('operations')
@Controller('health')
@Access('public')
export class HealthController {
  constructor(
    private readonly health: HealthCheckService,
    private readonly indicators: HealthIndicatorService,
    private readonly postgres: TypeOrmHealthIndicator,
    private readonly inspector: QueueInspector,
  ) {}

  @Get('live')
  @HealthCheck()
  @ApiOperation({ summary: 'Liveness: the process runs and answers; checks no dependency' })
  @ApiResponse({ status: 200, description: '{"status":"ok"}' })
  live(): Promise<HealthCheckResult> {
    return this.health.check([]);
  }

  @Get('ready')
  @HealthCheck()
  @ApiOperation({
    summary:
      'Readiness: Postgres answers SELECT 1, Redis answers PING, the scoring queue is readable',
  })
  @ApiResponse({ status: 200, description: 'every dependency is up' })
  @ApiResponse({ status: 503, description: 'a dependency is down; `error` names it and why' })
  ready(): Promise<HealthCheckResult> {
    return this.health.check([
      () => this.postgres.pingCheck('postgres').withTimeout(CHECK_TIMEOUT_MS),
      () =>
        this.indicators
          .check('redis')
          .attempt(() => this.inspector.ping())
          .withTimeout(CHECK_TIMEOUT_MS),
      () =>
        this.indicators
          .check('scoringQueue')
          .attempt(async () => ({
            waiting: (await this.inspector.jobCounts(QUEUES.scoring)).waiting,
          }))
          .withTimeout(CHECK_TIMEOUT_MS),
    ]);
  }
}
