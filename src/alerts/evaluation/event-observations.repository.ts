import { type EntityManager } from 'typeorm';
import { column, type DbRow, mapRows } from '../../database/rows';
import { type ArticleSummary, type EventObservation } from '../detection';

/** Which events an asymmetry rule watches, and the evidence an event needs before it is judged. */
export interface EventStreamFilter {
  monitor: string;
  side: string;
  /** the pair compared by scores stored before the sides were (the monitor's first two sides) */
  defaultSides: string[];
  minArticles: number;
  minOutlets: number;
  /** collapse: the events' figures and evidence with each wire story once; all: every copy */
  syndication: 'collapse' | 'all';
}

/** The stored figures of each mode (migration 1764401600000), fixed column names. */
const MODE_FIGURES = {
  collapse: { score: 'asymmetry', toneGap: 'tone_gap', sides: 'asymmetry_sides' },
  all: { score: 'asymmetry_all', toneGap: 'tone_gap_all', sides: 'asymmetry_sides_all' },
} as const;

/**
 * Scored events of the monitor whose compared sides include the rule's side and that hold the
 * rule's minimum articles and outlets, with their latest article in the range; parameters $1–$7.
 * Under collapse the evidence counts one copy of each wire story in the event, the one
 * src/events/core/syndication.ts counts (the canonical article, else the first copy), and its
 * outlet: five outlets printing one wire story are one article from one outlet.
 */
function eventsSql(syndication: EventStreamFilter['syndication']): string {
  const figures = MODE_FIGURES[syndication];
  const copies = syndication === 'all' ? '' : 'WHERE c.copy = 1';
  return `
  SELECT e.id, e.title, e.started_at, e.ended_at, e.${figures.score} AS asymmetry,
         e.${figures.toneGap} AS tone_gap, s.sides, m.article_ids, m.sources,
         (SELECT count(*)::int FROM paragraphs p
           WHERE p.article_id = ANY(m.article_ids) AND p.monitor = e.monitor
             AND p.side = ANY(s.sides)) AS paragraphs
    FROM events e
   CROSS JOIN LATERAL (SELECT coalesce(e.${figures.sides}, $3::text[]) AS sides) s
   CROSS JOIN LATERAL (
         SELECT array_agg(c.article_id ORDER BY c.occurred_at, c.article_id) AS article_ids,
                coalesce(array_agg(DISTINCT c.source) FILTER (WHERE c.source IS NOT NULL), '{}') AS sources
           FROM (SELECT ea.article_id, ea.occurred_at, a.source,
                        row_number() OVER (
                          PARTITION BY coalesce(a.wire_group_id, a.id)
                          ORDER BY (a.id = a.wire_group_id) IS TRUE DESC, ea.occurred_at, ea.article_id
                        ) AS copy
                   FROM event_articles ea JOIN articles a ON a.id = ea.article_id
                  WHERE ea.event_id = e.id) c
          ${copies}) m
   WHERE e.monitor = $1 AND e.${figures.score} IS NOT NULL AND $2 = ANY(s.sides)
     AND e.ended_at > $4 AND e.ended_at <= $5
     AND cardinality(m.article_ids) >= $6 AND cardinality(m.sources) >= $7`;
}

function params(filter: EventStreamFilter, from: Date, to: Date): unknown[] {
  return [
    filter.monitor,
    filter.side,
    filter.defaultSides,
    from,
    to,
    filter.minArticles,
    filter.minOutlets,
  ];
}

/**
 * The watched events whose latest article falls in (from, to], oldest first. With `unseenBy`,
 * events that rule has already judged are left out: each event is judged once, as soon as it
 * holds the rule's minimum evidence.
 */
export async function streamEvents(
  db: EntityManager,
  filter: EventStreamFilter,
  range: { from: Date; to: Date },
  unseenBy?: string,
): Promise<EventObservation[]> {
  return mapRows(
    db,
    `${eventsSql(filter.syndication)}
       AND ($8::uuid IS NULL OR NOT EXISTS (
             SELECT 1 FROM alert_rule_events seen WHERE seen.rule_id = $8::uuid AND seen.event_id = e.id))
     ORDER BY e.ended_at, e.id`,
    [...params(filter, range.from, range.to), unseenBy ?? null],
    toObservation,
  );
}

function toObservation(row: DbRow): EventObservation {
  return {
    kind: 'event',
    eventId: column.text(row, 'id'),
    title: column.text(row, 'title'),
    startedAt: column.time(row, 'started_at'),
    occurredAt: column.time(row, 'ended_at'),
    score: column.float(row, 'asymmetry'),
    toneGap: column.floatOrNull(row, 'tone_gap'),
    sides: column.textArray(row, 'sides'),
    articleIds: column.textArray(row, 'article_ids'),
    sources: column.textArray(row, 'sources'),
    paragraphs: column.int(row, 'paragraphs'),
  };
}

/** One summary per watched event whose latest article falls in [from, to): the baseline's input. */
export async function baselineEvents(
  db: EntityManager,
  filter: EventStreamFilter,
  window: { from: Date; to: Date },
): Promise<ArticleSummary[]> {
  return mapRows(
    db,
    eventsSql(filter.syndication).replace(
      'e.ended_at > $4 AND e.ended_at <= $5',
      'e.ended_at >= $4 AND e.ended_at < $5',
    ),
    params(filter, window.from, window.to),
    (row) => ({
      paragraphs: column.int(row, 'paragraphs'),
      meanValue: column.float(row, 'asymmetry'),
      flagged: 0,
    }),
  );
}
