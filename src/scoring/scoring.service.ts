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
      const monitor = (await this.repository.findMonitor(job.articleId)) ?? null;
      const skipped = monitor === null ? 'article-gone' : 'superseded';
      this.logger.log(`article ${job.articleId} run ${job.analysisRun} skipped: ${skipped}`);
      return { articleId: job.articleId, monitor, paragraphs: 0, skipped };
    }
    const analysis = this.analyze(article.body, {
      monitor: article.monitor,
      source: article.source ?? undefined,
    });
    await this.repository.storeAnalysis(article, analysis);
    return {
      articleId: article.id,
      monitor: article.monitor,
      paragraphs: analysis.paragraphs.length,
    };
  }

  /** After an attempt threw: waits for a retry, or is failed for good after the last one. */
  async recordFailure(articleId: string, error: Error, final: boolean): Promise<void> {
    const message = `${error.name}: ${error.message}`.slice(0, 2_000);
    if (final) {
      await this.repository.markFailed(articleId, message);
      this.logger.warn(`article ${articleId} failed: ${message}`);
    } else {
      await this.repository.recordRetry(articleId, message);
    }
  }
}
