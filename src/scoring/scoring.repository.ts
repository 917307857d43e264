import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, type EntityManager } from 'typeorm';
import { WHOLE_ARTICLES_SETTING } from '../../migrations/1764401000000-linear-article-rollups';
import { type ArticleAnalysis } from '../analysis';
import { type ClaimedArticle, ArticlesRepository } from '../articles/articles.repository';
import { column, mapRow } from '../database/rows';

export interface StoreItem {
  article: ClaimedArticle;
  /** one per monitor the article is analysed under, in the article's monitor order */
  analyses: ArticleAnalysis[];
}

@Injectable()
export class ScoringRepository {
  constructor(
    @InjectDataSource() private readonly db: DataSource,
    private readonly articles: ArticlesRepository,
  ) {}

  /**
   * Replaces the paragraphs and framing hits of every article given and marks them scored, all
   * in one transaction with one statement per step whatever the chunk's size: a rerun of the
   * same chunk leaves exactly one copy of each paragraph. Returns the ids stored. An article is
   * left out, and nothing of it written, when its claim is no longer its latest: another
   * delivery claimed it since (this worker lost its lock), or a re-analysis started a newer run.
   * A claim that is still the latest stores even over `failed`: the job was failed for stalling
   * while this worker was still at it, and what it computed is complete.
   *
   * Every monitor's paragraphs of an article are replaced together: an article's analyses are
   * stored as one, so its stored monitors are always those of one run.
   *
   * The steps, in this order on purpose. A transaction-scoped advisory lock per monitor comes
   * first (every monitor of the chunk's analyses, in one order): chunk stores of one monitor take turns, so two of them never lock article rows or
   * rollup rows in crossing orders (a deadlock), and two overlapping deliveries of one chunk
   * serialise, the second replacing what the first wrote. The UPDATE of the articles then; the
   * paragraph and framing inserts last, in one statement, because their rollup triggers lock
   * rows that every article of the same hour, side and source shares: the later they are taken,
   * the shorter other transactions wait for them.
   */
  async storeAnalyses(items: StoreItem[]): Promise<Set<string>> {
    if (items.length === 0) return new Set();
    return this.db.transaction(async (tx) => {
      const monitors = [...new Set(items.flatMap((i) => i.analyses.map((a) => a.monitor)))].sort();
      await tx.query(
        `SELECT pg_advisory_xact_lock(hashtextextended('tonewatch.scoring-store:' || m, 0))
         FROM unnest($1::text[]) AS m ORDER BY m`,
        [monitors],
      );
      const stored = await this.articles.markScored(
        tx,
        items.map((i) => ({ article: i.article, analyses: i.analyses })),
      );
      if (stored.size === 0) return stored;
      // Every paragraph of the stored articles goes and all of their new ones come: the rollup
      // trigger may then count articles from the statements' own rows (migration 1764401000000).
      await tx.query(`SELECT set_config('${WHOLE_ARTICLES_SETTING}', 'on', true)`);
      // framing_hits go with their paragraphs (ON DELETE CASCADE). On a first scoring there is
      // nothing to delete, and a DELETE of no rows still runs its statement triggers (tens of
      // ms a chunk): an index probe finds out first. The articles' rows are locked by now, so
      // no other store adds paragraphs of them between the probe and the insert.
      const ids = [...stored];
      const any = await mapRow(
        tx,
        `SELECT EXISTS (SELECT 1 FROM paragraphs WHERE article_id = ANY ($1::uuid[])) AS any`,
        [ids],
        (row) => column.bool(row, 'any'),
      );
      if (any) await tx.query(`DELETE FROM paragraphs WHERE article_id = ANY ($1::uuid[])`, [ids]);
      const storedItems = items.filter((i) => stored.has(i.article.id));
      if (storedItems.some((i) => i.analyses.some((a) => a.paragraphs.length > 0))) {
        await insertParagraphsAndHits(tx, storedItems);
      }
      return stored;
    });
  }

  /**
   * Flags the paragraphs and framing hits of wire groups' members, one statement per table:
   * `ids[i]` is in group `groups[i]`, and every article but a group's canonical one is a
   * reprint. The rollup triggers move a row's figures when its flag flips.
   */
  async markReprintsOfGroups(tx: EntityManager, ids: string[], groups: string[]): Promise<void> {
    if (ids.length === 0) return;
    for (const table of ['paragraphs', 'framing_hits']) {
      await tx.query(
        `UPDATE ${table} t SET reprint = (u.id <> u.group_id)
         FROM unnest($1::uuid[], $2::uuid[]) AS u(id, group_id)
         WHERE t.article_id = u.id AND t.reprint <> (u.id <> u.group_id)`,
        [ids, groups],
      );
    }
  }

