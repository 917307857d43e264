import { Controller, Get, Header, Logger } from '@nestjs/common';
import { ApiOperation, ApiProduces, ApiResponse, ApiTags } from '@nestjs/swagger';
import { Access } from '../auth/access.decorator';
import { QUEUES } from '../queue/queue-names';
import { QueueInspector } from '../queue/queue-inspector';
import { MetricsService } from './metrics.service';

@ApiTags('operations')
@Controller('metrics')
export class MetricsController {
  private readonly logger = new Logger(MetricsController.name);

  constructor(
    private readonly metrics: MetricsService,
    private readonly inspector: QueueInspector,
  ) {}

  @Get()
  @Access('read')
  @Header('Cache-Control', 'no-store')
  @Header('Content-Type', 'text/plain; version=0.0.4; charset=utf-8')
  @ApiOperation({
    summary: 'Prometheus metrics of this API process: HTTP latency and queue depth',
    description:
      'Job durations, paragraphs analysed, analysis failures and alerts fired are counted where ' +
      'the work happens: each worker serves them on its own METRICS_PORT.',
  })
  @ApiProduces('text/plain')
  @ApiResponse({ status: 200, description: 'Prometheus text exposition format' })
  async scrape(): Promise<string> {
    await this.refreshQueueDepth();
    return this.metrics.registry.metrics();
  }

  /** Queue depth is read on scrape, so it is as fresh as the scrape and costs nothing between. */
  private async refreshQueueDepth(): Promise<void> {
    this.metrics.queueJobs.reset();
    for (const name of Object.values(QUEUES)) {
      try {
        const counts = await this.inspector.jobCounts(name);
        for (const [state, count] of Object.entries(counts)) {
          this.metrics.queueJobs.set({ queue: name, state }, count);
        }
      } catch (error) {
        this.logger.warn(`queue ${name} depth unavailable: ${(error as Error).message}`);
      }
    }
  }
}
