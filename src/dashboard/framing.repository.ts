import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { type DashboardFilter } from './dashboard-filter';
import { QueryParams } from '../database/paragraph-filter';
import { column, type DbRow, mapRows } from '../database/rows';
import { DAY_MS, anyTimeCondition, dimensionConditions, splitByUnit, timeCondition } from './sql';

export interface HitCount {
  /** the frame id or phrase the hits were counted for */
  key: string;
  side: string;
  negated: boolean;
  hits: number;
}

export interface HitExample {
  key: string;
  paragraphId: string;
  articleId: string;
  side: string;
  negated: boolean;
  phrase: string;
  text: string;
  source: string | null;
  occurredAt: Date;
}

/**
 * What a request asks for: frame ids, or phrases, which match a hit by frame id (the phrase
 * written as a slug) or by the matched text, ignoring case.
 */
export type FramingSelection =
  { kind: 'frames'; frames: string[] } | { kind: 'phrases'; phrases: string[] };

function phraseSlug(phrase: string): string {
  return phrase.replace(/ /g, '-');
}

/**
 * A hit whose matched text, as a slug, is not its frame id: the predicate of the partial index
 * framing_hits_other_frame_phrase_idx, written the same way so the planner can use it.
 */
const OTHER_FRAME_PHRASE = `h.frame <> replace(lower(h.phrase), ' ', '-')`;

