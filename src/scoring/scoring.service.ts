import { Inject, Injectable, Logger } from '@nestjs/common';
import { ARTICLE_ANALYZER, type ArticleAnalyzer } from './article-analyzer';
import { type ScoreArticleJob, type ScoreArticleResult } from './scoring.job';
import { ScoringRepository } from './scoring.repository';

/** Scores one article: the whole job, without BullMQ, so it can be run and tested directly. */
@Injectable()
export class ScoringService {
  private readonly logger = new Logger(ScoringService.name);

  constructor(
    private readonly repository: ScoringRepository,
    @Inject(ARTICLE_ANALYZER) private readonly analyze: ArticleAnalyzer,
  ) {}

  async score(job: ScoreArticleJob): Promise<ScoreArticleResult> {
    const article = await this.repository.claim(job.articleId, job.analysisRun);
    if (!article) {
      const { monitor, reason } = await this.repository.unclaimable(job.articleId, job.analysisRun);
      this.logger.log(`article ${job.articleId} run ${job.analysisRun} skipped: ${reason}`);
      return { articleId: job.articleId, monitor, paragraphs: 0, skipped: reason };
    }
    const analysis = await this.analyze(article.body, {
      monitor: article.monitor,
      source: article.source ?? undefined,
    });
    if (!(await this.repository.storeAnalysis(article, analysis))) {
      // Another delivery of this job claimed the article after this one (this worker lost its
      // lock while analysing), or a re-analysis moved on: that one stores, this one writes nothing.
      this.logger.warn(
        `article ${job.articleId} run ${job.analysisRun} attempt ${article.attempt}: claim lost before storing, nothing written`,
      );
      return {
        articleId: article.id,
        monitor: article.monitor,
        paragraphs: 0,
        skipped: 'claim-lost',
      };
    }
    return {
      articleId: article.id,
      monitor: article.monitor,
      paragraphs: analysis.paragraphs.length,
    };
  }

  /**
   * After an attempt threw: waits for a retry, or is failed for good after the last one. An
   * article whose run was stored meanwhile stays scored (see ScoringRepository.markFailed).
   */
  async recordFailure(job: ScoreArticleJob, error: Error, final: boolean): Promise<void> {
    const message = `${error.name}: ${error.message}`.slice(0, 2_000);
    if (final) {
      if (await this.repository.markFailed(job.articleId, job.analysisRun, message)) {
        this.logger.warn(`article ${job.articleId} failed: ${message}`);
      } else {
        this.logger.warn(
          `article ${job.articleId} run ${job.analysisRun}: job failed (${message}) but the run is stored or superseded; article left as it is`,
        );
      }
    } else {
      await this.repository.recordRetry(job.articleId, job.analysisRun, message);
    }
  }
}
