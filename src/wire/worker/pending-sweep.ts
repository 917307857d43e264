import { Inject, Injectable, Logger } from '@nestjs/common';
import { type AppConfig } from '../../config/config';
import { APP_CONFIG } from '../../config/config.module';
import { PeriodicSweep } from '../../queue/periodic-sweep';
import { WireStoriesService } from '../wire-stories.service';

const SWEEP_BATCH = 200;
/** Time a freshly scored article is left to the completion listener before the sweep takes it. */
const GRACE_MS = 10_000;

/**
 * Links scored articles still marked wire_pending: their completion was heard by no worker,
 * or their link failed (a deadlock victim, the database away). Runs in every worker at the
 * requeue interval; several at once are harmless, as linking is idempotent and serialised.
 */
@Injectable()
export class WirePendingSweep extends PeriodicSweep {
  protected readonly logger = new Logger(WirePendingSweep.name);

  constructor(
    @Inject(APP_CONFIG) config: AppConfig,
    private readonly wireStories: WireStoriesService,
  ) {
    super('wire sweep', config.scoring.requeueIntervalMs, false);
  }

  async sweep(): Promise<number> {
    const ids = await this.wireStories.pending(GRACE_MS, SWEEP_BATCH);
    await this.wireStories.linkPending(ids);
    if (ids.length > 0) this.logger.log(`linked ${ids.length} scored article(s) left pending`);
    return ids.length;
  }
}
