import { Inject, Injectable, Logger } from '@nestjs/common';
import { getMonitor, pickMonitors, type ArticleAnalysis } from '../analysis';
import { type AppConfig } from '../config/config';
import { APP_CONFIG } from '../config/config.module';
import { ARTICLE_ANALYZER, type ArticleAnalyzer } from './article-analyzer';
import { emptyResult, type ScoreArticleJob, type ScoreArticleResult } from './scoring.job';
import {
  ArticlesRepository,
  type ClaimedArticle,
  type Unclaimable,
} from '../articles/articles.repository';
import { ScoringRepository, type StoreItem } from './scoring.repository';

/** An article of a chunk whose analysis (or store on its own) threw; its chunk was stored. */
export interface ArticleFailure {
  job: ScoreArticleJob;
  article: ClaimedArticle;
  error: Error;
}

export interface ChunkOutcome {
  /** one per article of the chunk, in its order; failures have no result here */
  results: ScoreArticleResult[];
  failures: ArticleFailure[];
}

/** Scores a chunk of articles: the whole job, without BullMQ, so it can be run and tested directly. */
@Injectable()
export class ScoringService {
  private readonly logger = new Logger(ScoringService.name);

  constructor(
    private readonly repository: ScoringRepository,
    private readonly articles: ArticlesRepository,
    @Inject(ARTICLE_ANALYZER) private readonly analyze: ArticleAnalyzer,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  /** One article; its analysis error is thrown, as a job of one article retries whole. */
  async score(job: ScoreArticleJob): Promise<ScoreArticleResult> {
    const { results, failures } = await this.scoreChunk([job]);
    if (failures.length > 0) throw failures[0].error;
    return results[0];
  }

  /**
   * Claims the chunk's articles in one statement, analyses each, and stores all that analysed
   * in one transaction. An article whose analysis throws is reported in `failures` and the
   * others are stored without it. A store that throws is tried again article by article, so
   * that one article the store refuses fails alone; when every one of them fails too (Postgres
   * is down, say) the error is thrown and the whole chunk is retried.
   */
  async scoreChunk(jobs: ScoreArticleJob[]): Promise<ChunkOutcome> {
    const claimed = await this.articles.claimChunk(jobs);
    const byId = new Map(claimed.map((a) => [a.id, a]));
    const unclaimed = jobs.filter((j) => !byId.has(j.articleId));
    const skipped =
      unclaimed.length > 0
        ? await this.articles.unclaimable(unclaimed)
        : new Map<string, Unclaimable>();

    const items: StoreItem[] = [];
    const failures: ArticleFailure[] = [];
    const jobOf = new Map(jobs.map((j) => [j.articleId, j]));
    for (const article of claimed) {
      try {
        items.push({ article, analyses: await this.analysed(article) });
      } catch (error) {
        failures.push({ job: jobOf.get(article.id)!, article, error: asError(error) });
      }
    }
    const stored = await this.storeAlone(items, failures, jobOf);

    const analyses = new Map(items.map((i) => [i.article.id, i.analyses]));
    const failed = new Set(failures.map((f) => f.article.id));
    const results: ScoreArticleResult[] = [];
    for (const job of jobs) {
      const article = byId.get(job.articleId);
      if (!article) {
        const { monitors, reason } = skipped.get(job.articleId)!;
        this.logger.log(`article ${job.articleId} run ${job.analysisRun} skipped: ${reason}`);
        results.push(emptyResult(job.articleId, monitors, reason));
      } else if (failed.has(article.id)) {
        continue;
      } else if (!stored.has(article.id)) {
        // Another delivery claimed the article after this one (this worker lost its lock while
        // analysing), or a re-analysis moved on: that one stores, this one writes nothing.
        this.logger.warn(
          `article ${article.id} run ${job.analysisRun} attempt ${article.attempt}: claim lost before storing, nothing written`,
        );
        const monitors = analyses.get(article.id)!.map((a) => a.monitor);
        results.push(emptyResult(article.id, monitors, 'claim-lost'));
      } else {
        const monitors = analyses
          .get(article.id)!
          .map((a) => ({ monitor: a.monitor, paragraphs: a.paragraphs.length }));
        const paragraphs = monitors.reduce((sum, m) => sum + m.paragraphs, 0);
        results.push({ articleId: article.id, monitor: monitors[0].monitor, paragraphs, monitors });
      }
    }
    return { results, failures };
  }

  /**
   * After an attempt threw: waits for a retry, or is failed for good after the last one. An
   * article whose run was stored meanwhile stays scored (see ArticlesRepository.markFailed).
   */
  async recordFailure(job: ScoreArticleJob, error: Error, final: boolean): Promise<void> {
    const message = `${error.name}: ${error.message}`.slice(0, 2_000);
    if (final) {
      if (await this.articles.markFailed(job.articleId, job.analysisRun, message)) {
        this.logger.warn(`article ${job.articleId} failed: ${message}`);
      } else {
        this.logger.warn(
          `article ${job.articleId} run ${job.analysisRun}: job failed (${message}) but the run is stored or superseded; article left as it is`,
        );
      }
    } else {
      await this.articles.recordRetry(job.articleId, job.analysisRun, message);
    }
  }

  /**
   * The article's analyses, one per monitor: its monitors, and for an `auto` article not
   * picked yet, then the monitors the core's rule picks (src/analysis/several-monitors.ts);
   * the default monitor only when the article has no other.
   */
  private async analysed(article: ClaimedArticle): Promise<ArticleAnalysis[]> {
    const source = article.source ?? undefined;
    const monitors = [...article.monitors];
    if (article.autoMonitors) {
      for (const { monitor } of pickMonitors(article.body, {
        source,
        defaultMonitor: monitors.length > 0 ? null : this.config.monitors.default,
      })) {
        if (!monitors.includes(monitor)) monitors.push(monitor);
      }
    }
    for (const monitor of monitors) getMonitor(monitor); // an unknown one fails before any analysis
    const analyses: ArticleAnalysis[] = [];
    for (const monitor of monitors)
      analyses.push(await this.analyze(article.body, { monitor, source }));
    return analyses;
  }

  /** The chunk in one transaction; if that throws, each article in its own (see scoreChunk). */
  private async storeAlone(
    items: StoreItem[],
    failures: ArticleFailure[],
    jobOf: Map<string, ScoreArticleJob>,
  ): Promise<Set<string>> {
    try {
      return await this.repository.storeAnalyses(items);
    } catch (error) {
      if (items.length < 2) throw error;
      this.logger.warn(
        `chunk of ${items.length} articles not stored (${asError(error).message}); storing them one by one`,
      );
      const stored = new Set<string>();
      const refused: ArticleFailure[] = [];
      for (const item of items) {
        try {
          if (await this.repository.storeAnalysis(item.article, ...item.analyses)) {
            stored.add(item.article.id);
          }
        } catch (alone) {
          refused.push({
            job: jobOf.get(item.article.id)!,
            article: item.article,
            error: asError(alone),
          });
        }
      }
      if (refused.length === items.length) throw error;
      failures.push(...refused);
      return stored;
    }
  }
}

function asError(error: unknown): Error {
  return error instanceof Error ? error : new Error(String(error));
}
