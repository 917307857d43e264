import { Inject, Injectable } from '@nestjs/common';
import { type AppConfig } from '../config/config';
import { APP_CONFIG } from '../config/config.module';
import { ingestPage } from './page-article';
import { type FetchedDocument, fetchLimitsFrom, type FetchLimits, safeFetch } from '../fetching';
import { ArticleSubmissionService } from '../ingestion/article-submission.service';
import { parseFeed } from './feed-parser';
import { describeFailure, type IngestFailure } from './ingest-failure';
import { FEED_ACCEPT, HTML_ACCEPT, isFeedMediaType, isHtmlMediaType } from './media-types';
import { type RunTrigger } from './source-run.entity';
import { SourceItemsRepository } from './source-items.repository';
import { SourceRunsRepository, type RunOutcome } from './source-runs.repository';
import { SourcesProducer } from './sources.producer';
import { type Source, SourcesRepository } from './sources.repository';

export type PollResult =
  | { status: 'skipped'; reason: string }
  | { status: 'done'; runId: string }
  | { status: 'failed'; runId: string; failure: IngestFailure };

/**
 * One poll of one source, recorded as a run. A feed poll stores the unseen item urls and
 * fans out one fetch job per item; a page poll ingests the page itself. The validators
 * (ETag, Last-Modified) are saved only after that, so an unchanged feed then costs one 304.
 */
@Injectable()
export class SourcePollService {
  private readonly limits: FetchLimits;

  constructor(
    @Inject(APP_CONFIG) config: AppConfig,
    private readonly sources: SourcesRepository,
    private readonly runs: SourceRunsRepository,
    private readonly items: SourceItemsRepository,
    private readonly producer: SourcesProducer,
    private readonly submissions: ArticleSubmissionService,
  ) {
    this.limits = fetchLimitsFrom(config);
  }

  async poll(sourceId: string, trigger: RunTrigger): Promise<PollResult> {
    const source = await this.sources.findById(sourceId);
    if (!source) return { status: 'skipped', reason: 'the source was deleted' };
    if (!source.enabled && trigger === 'schedule') {
      return { status: 'skipped', reason: 'the source is disabled' };
    }
    const runId = await this.runs.start(source.id, trigger);
    let document: FetchedDocument | undefined;
    try {
      document = await safeFetch(source.url, {
        ...this.limits,
        etag: source.etag,
        lastModified: source.lastModified,
        accept: source.kind === 'page' ? HTML_ACCEPT : FEED_ACCEPT,
        acceptsMediaType: source.kind === 'page' ? isHtmlMediaType : isFeedMediaType,
      });
      const outcome = document.notModified
        ? { httpStatus: 304 }
        : source.kind === 'page'
          ? await this.ingestPage(source, document)
          : await this.fanOut(source, runId, document);
      await this.runs.finish(runId, outcome);
      if (!document.notModified) {
        await this.sources.saveValidators(source.id, document.etag, document.lastModified);
      }
      return { status: 'done', runId };
    } catch (error) {
      const failure = describeFailure(error);
      await this.runs.finish(runId, {
        httpStatus: failure.httpStatus ?? document?.status ?? null,
        error: failure.message,
      });
      return { status: 'failed', runId, failure };
    }
  }

  private async fanOut(
    source: Source,
    runId: string,
    document: FetchedDocument,
  ): Promise<RunOutcome> {
    const found = await parseFeed(document.body, document.url);
    const unseen = await this.items.insertUnseen(source.id, runId, found);
    await this.producer.fetchItems(unseen);
    return {
      httpStatus: document.status,
      itemsSeen: found.length,
      duplicates: found.length - unseen.length,
    };
  }

  private async ingestPage(source: Source, document: FetchedDocument): Promise<RunOutcome> {
    const result = await ingestPage(this.submissions, document, {
      url: source.url,
      source: source.name,
      monitors: source.monitors,
    });
    return {
      httpStatus: document.status,
      itemsSeen: 1,
      newArticles: result.duplicate ? 0 : 1,
      duplicates: result.duplicate ? 1 : 0,
    };
  }
}
