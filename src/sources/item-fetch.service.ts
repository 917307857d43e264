import { Inject, Injectable } from '@nestjs/common';
import { type AppConfig } from '../config/config';
import { APP_CONFIG } from '../config/config.module';
import { ingestPage } from './page-article';
import { fetchLimitsFrom, type FetchLimits, safeFetch } from '../fetching';
import { ArticleSubmissionService } from '../ingestion/article-submission.service';
import { describeFailure, type IngestFailure } from './ingest-failure';
import { HTML_ACCEPT, isHtmlMediaType } from './media-types';
import { SourceItemsRepository } from './source-items.repository';
import { type ItemOutcome } from './source-runs.repository';

export type ItemResult =
  | { status: 'skipped'; reason: string }
  | { status: ItemOutcome; articleId: string | null }
  | { status: 'retry'; failure: IngestFailure };

/**
 * Fetches one feed item's page, extracts its main text and submits it as an article with
 * the feed's title, url and date and the source's name as outlet. Safe to run twice: a
 * settled item is skipped, and submission deduplicates by url and content.
 */
@Injectable()
export class ItemFetchService {
  private readonly limits: FetchLimits;

  constructor(
    @Inject(APP_CONFIG) config: AppConfig,
    private readonly items: SourceItemsRepository,
    private readonly submissions: ArticleSubmissionService,
  ) {
    this.limits = fetchLimitsFrom(config);
  }

  /** `lastAttempt`: a transient failure is then recorded as final instead of retried. */
  async fetch(itemId: string, lastAttempt: boolean): Promise<ItemResult> {
    const item = await this.items.findWithSource(itemId);
    if (!item) return { status: 'skipped', reason: 'the item is gone' };
    if (item.status !== 'pending')
      return { status: 'skipped', reason: `the item is already ${item.status}` };
    if (!item.sourceName || !item.monitors) {
      await this.items.settle(
        itemId,
        'failed',
        null,
        'the source was deleted before its item was fetched',
      );
      return { status: 'failed', articleId: null };
    }
    try {
      const document = await safeFetch(item.url, {
        ...this.limits,
        accept: HTML_ACCEPT,
        acceptsMediaType: isHtmlMediaType,
      });
      const result = await ingestPage(this.submissions, document, {
        url: item.url,
        source: item.sourceName,
        monitors: item.monitors,
        title: item.title,
        publishedAt: item.publishedAt,
      });
      const outcome = result.duplicate ? 'duplicate' : 'stored';
      await this.items.settle(itemId, outcome, result.id, null);
      return { status: outcome, articleId: result.id };
    } catch (error) {
      const failure = describeFailure(error);
      if (failure.transient && !lastAttempt) return { status: 'retry', failure };
      await this.items.settle(itemId, 'failed', null, `${item.url}: ${failure.message}`);
      return { status: 'failed', articleId: null };
    }
  }

  /** An item whose job failed outside fetch() (its worker died twice holding it). */
  async markFailed(itemId: string, reason: string): Promise<void> {
    await this.items.settle(itemId, 'failed', null, reason);
  }
}
