import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { type DashboardFilter } from './dashboard-filter';
import {
  DAY_MS,
  QueryParams,
  anyTimeCondition,
  dimensionConditions,
  splitByUnit,
  timeCondition,
} from './sql';

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

/** Framing hits: whole UTC days from framing_rollups, the partial days at the ends from the hits. */
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
      parts.push(
        `SELECT frame, side, negated, hits FROM framing_rollups WHERE ${where.join(' AND ')}`,
      );
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
    return this.db.query<HitCount[]>(
      `SELECT frame AS key, side, negated, sum(hits)::int AS hits
       FROM (${parts.join(' UNION ALL ')}) f
       GROUP BY frame, side, negated HAVING sum(hits) > 0
       ORDER BY frame, side, negated`,
      params.values,
    );
  }

  countsByPhrase(filter: DashboardFilter, phrases: string[]): Promise<HitCount[]> {
    const params = new QueryParams();
    const wanted = this.wanted({ kind: 'phrases', phrases }, params);
    const where = [
      ...dimensionConditions(filter, params, 'h'),
      timeCondition('h.occurred_at', filter, params),
    ];
    return this.db.query<HitCount[]>(
      `SELECT w.term AS key, h.side, h.negated, count(*)::int AS hits
       FROM ${wanted}
       JOIN framing_hits h ON (h.frame = w.slug OR lower(h.phrase) = w.term)
       WHERE ${where.join(' AND ')}
       GROUP BY w.term, h.side, h.negated
       ORDER BY w.term, h.side, h.negated`,
      params.values,
    );
  }

  /** The latest `perKey` hits for each frame or phrase, with their paragraph text. */
  examples(
    filter: DashboardFilter,
    selection: FramingSelection,
    perKey: number,
  ): Promise<HitExample[]> {
    const params = new QueryParams();
    const wanted = this.wanted(selection, params);
    const match =
      selection.kind === 'frames'
        ? 'h.frame = w.term'
        : '(h.frame = w.slug OR lower(h.phrase) = w.term)';
    const where = [
      ...dimensionConditions(filter, params, 'h'),
      timeCondition('h.occurred_at', filter, params),
    ];
    return this.db.query<HitExample[]>(
      `SELECT w.term AS key, e.*
       FROM ${wanted}
       CROSS JOIN LATERAL (
         SELECT h.paragraph_id::text AS "paragraphId", h.article_id AS "articleId", h.side, h.negated,
                h.phrase, p.text, h.source, h.occurred_at AS "occurredAt"
         FROM framing_hits h
         JOIN paragraphs p ON p.id = h.paragraph_id
         WHERE ${match} AND ${where.join(' AND ')}
         ORDER BY h.occurred_at DESC, h.id DESC
         LIMIT ${params.add(perKey)}
       ) e
       ORDER BY w.ord, e."occurredAt" DESC`,
      params.values,
    );
  }

  private wanted(selection: FramingSelection, params: QueryParams): string {
    const terms = selection.kind === 'frames' ? selection.frames : selection.phrases;
    const slugs =
      selection.kind === 'frames' ? selection.frames : selection.phrases.map(phraseSlug);
    return `unnest(${params.add(terms)}::text[], ${params.add(slugs)}::text[]) WITH ORDINALITY AS w(term, slug, ord)`;
  }
}
