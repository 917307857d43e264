import { type EntityManager } from 'typeorm';
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

interface ParagraphRow {
  id: string;
  article_id: string;
  source: string | null;
  occurred_at: Date;
  tone_value: number;
  flagged: boolean;
  text: string;
}

/**
 * The metric's per-paragraph flag as SQL over `p` (paragraphs), with its parameters, numbered
 * from `first`. A frame counts when its side says it, not negated ("not constructive").
 */
function flagSql(filter: StreamFilter, first: number): { sql: string; params: unknown[] } {
  if (filter.metric === 'negative-share') return { sql: `p.tone_label = 'negative'`, params: [] };
  if (filter.metric === 'frame-rate') {
    return {
      sql: `EXISTS (SELECT 1 FROM framing_hits h
                     WHERE h.paragraph_id = p.id AND NOT h.negated AND h.side = p.side
                       AND (h.frame = $${first}::text OR lower(h.phrase) = lower($${first + 1}::text)))`,
      params: [filter.frame, filter.phrase],
    };
  }
  return { sql: 'false', params: [] };
}

const FILTER_SQL = `p.monitor = $1 AND p.side = $2 AND (cardinality($3::text[]) = 0 OR p.source = ANY($3::text[]))`;

function filterSql(filter: StreamFilter): string {
  return filter.syndication === 'collapse' ? `${FILTER_SQL} AND NOT p.reprint` : FILTER_SQL;
}

/**
 * An article not yet linked to its reprints (src/wire) is not observed: it may still turn out
 * to be a reprint. It is not marked seen either, so the next evaluation after its link reads it.
 */
const LINKED_SQL = `NOT EXISTS (SELECT 1 FROM articles a WHERE a.id = p.article_id AND a.wire_pending)`;

function filterParams(filter: StreamFilter): unknown[] {
  return [filter.monitor, filter.side, filter.sources];
}

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
  const flag = flagSql(filter, 7);
  const rows: ParagraphRow[] = await db.query(
    `SELECT p.id::text AS id, p.article_id, p.source, p.occurred_at, p.tone_value,
            ${flag.sql} AS flagged, p.text
       FROM paragraphs p
      WHERE ${filterSql(filter)} AND ${LINKED_SQL}
        AND p.occurred_at > $4 AND p.occurred_at <= $5
        AND ($6::uuid IS NULL OR NOT EXISTS (
              SELECT 1 FROM alert_rule_articles seen
               WHERE seen.rule_id = $6::uuid AND seen.article_id = p.article_id))
      ORDER BY p.occurred_at, p.article_id, p.idx`,
    [...filterParams(filter), range.from, range.to, unseenBy ?? null, ...flag.params],
  );
  return rows.map((row) => ({
    id: row.id,
    articleId: row.article_id,
    source: row.source,
    occurredAt: new Date(row.occurred_at),
    value: Number(row.tone_value),
    flagged: row.flagged,
    text: row.text,
  }));
}

/** One summary per article of the watched paragraphs with occurred_at in [from, to): the baseline's input. */
export async function baselineArticles(
  db: EntityManager,
  filter: StreamFilter,
  window: { from: Date; to: Date },
): Promise<ArticleSummary[]> {
  const flag = flagSql(filter, 6);
  const rows: { paragraphs: number; mean_value: number; flagged: number }[] = await db.query(
    `SELECT count(*)::int AS paragraphs, avg(p.tone_value)::float8 AS mean_value,
            count(*) FILTER (WHERE ${flag.sql})::int AS flagged
       FROM paragraphs p
      WHERE ${filterSql(filter)} AND p.occurred_at >= $4 AND p.occurred_at < $5
      GROUP BY p.article_id`,
    [...filterParams(filter), window.from, window.to, ...flag.params],
  );
  return rows.map((row) => ({
    paragraphs: row.paragraphs,
    meanValue: row.mean_value,
    flagged: row.flagged,
  }));
}
