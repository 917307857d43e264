import { Injectable, Logger } from '@nestjs/common';
import { ANALYSIS_VERSION, listMonitors } from '../analysis';
import { assertKnownMonitor } from '../monitors/known-monitor';
import { ArticlesRepository } from '../articles/articles.repository';
import { ScoringProducer } from './scoring.producer';

export interface ReanalysisRequest {
  monitor?: string;
  /** true (the default): only articles scored by another analysis version or monitor version */
  olderThanVersion?: boolean;
  limit?: number;
}

export interface ReanalysisResult {
  requeued: number;
  analysisVersion: string;
}

export const DEFAULT_REANALYSIS_LIMIT = 10_000;

/**
 * An article another transaction holds at the moment of the pick (a chunk being stored, its wire
 * links being written) is passed over and picked by a later pass, these many at the most.
 */
const LOCKED_RETRY_PASSES = 20;
const LOCKED_RETRY_DELAY_MS = 100;

/**
 * Re-queues finished articles so that the current analysis version, with the current version of
 * their monitor, scores them again.
 */
@Injectable()
export class ReanalysisService {
  private readonly logger = new Logger(ReanalysisService.name);

  constructor(
    private readonly articles: ArticlesRepository,
    private readonly producer: ScoringProducer,
  ) {}

  async reanalyze(request: ReanalysisRequest): Promise<ReanalysisResult> {
    if (request.monitor !== undefined) assertKnownMonitor(request.monitor);
    const selection = {
      monitor: request.monitor,
      notVersion: (request.olderThanVersion ?? true) ? ANALYSIS_VERSION : undefined,
      monitorVersions: Object.fromEntries(listMonitors().map((m) => [m.id, m.version])),
    };
    const limit = request.limit ?? DEFAULT_REANALYSIS_LIMIT;
    const restarted = await this.articles.restartRuns({ ...selection, limit });
    for (let pass = 0; pass < LOCKED_RETRY_PASSES && restarted.length < limit; pass++) {
      if (!(await this.articles.anyRestartable(selection))) break;
      await new Promise((resolve) => setTimeout(resolve, LOCKED_RETRY_DELAY_MS));
      restarted.push(
        ...(await this.articles.restartRuns({ ...selection, limit: limit - restarted.length })),
      );
    }
    try {
      await this.producer.enqueueChunked(
        restarted.map(({ id, analysisRun }) => ({ articleId: id, analysisRun })),
      );
    } catch (error) {
      this.logger.warn(
        `${restarted.length} article(s) marked for re-analysis but not enqueued (${(error as Error).message}); the requeue sweep will enqueue them`,
      );
    }
    return { requeued: restarted.length, analysisVersion: ANALYSIS_VERSION };
  }
}
