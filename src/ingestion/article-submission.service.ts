import { Inject, Injectable, Logger } from '@nestjs/common';
import {
  InvalidInputError,
  TemporarilyUnavailableError,
  TooLargeError,
  UnprocessableInputError,
} from '../common/domain-errors';
import { getMonitor, MAX_ARTICLE_CHARS, UnknownMonitorError } from '../analysis';
import { type AppConfig } from '../config/config';
import { APP_CONFIG } from '../config/config.module';
import { extractHtml } from '../extraction/extract';
import { ExtractionUnavailableError } from '../extraction/errors';
import { HtmlRefusedError, NoArticleFoundError } from '../extraction/html-to-text';
import { type ScoreArticleJob } from '../scoring/scoring.job';
import { ScoringProducer } from '../scoring/scoring.producer';
import { type ArticleStatus } from '../articles/article-status';
import { ArticlesRepository } from '../articles/articles.repository';
import { contentHash, legacyContentHash } from './content-hash';

export interface ArticleSubmission {
  text?: string;
  html?: string;
  title?: string;
  url?: string;
  source?: string;
  publishedAt?: Date;
  monitor?: string;
}

export interface SubmissionResult {
  id: string;
  status: ArticleStatus;
  duplicate: boolean;
}

/** One item of submitMany: what submit would have returned, or what it would have thrown. */
export type SubmissionOutcome = { result: SubmissionResult } | { error: unknown };

/** Items of one batch checked and stored concurrently. */
const BATCH_LANES = 8;

/**
 * The one way articles enter Tonewatch (HTTP API and scheduled sources alike). The row is
 * written first; the job second. When Redis is unreachable the article stays `queued` in
 * Postgres and the worker's sweep enqueues it later, so an accepted article is never lost.
 */
@Injectable()
export class ArticleSubmissionService {
  private readonly logger = new Logger(ArticleSubmissionService.name);

  constructor(
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly articles: ArticlesRepository,
    private readonly scoring: ScoringProducer,
  ) {}

  /**
   * Throws InvalidInputError, TooLargeError or, for HTML refused by the extraction limits (too
   * deep, too many elements, too slow), UnprocessableInputError. The article shares a scoring
   * job with whatever else is submitted within SCORING_FLUSH_MS.
   */
  async submit(input: ArticleSubmission, requestId?: string): Promise<SubmissionResult> {
    const { result, queued } = await this.store(input, requestId);
    if (queued)
      await this.enqueue(
        () => this.scoring.enqueue(queued.articleId, queued.analysisRun, requestId),
        [queued],
      );
    return result;
  }

  /**
   * Articles that arrive together (a batch request): each is checked and stored on its own, a
   * few at a time (each waits mostly on its own commit), and scored together, in chunks of
   * SCORING_CHUNK_SIZE enqueued as they fill, so scoring starts while the rest is stored.
   * Repeats of an earlier item's text, html or url go after it, so the first is the one stored
   * and the later ones are reported as its duplicates. Each outcome is the item's result or the
   * error its submission threw; results come back in the order of `items`.
   */
  async submitMany(
    items: (ArticleSubmission | undefined)[],
    requestId?: string,
  ): Promise<(SubmissionOutcome | undefined)[]> {
    const outcomes = new Array<SubmissionOutcome | undefined>(items.length);
    const { distinct, repeats } = splitRepeats(items);
    let chunk: ScoreArticleJob[] = [];
    const flush = async (): Promise<void> => {
      const full = chunk;
      chunk = [];
      if (full.length > 0) await this.enqueue(() => this.scoring.enqueueChunked(full), full);
    };
    const submitOne = async (index: number): Promise<void> => {
      try {
        const { result, queued } = await this.store(items[index]!, requestId);
        outcomes[index] = { result };
        if (queued) chunk.push({ ...queued, requestId });
        if (chunk.length >= this.config.scoringChunkSize) await flush();
      } catch (error) {
        outcomes[index] = { error };
      }
    };
    let next = 0;
    const lane = async (): Promise<void> => {
      while (next < distinct.length) await submitOne(distinct[next++]);
    };
    await Promise.all(Array.from({ length: BATCH_LANES }, lane));
    for (const index of repeats) await submitOne(index);
    await flush();
    return outcomes;
  }

