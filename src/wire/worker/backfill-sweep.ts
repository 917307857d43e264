import { Inject, Injectable, Logger } from '@nestjs/common';
import { type AppConfig } from '../../config/config';
import { APP_CONFIG } from '../../config/config.module';
import { PeriodicSweep } from '../../queue/periodic-sweep';
import { describeBackfill, WireStoriesService } from '../wire-stories.service';

/**
 * Drains wire_backfill (articles stored before wire linking, queued by migration 1764401400000
 * or by `tonewatch wire backfill`) in the background: starts with the worker without holding
 * its start-up, runs batch after batch until the queue is empty, stops between batches on
 * shutdown, and looks again at the requeue interval. Several workers share the queue (each
 * batch skips the entries another has claimed).
 */
@Injectable()
export class WireBackfillSweep extends PeriodicSweep {
  protected readonly logger = new Logger(WireBackfillSweep.name);
  private stopping = false;

  constructor(
    @Inject(APP_CONFIG) config: AppConfig,
    private readonly wireStories: WireStoriesService,
  ) {
    super('wire backfill', config.scoring.requeueIntervalMs, true);
  }

  async sweep(): Promise<number> {
    const totals = await this.wireStories.backfill({
      stop: () => this.stopping,
      progress: (t) => this.logger.log(`wire backfill: ${describeBackfill(t)}`),
    });
    if (totals.fingerprinted > 0) this.logger.log(`wire backfill: ${describeBackfill(totals)}`);
    return totals.fingerprinted;
  }

  override async onApplicationShutdown(): Promise<void> {
    this.stopping = true;
    await super.onApplicationShutdown();
  }
}
