import { Inject, Injectable, Logger } from '@nestjs/common';
import { type AppConfig } from '../config/config';
import { APP_CONFIG } from '../config/config.module';
import { PeriodicSweep } from '../queue/periodic-sweep';
import { ScoringProducer } from './scoring.producer';
import { ScoringRepository } from './scoring.repository';

const SWEEP_BATCH = 1_000;

/**
 * Enqueues articles that wait in Postgres without a job: accepted while Redis was down, or
 * whose job Redis lost. Runs in every worker at start and then periodically; several workers
 * sweeping together is harmless because the job id is deterministic.
 */
@Injectable()
export class RequeueSweep extends PeriodicSweep {
  protected readonly logger = new Logger(RequeueSweep.name);

  constructor(
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly repository: ScoringRepository,
    private readonly producer: ScoringProducer,
  ) {
    super('requeue sweep', config.requeueIntervalMs, true);
  }

  /** Returns how many articles were enqueued again. */
  async sweep(): Promise<number> {
    const waiting = await this.repository.findWaiting(this.config.requeueAfterMs, SWEEP_BATCH);
    let enqueued = 0;
    for (const article of waiting) {
      if (await this.producer.hasJob(article.id, article.analysisRun)) continue;
      await this.producer.enqueue(article.id, article.analysisRun, article.requestId ?? undefined);
      enqueued++;
    }
    if (enqueued > 0) this.logger.log(`enqueued ${enqueued} article(s) that had no scoring job`);
    return enqueued;
  }
}