  /** Checks and stores the article; `queued` is set when it is new and waits for scoring. */
  private async store(
    input: ArticleSubmission,
    requestId: string | undefined,
  ): Promise<{ result: SubmissionResult; queued?: ScoreArticleJob }> {
    const monitor = this.checkedMonitor(input.monitor);
    const { text, title, publishedAt } = await this.articleText(input);
    const hash = contentHash(text);
    const url = input.url ?? null;
    const legacy = legacyContentHash(text);
    if (legacy !== hash) {
      const earlier = await this.articles.findDuplicate(legacy, null);
      if (earlier) return { result: { id: earlier.id, status: earlier.status, duplicate: true } };
    }

    const inserted = await this.articles.insertIfNew({
      monitor,
      source: input.source?.trim() || null,
      url,
      title,
      publishedAt,
      occurredAt: publishedAt ?? new Date(),
      body: text,
      contentHash: hash,
      requestId: requestId ?? null,
    });
    if (!inserted) {
      const existing = await this.articles.findDuplicate(hash, url);
      if (!existing) throw new Error('article conflicted on insert but was gone when read back');
      return { result: { id: existing.id, status: existing.status, duplicate: true } };
    }
    return {
      result: { id: inserted.id, status: inserted.status, duplicate: false },
      queued: { articleId: inserted.id, analysisRun: inserted.analysisRun },
    };
  }

  /** An article Redis does not take now stays `queued` in Postgres for the requeue sweep. */
  private async enqueue(add: () => Promise<void>, jobs: ScoreArticleJob[]): Promise<void> {
    try {
      await add();
    } catch (error) {
      this.logger.warn(
        `${jobs.length} article(s) (first ${jobs[0].articleId}) stored as queued but not enqueued (${(error as Error).message}); the requeue sweep will enqueue them`,
      );
    }
  }

  private checkedMonitor(requested: string | undefined): string {
    const id = requested ?? this.config.defaultMonitor;
    try {
      getMonitor(id);
      return id;
    } catch (error) {
      if (error instanceof UnknownMonitorError) {
        throw new InvalidInputError(`monitor "${id}" is not a known monitor`);
      }
      throw error;
    }
  }

  private async articleText(input: ArticleSubmission): Promise<{
    text: string;
    title: string | null;
    publishedAt: Date | null;
  }> {
    const hasText = input.text !== undefined;
    const hasHtml = input.html !== undefined;
    if (hasText === hasHtml) {
      throw new InvalidInputError('exactly one of text or html is required');
    }
    const raw = hasText ? input.text! : input.html!;
    const field = hasText ? 'text' : 'html';
    this.checkSize(field, raw);
    if (hasText) {
      if (!raw.trim()) throw new InvalidInputError('text must not be blank');
      this.checkAnalysable('text', raw);
      return { text: raw, title: input.title ?? null, publishedAt: input.publishedAt ?? null };
    }
    try {
      // Off the event loop, within caps on nesting, element count and time (src/extraction).
      const extracted = await extractHtml(raw, input.url);
      this.checkAnalysable('html', extracted.text);
      return {
        text: extracted.text,
        title: input.title ?? (extracted.title || null),
        publishedAt: input.publishedAt ?? extracted.publishedAt ?? null,
      };
    } catch (error) {
      if (error instanceof ExtractionUnavailableError) {
        throw new TemporarilyUnavailableError(`html: ${error.message}`);
      }
      if (error instanceof HtmlRefusedError) {
        throw new UnprocessableInputError(`html: ${error.message}`);
      }
      if (error instanceof NoArticleFoundError)
        throw new InvalidInputError(`html: ${error.message}`);
      throw error;
    }
  }

  /** The analysis core has its own limit, in characters; reject here rather than fail later. */
  private checkAnalysable(field: string, text: string): void {
    if (text.length > MAX_ARTICLE_CHARS) {
      throw new TooLargeError(
        `${field} holds ${text.length} characters of text; the analysis limit is ${MAX_ARTICLE_CHARS}`,
      );
    }
  }

  private checkSize(field: string, value: string): void {
    const bytes = Buffer.byteLength(value, 'utf8');
    if (bytes > this.config.maxArticleBytes) {
      throw new TooLargeError(
        `${field} is ${bytes} bytes; the limit is ${this.config.maxArticleBytes} (MAX_ARTICLE_BYTES)`,
      );
    }
  }
}

/**
 * Indexes of items that repeat an earlier item's text, html or url, and of all the others.
 * An item left undefined (refused before submission) is in neither.
 */
function splitRepeats(items: (ArticleSubmission | undefined)[]): {
  distinct: number[];
  repeats: number[];
} {
  const seen = new Set<unknown>();
  const distinct: number[] = [];
  const repeats: number[] = [];
  items.forEach((item, index) => {
    if (!item) return;
    const keys = [item.text, item.html, item.url].filter((k) => typeof k === 'string');
    (keys.some((k) => seen.has(k)) ? repeats : distinct).push(index);
    keys.forEach((k) => seen.add(k));
  });
  return { distinct, repeats };
}
