import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { type DashboardFilter } from './dashboard-filter';
import { QueryParams, dimensionConditions, timeCondition } from './sql';

export interface ParagraphSearch {
  filter: DashboardFilter;
  /** web-search syntax, through websearch_to_tsquery on the GIN-indexed tsvector */
  text: string | null;
  frame: string | null;
  toneMin: number | null;
  toneMax: number | null;
  /** the last row of the previous page: rows strictly older in (occurred_at, id) order follow */
  after: ParagraphPosition | null;
  limit: number;
}

export interface ParagraphPosition {
  /** microseconds since the epoch, exact, unlike a JavaScript Date */
  occurredAtMicros: string;
  id: string;
}

export interface ParagraphRow {
  id: string;
  articleId: string;
  articleTitle: string | null;
  articleUrl: string | null;
  index: number;
  text: string;
  side: string;
  speaker: string | null;
  evidenceStart: number | null;
  evidenceEnd: number | null;
  toneValue: number;
  toneLabel: string;
  monitor: string;
  source: string | null;
  occurredAt: Date;
  occurredAtMicros: string;
}

export interface FrameRow {
  paragraphId: string;
  frame: string;
  phrase: string;
  side: string;
  negated: boolean;
  start: number;
  end: number;
}

export interface ArticleRow {
  id: string;
  title: string | null;
  url: string | null;
  source: string | null;
  occurredAt: Date;
}

const PARAGRAPH_COLUMNS = `p.id::text AS id, p.article_id AS "articleId", a.title AS "articleTitle",
  a.url AS "articleUrl", p.idx AS index, p.text, p.side, p.speaker,
  p.evidence_start AS "evidenceStart", p.evidence_end AS "evidenceEnd", p.tone_value AS "toneValue",
  p.tone_label AS "toneLabel", p.monitor, p.source, p.occurred_at AS "occurredAt",
  (extract(epoch FROM p.occurred_at) * 1000000)::bigint::text AS "occurredAtMicros"`;

/** Paragraph rows for search, export and the latest-articles view, newest first. */
@Injectable()
export class ParagraphSearchRepository {
  constructor(private readonly db: DataSource) {}

  search(search: ParagraphSearch): Promise<ParagraphRow[]> {
    const params = new QueryParams();
    const where = [
      ...dimensionConditions(search.filter, params, 'p'),
      timeCondition('p.occurred_at', search.filter, params),
    ];
    if (search.text !== null) {
      where.push(
        `to_tsvector('english', p.text) @@ websearch_to_tsquery('english', ${params.add(search.text)})`,
      );
    }
    if (search.frame !== null) {
      where.push(
        `EXISTS (SELECT 1 FROM framing_hits h WHERE h.paragraph_id = p.id AND h.frame = ${params.add(search.frame)})`,
      );
    }
    if (search.toneMin !== null) where.push(`p.tone_value >= ${params.add(search.toneMin)}`);
    if (search.toneMax !== null) where.push(`p.tone_value <= ${params.add(search.toneMax)}`);
    if (search.after !== null) {
      where.push(
        `(p.occurred_at, p.id) < (timestamptz 'epoch' + ${params.add(search.after.occurredAtMicros)}::bigint * interval '1 microsecond', ${params.add(search.after.id)}::bigint)`,
      );
    }
    return this.db.query<ParagraphRow[]>(
      `SELECT ${PARAGRAPH_COLUMNS}
       FROM paragraphs p JOIN articles a ON a.id = p.article_id
       WHERE ${where.join(' AND ')}
       ORDER BY p.occurred_at DESC, p.id DESC
       LIMIT ${params.add(search.limit)}`,
      params.values,
    );
  }

  framesOf(paragraphIds: string[]): Promise<FrameRow[]> {
    return this.db.query<FrameRow[]>(
      `SELECT paragraph_id::text AS "paragraphId", frame, phrase, side, negated,
              start_offset AS start, end_offset AS "end"
       FROM framing_hits WHERE paragraph_id = ANY($1::bigint[])
       ORDER BY paragraph_id, start_offset`,
      [paragraphIds],
    );
  }

  /** Scored articles, newest first; with a side in the filter, those with a paragraph of that side. */
  latestArticles(filter: DashboardFilter, limit: number): Promise<ArticleRow[]> {
    const params = new QueryParams();
    const where = [
      `a.monitor = ${params.add(filter.monitor)}`,
      `a.status = 'scored'`,
      timeCondition('a.occurred_at', filter, params),
    ];
    if (filter.source !== null) where.push(`a.source = ${params.add(filter.source)}`);
    if (filter.side !== null) {
      where.push(
        `EXISTS (SELECT 1 FROM paragraphs p WHERE p.article_id = a.id AND p.side = ${params.add(filter.side)})`,
      );
    }
    return this.db.query<ArticleRow[]>(
      `SELECT a.id, a.title, a.url, a.source, a.occurred_at AS "occurredAt"
       FROM articles a WHERE ${where.join(' AND ')}
       ORDER BY a.occurred_at DESC, a.id DESC
       LIMIT ${params.add(limit)}`,
      params.values,
    );
  }

  paragraphsOf(articleIds: string[]): Promise<ParagraphRow[]> {
    return this.db.query<ParagraphRow[]>(
      `SELECT ${PARAGRAPH_COLUMNS}
       FROM paragraphs p JOIN articles a ON a.id = p.article_id
       WHERE p.article_id = ANY($1::uuid[])
       ORDER BY p.article_id, p.idx`,
      [articleIds],
    );
  }
}
