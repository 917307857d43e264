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
import { ScoringProducer } from '../scoring/scoring.producer';
import { type ArticleStatus } from './article.entity';
import { ArticlesRepository } from './articles.repository';
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
   * deep, too many elements, too slow), UnprocessableInputError.
   */
  async submit(input: ArticleSubmission, requestId?: string): Promise<SubmissionResult> {
    const monitor = this.checkedMonitor(input.monitor);
    const { text, title, publishedAt } = await this.articleText(input);
    const hash = contentHash(text);
    const url = input.url ?? null;
    const legacy = legacyContentHash(text);
    if (legacy !== hash) {
      const earlier = await this.articles.findDuplicate(legacy, null);
      if (earlier) return { id: earlier.id, status: earlier.status, duplicate: true };
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
      return { id: existing.id, status: existing.status, duplicate: true };
    }

    try {
      await this.scoring.enqueue(inserted.id, inserted.analysisRun, requestId);
    } catch (error) {
      this.logger.warn(
        `article ${inserted.id} stored as queued but not enqueued (${(error as Error).message}); the requeue sweep will enqueue it`,
      );
    }
    return { id: inserted.id, status: inserted.status, duplicate: false };
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
