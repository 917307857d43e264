import { Inject, Injectable, Logger } from '@nestjs/common';
import { type AppConfig } from '../../config/config';
import { APP_CONFIG } from '../../config/config.module';
import { PeriodicSweep } from '../../queue/periodic-sweep';
import { EventsService } from '../events.service';

const SWEEP_BATCH = 200;
/** Longest a wire link leaves an event's stored figures stale (a probe of a partial index). */
const STALE_SWEEP_MS = 5_000;

/**
 * Recomputes the stored figures of events whose articles a wire link moved between groups
 * after the figures were stored (the link marks them, in its own transaction): an event's
 * article count, tone and asymmetry count a wire story once, so they follow the links. Starts
 * with the worker (migration 1764401600000 marks the events it could not recompute); several
 * workers at once only recompute an event twice.
 */
@Injectable()
export class StaleReadoutsSweep extends PeriodicSweep {
  protected readonly logger = new Logger(StaleReadoutsSweep.name);

  constructor(
    @Inject(APP_CONFIG) config: AppConfig,
    private readonly events: EventsService,
  ) {
    super('event readouts sweep', Math.min(config.scoring.requeueIntervalMs, STALE_SWEEP_MS), true);
  }

  async sweep(): Promise<number> {
    let total = 0;
    for (;;) {
      const refreshed = await this.events.refreshStale(SWEEP_BATCH);
      total += refreshed;
      if (refreshed < SWEEP_BATCH) break;
    }
    if (total > 0)
      this.logger.log(`refreshed the figures of ${total} event(s) a wire link changed`);
    return total;
  }
}
