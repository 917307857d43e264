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
    const restarted = await this.articles.restartRuns({
      monitor: request.monitor,
      notVersion: (request.olderThanVersion ?? true) ? ANALYSIS_VERSION : undefined,
      monitorVersions: Object.fromEntries(listMonitors().map((m) => [m.id, m.version])),
      limit: request.limit ?? DEFAULT_REANALYSIS_LIMIT,
    });
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