/** A fixed order for the counts, whatever the database's collation. */
function compareText(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

function toHitCount(row: DbRow): HitCount {
  return {
    key: column.text(row, 'key'),
    side: column.text(row, 'side'),
    negated: column.bool(row, 'negated'),
    hits: column.int(row, 'hits'),
  };
}

function toHitExample(row: DbRow): HitExample {
  return {
    key: column.text(row, 'key'),
    paragraphId: column.bigint(row, 'paragraph_id'),
    articleId: column.text(row, 'article_id'),
    side: column.text(row, 'side'),
    negated: column.bool(row, 'negated'),
    phrase: column.text(row, 'phrase'),
    text: column.text(row, 'text'),
    source: column.textOrNull(row, 'source'),
    occurredAt: column.time(row, 'occurred_at'),
  };
}

/** Framing hits: whole UTC days from the daily rollups, the partial days at the ends from the hits. */
@Injectable()
export class FramingRepository {
  constructor(private readonly db: DataSource) {}

  /** Hits per frame, side and negation; every frame when `frames` is null. */
  countsByFrame(filter: DashboardFilter, frames: string[] | null): Promise<HitCount[]> {
    const params = new QueryParams();
    const { whole, edges } = splitByUnit(filter, DAY_MS);
    const frameCondition = frames === null ? [] : [`frame = ANY(${params.add(frames)}::text[])`];
    const parts: string[] = [];
    if (whole) {
      const where = [
        ...dimensionConditions(filter, params),
        ...frameCondition,
        timeCondition('day', whole, params),
      ];
      // without a source in the filter, the smaller rollup summed over sources answers
      const table = filter.source === null ? 'framing_side_rollups' : 'framing_rollups';
      parts.push(`SELECT frame, side, negated, hits FROM ${table} WHERE ${where.join(' AND ')}`);
    }
    if (edges.length > 0) {
      const where = [
        ...dimensionConditions(filter, params),
        ...frameCondition,
        `(${anyTimeCondition('occurred_at', edges, params)})`,
      ];
      parts.push(
        `SELECT frame, side, negated, 1 AS hits FROM framing_hits WHERE ${where.join(' AND ')}`,
      );
    }
    return mapRows(
      this.db,
      `SELECT frame AS key, side, negated, sum(hits)::int AS hits
       FROM (${parts.join(' UNION ALL ')}) f
       GROUP BY frame, side, negated HAVING sum(hits) > 0
       ORDER BY frame, side, negated`,
      params.values,
      toHitCount,
    );
  }

  /**
   * A phrase counts the hits whose frame id is its slug (the daily rollup, as for frames) and
   * the hits whose matched text is the phrase under another frame id ("internal affairs" under
   * `interference`), which a partial index holds apart: the two sets are disjoint, so their
   * sums are the hits matching either way, each counted once.
   */
  async countsByPhrase(filter: DashboardFilter, phrases: string[]): Promise<HitCount[]> {
    const slugs = phrases.map(phraseSlug);
    const [byFrame, byText] = await Promise.all([
      this.countsByFrame(filter, slugs),
      this.countsByOtherFramePhrase(filter, phrases),
    ]);
    const totals = new Map<string, HitCount>();
    const add = (count: HitCount) => {
      const id = JSON.stringify([count.key, count.side, count.negated]);
      const total = totals.get(id);
      if (total) total.hits += count.hits;
      else totals.set(id, { ...count });
    };
    for (const count of byFrame) {
      phrases.forEach((phrase, i) => {
        if (slugs[i] === count.key) add({ ...count, key: phrase });
      });
    }
    byText.forEach(add);
    return [...totals.values()].sort(
      (a, b) =>
        compareText(a.key, b.key) ||
        compareText(a.side, b.side) ||
        Number(a.negated) - Number(b.negated),
    );
  }

  /** Hits whose matched text is one of `phrases` while their frame id is not that phrase's slug. */
  private countsByOtherFramePhrase(
    filter: DashboardFilter,
    phrases: string[],
  ): Promise<HitCount[]> {
    const params = new QueryParams();
    const where = [
      ...dimensionConditions(filter, params, 'h'),
      `lower(h.phrase) = ANY(${params.add(phrases)}::text[])`,
      OTHER_FRAME_PHRASE,
      timeCondition('h.occurred_at', filter, params),
    ];
    return mapRows(
      this.db,
      `SELECT lower(h.phrase) AS key, h.side, h.negated, count(*)::int AS hits
       FROM framing_hits h
       WHERE ${where.join(' AND ')}
       GROUP BY lower(h.phrase), h.side, h.negated`,
      params.values,
      toHitCount,
    );
  }

  /**
   * The latest `perKey` hits for each frame or phrase, with their paragraph text. For a phrase,
   * the latest by frame id and the latest by other-frame text are merged: each comes from its
   * own index in time order, so neither has to read every hit in the range.
   */
  examples(
    filter: DashboardFilter,
    selection: FramingSelection,
    perKey: number,
  ): Promise<HitExample[]> {
    const params = new QueryParams();
    const wanted = this.wanted(selection, params);
    const where = [
      ...dimensionConditions(filter, params, 'h'),
      timeCondition('h.occurred_at', filter, params),
    ].join(' AND ');
    const limit = params.add(perKey);
    const latest = (match: string) =>
      `(SELECT h.id, h.paragraph_id, h.article_id, h.side, h.negated, h.phrase, h.source, h.occurred_at
        FROM framing_hits h
        WHERE ${match} AND ${where}
        ORDER BY h.occurred_at DESC, h.id DESC
        LIMIT ${limit})`;
    const hits =
      selection.kind === 'frames'
        ? latest('h.frame = w.term')
        : `(${latest('h.frame = w.slug')} UNION ALL ${latest(`lower(h.phrase) = w.term AND ${OTHER_FRAME_PHRASE}`)})`;
    return mapRows(
      this.db,
      `SELECT w.term AS key, e.*
       FROM ${wanted}
       CROSS JOIN LATERAL (
         SELECT h.paragraph_id, h.article_id, h.side, h.negated, h.phrase, p.text, h.source,
                h.occurred_at
         FROM ${hits} h
         JOIN paragraphs p ON p.id = h.paragraph_id
         ORDER BY h.occurred_at DESC, h.id DESC
         LIMIT ${limit}
       ) e
       ORDER BY w.ord, e.occurred_at DESC`,
      params.values,
      toHitExample,
    );
  }

  private wanted(selection: FramingSelection, params: QueryParams): string {
    const terms = selection.kind === 'frames' ? selection.frames : selection.phrases;
    const slugs =
      selection.kind === 'frames' ? selection.frames : selection.phrases.map(phraseSlug);
    return `unnest(${params.add(terms)}::text[], ${params.add(slugs)}::text[]) WITH ORDINALITY AS w(term, slug, ord)`;
  }
}
