import { Inject, Injectable, Logger } from '@nestjs/common';
import { type AppConfig } from '../config/config';
import { APP_CONFIG } from '../config/config.module';
import { PeriodicSweep } from '../queue/periodic-sweep';
import { type ScoreArticleJob } from './scoring.job';
import { ScoringProducer } from './scoring.producer';
import { ArticlesRepository } from '../articles/articles.repository';

const SWEEP_BATCH = 1_000;

/**
 * Enqueues articles that wait in Postgres without a job: accepted while Redis was down, or
 * whose job Redis lost. Runs in every worker at start and then periodically; several workers
 * sweeping together only scores an article's run once, as the claim refuses a stored run.
 */
@Injectable()
export class RequeueSweep extends PeriodicSweep {
  protected readonly logger = new Logger(RequeueSweep.name);

  constructor(
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly articles: ArticlesRepository,
    private readonly producer: ScoringProducer,
  ) {
    super('requeue sweep', config.scoring.requeueIntervalMs, true);
  }

  /** Returns how many articles were enqueued again. */
  async sweep(): Promise<number> {
    const waiting = await this.articles.findWaiting(
      this.config.scoring.requeueAfterMs,
      SWEEP_BATCH,
    );
    // Articles of one chunk share its job: Redis is asked once per job.
    const known = new Map<string, boolean>();
    const orphans: ScoreArticleJob[] = [];
    for (const article of waiting) {
      const key = article.scoringJob ?? `${article.id}/${article.analysisRun}`;
      let exists = known.get(key);
      if (exists === undefined) {
        exists = await this.producer.hasJob(article.id, article.analysisRun, article.scoringJob);
        known.set(key, exists);
      }
      if (exists) continue;
      orphans.push({
        articleId: article.id,
        analysisRun: article.analysisRun,
        requestId: article.requestId ?? undefined,
      });
    }
    await this.producer.enqueueChunked(orphans);
    if (orphans.length > 0) {
      this.logger.log(`enqueued ${orphans.length} article(s) that had no scoring job`);
    }
    return orphans.length;
  }
}
