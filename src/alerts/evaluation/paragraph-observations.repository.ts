import { type EntityManager } from 'typeorm';
import { paragraphConditions, QueryParams } from '../../database/paragraph-filter';
import { column, mapRows } from '../../database/rows';
import { type ArticleSummary, type Metric, type StreamParagraph } from '../detection';

/** Which paragraphs a rule watches. */
export interface StreamFilter {
  monitor: string;
  side: string;
  /** empty: every outlet */
  sources: string[];
  metric: Metric;
  frame: string | null;
  phrase: string | null;
  /** collapse: a wire story's reprints are left out (its canonical article counts); all: every copy */
  syndication: 'collapse' | 'all';
}

/**
 * The metric's per-paragraph flag as SQL over `p` (paragraphs). A frame counts when its side
 * says it, not negated ("not constructive").
 */
function flagSql(filter: StreamFilter, params: QueryParams): string {
  if (filter.metric === 'negative-share') return `p.tone_label = 'negative'`;
  if (filter.metric === 'frame-rate') {
    return `EXISTS (SELECT 1 FROM framing_hits h
                     WHERE h.paragraph_id = p.id AND NOT h.negated AND h.side = p.side
                       AND (h.frame = ${params.add(filter.frame)}::text
                            OR lower(h.phrase) = lower(${params.add(filter.phrase)}::text)))`;
  }
  return 'false';
}

/** The rule's paragraphs, with the same conditions as the dashboard's reads. */
function watched(filter: StreamFilter, params: QueryParams): string {
  return paragraphConditions(
    {
      monitor: filter.monitor,
      syndication: filter.syndication,
      side: filter.side,
      sources: filter.sources,
    },
    params,
    'p',
  ).join(' AND ');
}

/**
 * An article not yet linked to its reprints (src/wire) is not observed: it may still turn out
 * to be a reprint. It is not marked seen either, so the next evaluation after its link reads it.
 */
const LINKED_SQL = `NOT EXISTS (SELECT 1 FROM articles a WHERE a.id = p.article_id AND a.wire_pending)`;

/**
 * The watched paragraphs with occurred_at in (from, to], oldest first and grouped by article.
 * With `unseenBy`, articles that rule has already observed are left out.
 */
export async function streamParagraphs(
  db: EntityManager,
  filter: StreamFilter,
  range: { from: Date; to: Date },
  unseenBy?: string,
): Promise<StreamParagraph[]> {
  const params = new QueryParams();
  const flag = flagSql(filter, params);
  const unseen =
    unseenBy === undefined
      ? ''
      : `AND NOT EXISTS (SELECT 1 FROM alert_rule_articles seen
                          WHERE seen.rule_id = ${params.add(unseenBy)}::uuid
                            AND seen.article_id = p.article_id)`;
  return mapRows(
    db,
    `SELECT p.id, p.article_id, p.source, p.occurred_at, p.tone_value,
            ${flag} AS flagged, p.text
       FROM paragraphs p
      WHERE ${watched(filter, params)} AND ${LINKED_SQL}
        AND p.occurred_at > ${params.add(range.from)} AND p.occurred_at <= ${params.add(range.to)}
        ${unseen}
      ORDER BY p.occurred_at, p.article_id, p.idx`,
    params.values,
    (row) => ({
      id: column.bigint(row, 'id'),
      articleId: column.text(row, 'article_id'),
      source: column.textOrNull(row, 'source'),
      occurredAt: column.time(row, 'occurred_at'),
      value: column.float(row, 'tone_value'),
      flagged: column.bool(row, 'flagged'),
      text: column.text(row, 'text'),
    }),
  );
}

/** One summary per article of the watched paragraphs with occurred_at in [from, to): the baseline's input. */
export async function baselineArticles(
  db: EntityManager,
  filter: StreamFilter,
  window: { from: Date; to: Date },
): Promise<ArticleSummary[]> {
  const params = new QueryParams();
  const flag = flagSql(filter, params);
  return mapRows(
    db,
    `SELECT count(*)::int AS paragraphs, avg(p.tone_value)::float8 AS mean_value,
            count(*) FILTER (WHERE ${flag})::int AS flagged
       FROM paragraphs p
      WHERE ${watched(filter, params)}
        AND p.occurred_at >= ${params.add(window.from)} AND p.occurred_at < ${params.add(window.to)}
      GROUP BY p.article_id`,
    params.values,
    (row) => ({
      paragraphs: column.int(row, 'paragraphs'),
      meanValue: column.float(row, 'mean_value'),
      flagged: column.int(row, 'flagged'),
    }),
  );
}
