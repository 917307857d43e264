import { Inject, Injectable, Logger } from '@nestjs/common';
import {
  InvalidInputError,
  TemporarilyUnavailableError,
  TooLargeError,
  UnprocessableInputError,
} from '../common/domain-errors';
import { AUTO_MONITORS, MAX_ARTICLE_CHARS } from '../analysis';
import { assertKnownMonitor } from '../monitors/known-monitor';
import { type AppConfig } from '../config/config';
import { APP_CONFIG } from '../config/config.module';
import { extractHtml } from '../extraction/extract';
import { ExtractionUnavailableError } from '../extraction/errors';
import { HtmlRefusedError, NoArticleFoundError } from '../extraction/html-to-text';
import { type ScoreArticleJob } from '../scoring/scoring.job';
import { ScoringProducer } from '../scoring/scoring.producer';
import { type ArticleStatus } from '../articles/article-status';
import {
  type ArticleRef,
  ArticlesRepository,
  type NewArticle,
} from '../articles/articles.repository';
import { contentHash, legacyContentHash } from './content-hash';

export interface ArticleSubmission {
  text?: string;
  html?: string;
  title?: string;
  url?: string;
  source?: string;
  publishedAt?: Date;
  /** one monitor id, or `auto` */
  monitor?: string;
  /** several monitor ids (`auto` among them: and those the worker picks), or `auto` */
  monitors?: string[] | typeof AUTO_MONITORS;
}

export interface SubmissionResult {
  id: string;
  status: ArticleStatus;
  duplicate: boolean;
  /** a repeat named monitors the stored article lacked: added, and a new run queued */
  monitorsAdded?: string[];
}

/** What a submission asks for: monitors by id, and whether the worker picks more. */
export interface MonitorChoice {
  monitors: string[];
  auto: boolean;
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
   * Articles that arrive together (a batch request): each is checked on its own (HTML
   * extraction a few at a time), then the new ones are stored in one statement and scored
   * together, in chunks of SCORING_CHUNK_SIZE. Repeats of an earlier item's text, html or url
   * go after the others, one at a time, so the first is the one stored and the later ones are
   * reported as its duplicates. Each outcome is the item's result or the error its submission
   * threw; results come back in the order of `items`.
   */
  async submitMany(
    items: (ArticleSubmission | undefined)[],
    requestId?: string,
  ): Promise<(SubmissionOutcome | undefined)[]> {
    const outcomes = new Array<SubmissionOutcome | undefined>(items.length);
    const { distinct, repeats } = splitRepeats(items);
    const prepared: { index: number; article: NewArticle; legacy: string }[] = [];
    const queued: ScoreArticleJob[] = [];
    const duplicate = async (ref: ArticleRef, index: number): Promise<SubmissionResult> => {
      const { result, queued: again } = await this.merged(ref, items[index]!);
      if (again) queued.push({ ...again, requestId });
      return result;
    };
    let next = 0;
    const lane = async (): Promise<void> => {
      while (next < distinct.length) {
        const index = distinct[next++];
        try {
          prepared.push({ index, ...(await this.prepare(items[index]!, requestId)) });
        } catch (error) {
          outcomes[index] = { error };
        }
      }
    };
    await Promise.all(Array.from({ length: BATCH_LANES }, lane));
    prepared.sort((a, b) => a.index - b.index);

    try {
      const earlier = await this.articles.findByHashes(
        prepared.filter((p) => p.legacy !== p.article.contentHash).map((p) => p.legacy),
      );
      const fresh: typeof prepared = [];
      for (const p of prepared) {
        const found = p.legacy !== p.article.contentHash ? earlier.get(p.legacy) : undefined;
        if (found) outcomes[p.index] = { result: await duplicate(found, p.index) };
        else fresh.push(p);
      }
      const inserted = await this.articles.insertManyIfNew(fresh.map((p) => p.article));
      for (const [i, p] of fresh.entries()) {
        const ref = inserted[i];
        if (ref) {
          outcomes[p.index] = { result: { ...refResult(ref), duplicate: false } };
          queued.push({ articleId: ref.id, analysisRun: ref.analysisRun, requestId });
        } else {
          outcomes[p.index] = await this.duplicateOf(p.article)
            .then((ref) => duplicate(ref, p.index))
            .then(
              (result) => ({ result }),
              (error: unknown) => ({ error }),
            );
        }
      }
    } catch (error) {
      for (const p of prepared) outcomes[p.index] ??= { error };
    }
    await this.enqueueChunks(queued);

    const later: ScoreArticleJob[] = [];
    for (const index of repeats) {
      try {
        const { result, queued: one } = await this.store(items[index]!, requestId);
        outcomes[index] = { result };
        if (one) later.push({ ...one, requestId });
      } catch (error) {
        outcomes[index] = { error };
      }
    }
    await this.enqueueChunks(later);
    return outcomes;
  }

