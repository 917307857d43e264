import { Inject, Injectable, Optional } from '@nestjs/common';
import { DataSource } from 'typeorm';
import type { ToneTerm } from '../analysis';
import { toFrameHit } from '../articles/articles.repository';
import { type DashboardFilter } from './dashboard-filter';
import { QueryParams } from '../database/paragraph-filter';
import { column, type DbRow, mapRow, mapRows } from '../database/rows';
import { dimensionConditions, timeCondition } from './sql';

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
  toneTerms: ToneTerm[];
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

const PARAGRAPH_COLUMNS = `p.id, p.article_id, a.title AS article_title, a.url AS article_url, p.idx,
  p.text, p.side, p.speaker, p.evidence_start, p.evidence_end, p.tone_value, p.tone_label,
  p.tone_terms, p.monitor, p.source, p.occurred_at,
  (extract(epoch FROM p.occurred_at) * 1000000)::bigint AS occurred_at_micros`;

function toParagraphRow(row: DbRow): ParagraphRow {
  return {
    id: column.bigint(row, 'id'),
    articleId: column.text(row, 'article_id'),
    articleTitle: column.textOrNull(row, 'article_title'),
    articleUrl: column.textOrNull(row, 'article_url'),
    index: column.int(row, 'idx'),
    text: column.text(row, 'text'),
    side: column.text(row, 'side'),
    speaker: column.textOrNull(row, 'speaker'),
    evidenceStart: column.intOrNull(row, 'evidence_start'),
    evidenceEnd: column.intOrNull(row, 'evidence_end'),
    toneValue: column.float(row, 'tone_value'),
    toneLabel: column.text(row, 'tone_label'),
    // jsonb, written by the scoring store from the analysis
    toneTerms: column.jsonb<ToneTerm[]>(row, 'tone_terms'),
    monitor: column.text(row, 'monitor'),
    source: column.textOrNull(row, 'source'),
    occurredAt: column.time(row, 'occurred_at'),
    occurredAtMicros: column.bigint(row, 'occurred_at_micros'),
  };
}

/** Paragraph rows for search, export and the latest-articles view, newest first. */
/** Optional provider overriding how many rows a text search walks in time order (tests). */
export const TEXT_SEARCH_PROBE_ROWS = Symbol('TEXT_SEARCH_PROBE_ROWS');

@Injectable()
export class ParagraphSearchRepository {
  /**
   * @param probeRows how many of the newest rows in range a text search reads in time order
   *   before it falls back to the full-text index (tests set it low to take both paths)
   */
  constructor(
    private readonly db: DataSource,
    @Optional() @Inject(TEXT_SEARCH_PROBE_ROWS) private readonly probeRows = 20_000,
  ) {}

  /**
   * A text search first walks the newest rows of the range in time order and checks the text
   * on each: when matches are common (a phrase in one paragraph of forty), a page is found in
   * a few thousand rows, where the full-text index would fetch and recheck every candidate of
   * the whole table before sorting them. Only when that walk finds less than a page and the
   * range holds more rows does the index answer: then matches are rare. Both give the
   * same rows: the first `limit` matches in (occurred_at, id) order.
   */
  async search(search: ParagraphSearch): Promise<ParagraphRow[]> {
    if (search.text === null) return this.searchAll(search);
    const params = new QueryParams();
    const range = this.rangeConditions(search, params);
    const probeLimit = Math.max(this.probeRows, search.limit);
    const probeRows = params.add(probeLimit);
    const where = this.matchConditions(search, params);
    const probed = await mapRows(
      this.db,
      `SELECT ${PARAGRAPH_COLUMNS}
       FROM (SELECT * FROM paragraphs p WHERE ${range.join(' AND ')}
             ORDER BY p.occurred_at DESC, p.id DESC LIMIT ${probeRows}) p
       JOIN articles a ON a.id = p.article_id
       WHERE ${where.join(' AND ')}
       ORDER BY p.occurred_at DESC, p.id DESC
       LIMIT ${params.add(search.limit)}`,
      params.values,
      toParagraphRow,
    );
    if (probed.length >= search.limit) return probed;
    const countParams = new QueryParams();
    const more = await mapRow(
      this.db,
      `SELECT count(*) = ${countParams.add(probeLimit)} AS more
       FROM (SELECT 1 FROM paragraphs p WHERE ${this.rangeConditions(search, countParams).join(' AND ')}
             LIMIT $1) r`,
      countParams.values,
      (row) => column.bool(row, 'more'),
    );
    return more ? this.searchMatches(search) : probed;
  }