  /** One article's store (see storeAnalyses); false when its claim was not the latest. */
  async storeAnalysis(article: ClaimedArticle, ...analyses: ArticleAnalysis[]): Promise<boolean> {
    return (await this.storeAnalyses([{ article, analyses }])).has(article.id);
  }
}

/**
 * Every paragraph and framing hit of the given articles in one statement: columns travel as
 * arrays (unnest), so the statement is the same whatever the chunk's size and never meets
 * Postgres's bind-parameter limit.
 */
async function insertParagraphsAndHits(tx: EntityManager, items: StoreItem[]): Promise<void> {
  const rows = items.flatMap(({ article, analyses }) =>
    analyses.flatMap(({ monitor, paragraphs }) => paragraphs.map((p) => ({ article, monitor, p }))),
  );
  const hits = rows.flatMap(({ article, monitor, p }) =>
    p.frames.map((hit) => ({ article, monitor, index: p.index, hit })),
  );
  await tx.query(
    `WITH input AS (
       SELECT * FROM unnest(
         $1::uuid[], $2::text[], $3::text[], $4::timestamptz[],
         $5::int[], $6::text[], $7::int[], $8::int[], $9::text[], $10::text[], $11::text[],
         $12::int[], $13::int[], $14::jsonb[], $15::real[], $16::real[], $17::real[],
         $18::text[], $19::jsonb[]
       ) AS u(article_id, monitor, source, occurred_at, idx, text, start_offset, end_offset, side,
              speaker, side_reason, evidence_start, evidence_end, targets, tone_value, tone_score,
              tone_comparative, tone_label, tone_terms)
     ), inserted AS (
       INSERT INTO paragraphs (article_id, monitor, source, occurred_at, idx, text, start_offset,
         end_offset, side, speaker, side_reason, evidence_start, evidence_end, targets,
         tone_value, tone_score, tone_comparative, tone_label, tone_terms)
       SELECT article_id, monitor, source, occurred_at, idx, text, start_offset, end_offset, side,
         speaker, side_reason, evidence_start, evidence_end,
         ARRAY(SELECT jsonb_array_elements_text(targets)),
         tone_value, tone_score, tone_comparative, tone_label, tone_terms
       FROM input
       RETURNING id, article_id, monitor, source, occurred_at, idx
     )
     INSERT INTO framing_hits (paragraph_id, article_id, monitor, source, occurred_at, frame,
       phrase, side, negated, start_offset, end_offset)
     SELECT inserted.id, inserted.article_id, inserted.monitor, inserted.source,
       inserted.occurred_at, h.frame, h.phrase, h.side, h.negated, h.start_offset, h.end_offset
     FROM unnest($20::uuid[], $21::int[], $22::text[], $23::text[], $24::text[], $25::boolean[],
                 $26::int[], $27::int[], $28::text[])
       AS h(article_id, idx, frame, phrase, side, negated, start_offset, end_offset, monitor)
     JOIN inserted ON inserted.article_id = h.article_id AND inserted.monitor = h.monitor
                  AND inserted.idx = h.idx`,
    [
      rows.map((r) => r.article.id),
      rows.map((r) => r.monitor),
      rows.map((r) => r.article.source),
      rows.map((r) => r.article.occurredAt),
      rows.map((r) => r.p.index),
      rows.map((r) => r.p.text),
      rows.map((r) => r.p.start),
      rows.map((r) => r.p.end),
      rows.map((r) => r.p.side),
      rows.map((r) => r.p.speaker),
      rows.map((r) => r.p.sideReason),
      rows.map((r) => r.p.evidence?.start ?? null),
      rows.map((r) => r.p.evidence?.end ?? null),
      rows.map((r) => JSON.stringify(r.p.targets)),
      rows.map((r) => r.p.tone.value),
      rows.map((r) => r.p.tone.score),
      rows.map((r) => r.p.tone.comparative),
      rows.map((r) => r.p.tone.label),
      rows.map((r) => JSON.stringify(r.p.tone.terms)),
      hits.map((h) => h.article.id),
      hits.map((h) => h.index),
      hits.map((h) => h.hit.frame),
      hits.map((h) => h.hit.phrase),
      hits.map((h) => h.hit.side),
      hits.map((h) => h.hit.negated),
      hits.map((h) => h.hit.start),
      hits.map((h) => h.hit.end),
      hits.map((h) => h.monitor),
    ],
  );
}