  /** Checks and stores the article; `queued` is set when it is new and waits for scoring. */
  private async store(
    input: ArticleSubmission,
    requestId: string | undefined,
  ): Promise<{ result: SubmissionResult; queued?: ScoreArticleJob }> {
    const { article, legacy } = await this.prepare(input, requestId);
    if (legacy !== article.contentHash) {
      const earlier = await this.articles.findDuplicate(legacy, null);
      if (earlier) return this.merged(earlier, input);
    }
    const inserted = await this.articles.insertIfNew(article);
    if (!inserted) return this.merged(await this.duplicateOf(article), input);
    return {
      result: { ...refResult(inserted), duplicate: false },
      queued: { articleId: inserted.id, analysisRun: inserted.analysisRun },
    };
  }

  /** The row to store, after the checks; and the hash of its text as earlier releases made it. */
  private async prepare(
    input: ArticleSubmission,
    requestId: string | undefined,
  ): Promise<{ article: NewArticle; legacy: string }> {
    const choice = this.monitorChoice(input);
    const { text, title, publishedAt } = await this.articleText(input);
    return {
      article: {
        monitors: choice.monitors,
        autoMonitors: choice.auto,
        source: input.source?.trim() || null,
        url: input.url ?? null,
        title,
        publishedAt,
        occurredAt: publishedAt ?? new Date(),
        body: text,
        contentHash: contentHash(text),
        requestId: requestId ?? null,
      },
      legacy: legacyContentHash(text),
    };
  }

  /** The stored article an insert conflicted with. */
  private async duplicateOf(article: NewArticle): Promise<ArticleRef> {
    const existing = await this.articles.findDuplicate(article.contentHash, article.url);
    if (!existing) throw new Error('article conflicted on insert but was gone when read back');
    return existing;
  }

  /**
   * A repeat of a stored article: the monitors it names that the article lacks are added and
   * a new run is queued for them (`queued`). A repeat that names no monitor (DEFAULT_MONITOR
   * is not named), or `auto` alone, adds nothing: a stored article's monitors are decided, or
   * will be by its first scoring.
   */
  private async merged(
    existing: ArticleRef,
    input: ArticleSubmission,
  ): Promise<{ result: SubmissionResult; queued?: ScoreArticleJob }> {
    const named =
      input.monitor === undefined && input.monitors === undefined
        ? []
        : this.monitorChoice(input).monitors;
    const missing = named.filter((m) => !existing.monitors.includes(m));
    const added =
      missing.length > 0 ? await this.articles.addMonitors(existing.id, missing) : undefined;
    if (!added) return { result: { ...refResult(existing), duplicate: true } };
    return {
      result: { ...refResult(added), duplicate: true, monitorsAdded: missing },
      queued: { articleId: added.id, analysisRun: added.analysisRun },
    };
  }

  private async enqueueChunks(jobs: ScoreArticleJob[]): Promise<void> {
    if (jobs.length > 0) await this.enqueue(() => this.scoring.enqueueChunked(jobs), jobs);
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

  /**
   * `monitor` (one id, or `auto`) or `monitors` (ids, `auto` among them or alone); neither:
   * DEFAULT_MONITOR. Every id must be a known monitor.
   */
  private monitorChoice(input: ArticleSubmission): MonitorChoice {
    if (input.monitor !== undefined && input.monitors !== undefined) {
      throw new InvalidInputError('give monitor or monitors, not both');
    }
    const named =
      input.monitors === undefined
        ? [input.monitor ?? this.config.monitors.default]
        : input.monitors === AUTO_MONITORS
          ? [AUTO_MONITORS]
          : input.monitors;
    if (named.length === 0) throw new InvalidInputError('monitors must name at least one monitor');
    const monitors = [...new Set(named.filter((id) => id !== AUTO_MONITORS))];
    monitors.forEach(assertKnownMonitor);
    return { monitors, auto: named.includes(AUTO_MONITORS) };
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
    if (bytes > this.config.limits.maxArticleBytes) {
      throw new TooLargeError(
        `${field} is ${bytes} bytes; the limit is ${this.config.limits.maxArticleBytes} (MAX_ARTICLE_BYTES)`,
      );
    }
  }
}

function refResult(ref: ArticleRef): Omit<SubmissionResult, 'duplicate'> {
  return { id: ref.id, status: ref.status };
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
