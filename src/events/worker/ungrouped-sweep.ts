import { Inject, Injectable, Logger } from '@nestjs/common';
import { type AppConfig } from '../../config/config';
import { APP_CONFIG } from '../../config/config.module';
import { PeriodicSweep } from '../../queue/periodic-sweep';
import { EventsProducer } from '../events.producer';
import { EventsRepository } from '../events.repository';

const SWEEP_BATCH = 1_000;
const DAY_MS = 86_400_000;
/** Time a freshly scored article is left to the completion listener before the sweep takes it. */
const GRACE_MS = 30_000;

/**
 * Enqueues articles scored in the last day that are in no event: their scoring completed
 * while no worker listened, or their assignment failed for good. Runs in every worker at the
 * requeue interval; several sweeping together is harmless (assignment is idempotent).
 */
@Injectable()
export class UngroupedSweep extends PeriodicSweep {
  protected readonly logger = new Logger(UngroupedSweep.name);

  constructor(
    @Inject(APP_CONFIG) config: AppConfig,
    private readonly repository: EventsRepository,
    private readonly producer: EventsProducer,
  ) {
    super('events sweep', config.scoring.requeueIntervalMs, false);
  }

  async sweep(): Promise<number> {
    const ids = await this.repository.ungrouped(DAY_MS, GRACE_MS, SWEEP_BATCH);
    for (const { id, monitor } of ids)
      await this.producer.assign(id, monitor, `sweep-${id}-${monitor}`);
    if (ids.length > 0) this.logger.log(`enqueued ${ids.length} scored article(s) in no event`);
    return ids.length;
  }
}