  private searchAll(search: ParagraphSearch): Promise<ParagraphRow[]> {
    const params = new QueryParams();
    const where = [
      ...this.rangeConditions(search, params),
      ...this.matchConditions(search, params),
    ];
    return mapRows(
      this.db,
      `SELECT ${PARAGRAPH_COLUMNS}
       FROM paragraphs p JOIN articles a ON a.id = p.article_id
       WHERE ${where.join(' AND ')}
       ORDER BY p.occurred_at DESC, p.id DESC
       LIMIT ${params.add(search.limit)}`,
      params.values,
      toParagraphRow,
    );
  }

  /**
   * All matches in range from the full-text index, then the page of them. Materialised so the
   * planner cannot walk the time index instead, checking the text on every row of the range:
   * it guesses a word's share of rows, and for a word in no row of the range that walk reads
   * them all.
   */
  private searchMatches(search: ParagraphSearch): Promise<ParagraphRow[]> {
    const params = new QueryParams();
    const where = [
      ...this.rangeConditions(search, params),
      ...this.matchConditions(search, params),
    ];
    return mapRows(
      this.db,
      `WITH matches AS MATERIALIZED (SELECT * FROM paragraphs p WHERE ${where.join(' AND ')})
       SELECT ${PARAGRAPH_COLUMNS}
       FROM matches p JOIN articles a ON a.id = p.article_id
       ORDER BY p.occurred_at DESC, p.id DESC
       LIMIT ${params.add(search.limit)}`,
      params.values,
      toParagraphRow,
    );
  }

  /** The filter's monitor, side, source and time, and the cursor. */
  private rangeConditions(search: ParagraphSearch, params: QueryParams): string[] {
    const where = [
      ...dimensionConditions(search.filter, params, 'p'),
      timeCondition('p.occurred_at', search.filter, params),
    ];
    if (search.after !== null) {
      where.push(
        `(p.occurred_at, p.id) < (timestamptz 'epoch' + ${params.add(search.after.occurredAtMicros)}::bigint * interval '1 microsecond', ${params.add(search.after.id)}::bigint)`,
      );
    }
    return where;
  }

  /** Text, frame and tone; always true when none is given. */
  private matchConditions(search: ParagraphSearch, params: QueryParams): string[] {
    const where = ['true'];
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
    return where;
  }

  framesOf(paragraphIds: string[]): Promise<FrameRow[]> {
    return mapRows(
      this.db,
      `SELECT paragraph_id, frame, phrase, side, negated, start_offset, end_offset
       FROM framing_hits WHERE paragraph_id = ANY($1::bigint[])
       ORDER BY paragraph_id, start_offset`,
      [paragraphIds],
      toFrameHit,
    );
  }

  /** Scored articles, newest first; with a side in the filter, those with a paragraph of that side. */
  latestArticles(filter: DashboardFilter, limit: number): Promise<ArticleRow[]> {
    const params = new QueryParams();
    const monitor = params.add(filter.monitor);
    const where = [
      `${monitor} = ANY (a.monitors)`,
      `a.status = 'scored'`,
      timeCondition('a.occurred_at', filter, params),
    ];
    if (filter.source !== null) where.push(`a.source = ${params.add(filter.source)}`);
    if (filter.side !== null) {
      where.push(
        `EXISTS (SELECT 1 FROM paragraphs p WHERE p.article_id = a.id AND p.monitor = ${monitor}
                 AND p.side = ${params.add(filter.side)})`,
      );
    }
    return mapRows(
      this.db,
      `SELECT a.id, a.title, a.url, a.source, a.occurred_at
       FROM articles a WHERE ${where.join(' AND ')}
       ORDER BY a.occurred_at DESC, a.id DESC
       LIMIT ${params.add(limit)}`,
      params.values,
      (row) => ({
        id: column.text(row, 'id'),
        title: column.textOrNull(row, 'title'),
        url: column.textOrNull(row, 'url'),
        source: column.textOrNull(row, 'source'),
        occurredAt: column.time(row, 'occurred_at'),
      }),
    );
  }

  /** The articles' paragraphs under one monitor. */
  paragraphsOf(articleIds: string[], monitor: string): Promise<ParagraphRow[]> {
    return mapRows(
      this.db,
      `SELECT ${PARAGRAPH_COLUMNS}
       FROM paragraphs p JOIN articles a ON a.id = p.article_id
       WHERE p.article_id = ANY($1::uuid[]) AND p.monitor = $2
       ORDER BY p.article_id, p.idx`,
      [articleIds, monitor],
      toParagraphRow,
    );
  }
}
