import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { type ToneLabel, type ToneTerm } from '../analysis';
import { type ArticleStatus } from './article.entity';

export interface NewArticle {
  monitor: string;
  source: string | null;
  url: string | null;
  title: string | null;
  publishedAt: Date | null;
  occurredAt: Date;
  body: string;
  contentHash: string;
  requestId: string | null;
}

export interface ArticleRef {
  id: string;
  status: ArticleStatus;
  analysisRun: number;
}

export interface ArticleRow {
  id: string;
  status: ArticleStatus;
  monitor: string;
  source: string | null;
  url: string | null;
  title: string | null;
  publishedAt: Date | null;
  occurredAt: Date;
  attempts: number;
  lastError: string | null;
  analysisVersion: string | null;
  scoredAt: Date | null;
  createdAt: Date;
  wireGroupId: string | null;
}

export interface ArticleWithBody extends ArticleRow {
  body: string;
}

export interface ArticleFilter {
  status?: ArticleStatus;
  source?: string;
  monitor?: string;
  from?: Date;
  to?: Date;
}

/** Keyset position in the newest-first listing. */
export interface ListPosition {
  occurredAt: Date;
  id: string;
}

export interface StoredParagraph {
  id: string;
  index: number;
  text: string;
  start: number;
  end: number;
  side: string;
  speaker: string | null;
  evidenceStart: number | null;
  evidenceEnd: number | null;
  sideReason: string;
  targets: string[];
  toneValue: number;
  toneScore: number;
  toneComparative: number;
  toneLabel: ToneLabel;
  toneTerms: ToneTerm[];
}

export interface StoredFrameHit {
  paragraphId: string;
  frame: string;
  phrase: string;
  side: string;
  negated: boolean;
  start: number;
  end: number;
}

const SUMMARY_COLUMNS = `
  id, status, monitor, source, url, title,
  published_at AS "publishedAt", occurred_at AS "occurredAt", attempts,
  last_error AS "lastError", analysis_version AS "analysisVersion",
  scored_at AS "scoredAt", created_at AS "createdAt", wire_group_id AS "wireGroupId"`;

@Injectable()
export class ArticlesRepository {
  constructor(@InjectDataSource() private readonly db: DataSource) {}

  /**
   * Inserts unless the content hash or the url is already stored. ON CONFLICT makes two
   * concurrent posts of the same article safe: the second waits for the first and inserts nothing.
   * A new article is wire_pending until src/wire links it, after its scoring.
   */
  async insertIfNew(article: NewArticle): Promise<ArticleRef | undefined> {
    const rows = await this.db.query<ArticleRef[]>(
      `INSERT INTO articles
         (monitor, source, url, title, published_at, occurred_at, body, content_hash, status, request_id,
          wire_pending)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, 'queued', $9, true)
       ON CONFLICT DO NOTHING
       RETURNING id, status, analysis_run AS "analysisRun"`,
      [
        article.monitor,
        article.source,
        article.url,
        article.title,
        article.publishedAt,
        article.occurredAt,
        article.body,
        article.contentHash,
        article.requestId,
      ],
    );
    return rows[0];
  }

  async findDuplicate(contentHash: string, url: string | null): Promise<ArticleRef | undefined> {
    const rows = await this.db.query<ArticleRef[]>(
      `SELECT id, status, analysis_run AS "analysisRun" FROM articles
       WHERE content_hash = $1 OR url = $2
       ORDER BY (content_hash = $1) DESC
       LIMIT 1`,
      [contentHash, url],
    );
    return rows[0];
  }

  async findById(id: string): Promise<ArticleWithBody | undefined> {
    const rows = await this.db.query<ArticleWithBody[]>(
      `SELECT ${SUMMARY_COLUMNS}, body FROM articles WHERE id = $1`,
      [id],
    );
    return rows[0];
  }

  /** Newest first by occurred_at, then id, which keeps pages stable while articles arrive. */
  async list(
    filter: ArticleFilter,
    after: ListPosition | undefined,
    limit: number,
  ): Promise<ArticleRow[]> {
    return this.db.query<ArticleRow[]>(
      `SELECT ${SUMMARY_COLUMNS} FROM articles
       WHERE ($1::text IS NULL OR status = $1)
         AND ($2::text IS NULL OR source = $2)
         AND ($3::text IS NULL OR monitor = $3)
         AND ($4::timestamptz IS NULL OR occurred_at >= $4)
         AND ($5::timestamptz IS NULL OR occurred_at < $5)
         AND ($6::timestamptz IS NULL OR (occurred_at, id) < ($6, $7::uuid))
       ORDER BY occurred_at DESC, id DESC
       LIMIT $8`,
      [
        filter.status ?? null,
        filter.source ?? null,
        filter.monitor ?? null,
        filter.from ?? null,
        filter.to ?? null,
        after?.occurredAt ?? null,
        after?.id ?? null,
        limit,
      ],
    );
  }

  async findParagraphs(articleId: string): Promise<StoredParagraph[]> {
    return this.db.query<StoredParagraph[]>(
      `SELECT id, idx AS "index", text, start_offset AS "start", end_offset AS "end", side, speaker,
              evidence_start AS "evidenceStart", evidence_end AS "evidenceEnd",
              side_reason AS "sideReason", targets, tone_value AS "toneValue",
              tone_score AS "toneScore", tone_comparative AS "toneComparative",
              tone_label AS "toneLabel", tone_terms AS "toneTerms"
       FROM paragraphs WHERE article_id = $1 ORDER BY idx`,
      [articleId],
    );
  }

  async findFrameHits(articleId: string): Promise<StoredFrameHit[]> {
    return this.db.query<StoredFrameHit[]>(
      `SELECT paragraph_id AS "paragraphId", frame, phrase, side, negated,
              start_offset AS "start", end_offset AS "end"
       FROM framing_hits WHERE article_id = $1 ORDER BY paragraph_id, start_offset`,
      [articleId],
    );
  }
}
