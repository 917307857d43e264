import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, type EntityManager } from 'typeorm';
import { ArticlesRepository } from '../articles/articles.repository';
import { column, type DbRow, mapRow, mapRows } from '../database/rows';
import { EventsRepository } from '../events/events.repository';
import { ScoringRepository } from '../scoring/scoring.repository';
import { wireComponents } from './wire-groups';

/**
 * One key for every linking transaction (pg_advisory_xact_lock), so links are made one at a
 * time across all workers. Linking is a few index reads and small updates; a lock per
 * fingerprint would not do, since two articles that share no paragraph can still merge the
 * same groups (each matching a different paragraph of a third).
 */
export const WIRE_LINK_LOCK_KEY = 7_164_401_200;

/** What linking needs of one article: its fingerprints and how many another must share. */
export interface ArticleFingerprints {
  fingerprints: string[];
  minShared: number;
}

export interface BackfillOutcome {
  /** entries taken off wire_backfill */
  claimed: number;
  /** of those, scored articles fingerprinted and linked (the rest are linked when scored) */
  fingerprinted: number;
  /** articles whose wire group this batch changed */
  changed: number;
}

const toId = (row: DbRow): string => column.text(row, 'id');
const toCount = (row: DbRow): number => column.int(row, 'n');

@Injectable()
export class WireStoriesRepository {
  constructor(
    @InjectDataSource() private readonly db: DataSource,
    private readonly articles: ArticlesRepository,
    private readonly paragraphs: ScoringRepository,
    private readonly events: EventsRepository,
  ) {}

  /**
   * Links the given articles that are still wire_pending, all in one transaction under the
   * linking lock, with the set-based statements of a backfill batch: each joins one group with
   * every article sharing enough of its fingerprints and with their groups (see linkBatch),
   * as linking each in turn would. An article already linked is left as it is (its fingerprints are stored
   * and its body has not changed, so linking it again would change nothing): a completion heard
   * by several workers, or delivered again, costs the others one read. Returns the ids this
   * call linked first and how many articles changed group.
   */
  linkPending(
    articleIds: string[],
    prepare: (body: string) => ArticleFingerprints,
  ): Promise<{ linked: string[]; changed: number }> {
    return this.db.transaction(async (tx) => {
      await tx.query(`SELECT pg_advisory_xact_lock($1)`, [WIRE_LINK_LOCK_KEY]);
      const pending = await mapRows(
        tx,
        `SELECT id, body FROM articles WHERE id = ANY($1::uuid[]) AND wire_pending ORDER BY id`,
        [articleIds],
        (row) => ({ id: column.text(row, 'id'), body: column.text(row, 'body') }),
      );
      if (pending.length === 0) return { linked: [], changed: 0 };
      const articles = pending.map((row) => ({ id: row.id, ...prepare(row.body) }));
      const changed = await this.linkBatch(tx, articles);
      // Last, so the chunk's rows stay locked for as short a time as can be: a re-analysis
      // passes over locked articles (SKIP LOCKED).
      const linked = await this.articles.markLinkedMany(
        tx,
        articles.map((a) => a.id),
      );
      return { linked, changed };
    });
  }

  /**
   * One backfill batch, in one transaction: takes up to `limit` entries off wire_backfill
   * (SKIP LOCKED, so concurrent runs split the work), fingerprints the scored ones with
   * `prepare`, and links them all as linking each in turn would, in a few set-based statements
   * under the linking lock. Safe beside live linking and scoring (same lock, same row lock
   * order) and idempotent: a batch that fails leaves its entries queued, and linking an
   * article already linked changes nothing.
   */
  backfill(
    limit: number,
    prepare: (body: string) => ArticleFingerprints,
  ): Promise<BackfillOutcome> {
    return this.db.transaction(async (tx) => {
      // An article not scored (being re-analysed, failed) or still pending is linked when its
      // scoring completes, as any other; its entry goes all the same.
      const claimed = await mapRows(
        tx,
        `WITH claimed AS (
           DELETE FROM wire_backfill WHERE article_id IN (
             SELECT article_id FROM wire_backfill ORDER BY article_id LIMIT $1 FOR UPDATE SKIP LOCKED)
           RETURNING article_id
         )
         SELECT c.article_id AS id,
                CASE WHEN a.status = 'scored' AND NOT a.wire_pending THEN a.body END AS body
         FROM claimed c LEFT JOIN articles a ON a.id = c.article_id`,
        [limit],
        (row) => ({ id: column.text(row, 'id'), body: column.textOrNull(row, 'body') }),
      );
      const articles = claimed.flatMap((row) =>
        row.body === null ? [] : [{ id: row.id, ...prepare(row.body) }],
      );
      if (articles.length === 0) return { claimed: claimed.length, fingerprinted: 0, changed: 0 };
      await tx.query(`SELECT pg_advisory_xact_lock($1)`, [WIRE_LINK_LOCK_KEY]);
      const changed = await this.linkBatch(tx, articles);
      return { claimed: claimed.length, fingerprinted: articles.length, changed };
    });
  }

  /**
   * Stores the articles' fingerprints and puts each in one group with every stored article
   * that shares at least its `minShared` of them, and with those articles' groups, whether they
   * were stored before or after it; returns how many articles changed group. The group's
   * canonical article is its earliest stored (created_at, then id); its id is the group's id,
   * every other member is a reprint. Under the linking lock, taken by the caller.
   */
  private async linkBatch(
    tx: EntityManager,
    articles: (ArticleFingerprints & { id: string })[],
  ): Promise<number> {
    const owners = articles.flatMap((a) => a.fingerprints.map(() => a.id));
    const fingerprints = articles.flatMap((a) => a.fingerprints);
    if (fingerprints.length > 0) {
      await tx.query(
        `INSERT INTO paragraph_fingerprints (fingerprint, article_id)
         SELECT * FROM unnest($2::text[], $1::uuid[])
         ON CONFLICT DO NOTHING`,
        [owners, fingerprints],
      );
    }
    const links = await this.batchLinks(tx, articles, owners, fingerprints);
    return this.assignComponents(tx, wireComponents(links));
  }

  /**
   * Every link of the batch's articles: each article with itself, with every article sharing at least its minShared fingerprints, and each of
   * those (itself included) with its current group; then every member of those groups with
   * its group.
   */
  private async batchLinks(
    tx: EntityManager,
    articles: (ArticleFingerprints & { id: string })[],
    owners: string[],
    fingerprints: string[],
  ): Promise<[string, string][]> {
    const matched = await mapRows(
      tx,
      `WITH mine AS (
         SELECT * FROM unnest($1::uuid[], $2::text[]) AS m(article_id, fingerprint)
       ),
       batch AS (
         SELECT * FROM unnest($3::uuid[], $4::int[]) AS b(article_id, min_shared)
       ),
       pairs AS (
         SELECT m.article_id, fp.article_id AS other
         FROM mine m
         JOIN batch b ON b.article_id = m.article_id
         JOIN paragraph_fingerprints fp
           ON fp.fingerprint = m.fingerprint AND fp.article_id <> m.article_id
         GROUP BY m.article_id, fp.article_id, b.min_shared
         HAVING count(*) >= b.min_shared
         UNION
         SELECT article_id, article_id FROM batch
       )
       SELECT p.article_id AS id, p.other, a.wire_group_id
       FROM pairs p JOIN articles a ON a.id = p.other`,
      [owners, fingerprints, articles.map((a) => a.id), articles.map((a) => a.minShared)],
      (row) => ({
        id: column.text(row, 'id'),
        other: column.text(row, 'other'),
        groupId: column.textOrNull(row, 'wire_group_id'),
      }),
    );
    const links: [string, string][] = matched.map((m) => [m.id, m.other]);
    const groups = [...new Set(matched.flatMap((m) => (m.groupId ? [m.groupId] : [])))];
    for (const m of matched) if (m.groupId) links.push([m.other, m.groupId]);
    if (groups.length > 0) {
      const members = await mapRows(
        tx,
        `SELECT id, wire_group_id FROM articles WHERE wire_group_id = ANY($1::uuid[])`,
        [groups],
        (row) => ({ id: column.text(row, 'id'), groupId: column.text(row, 'wire_group_id') }),
      );
      for (const m of members) links.push([m.id, m.groupId]);
    }
    return links;
  }

  /**
   * Every component of two or more articles becomes one group led by its member stored first
   * (created_at, then id), in one statement for the articles and one per
   * table for their rows.
   */
  private async assignComponents(tx: EntityManager, components: string[][]): Promise<number> {
    const grouped = components.filter((c) => c.length > 1);
    if (grouped.length === 0) return 0;
    const order = await mapRows(
      tx,
      `SELECT id FROM articles WHERE id = ANY($1::uuid[]) ORDER BY created_at, id`,
      [grouped.flat()],
      toId,
    );
    const rank = new Map(order.map((id, i) => [id, i]));
    const ids: string[] = [];
    const canonicals: string[] = [];
    for (const component of grouped) {
      // a group id whose article is gone (its members' wire_group_id is then null) leads nothing
      const present = component.filter((id) => rank.has(id));
      if (present.length < 2) continue;
      present.sort((a, b) => rank.get(a)! - rank.get(b)!);
      for (const id of present) {
        ids.push(id);
        canonicals.push(present[0]);
      }
    }
    const moved = await this.articles.setWireGroups(tx, ids, canonicals);
    await this.paragraphs.markReprintsOfGroups(tx, ids, canonicals);
    await this.events.markStale(tx, moved);
    return moved.length;
  }

  /**
   * Queues every scored, linked article that has no fingerprint (stored before wire linking,
   * or its fingerprints lost); returns how many were added. An article with no paragraph long
   * enough to fingerprint is queued too, and linking it again changes nothing.
   */
  async queueUnfingerprinted(): Promise<number> {
    const added = await mapRow(
      this.db,
      `WITH added AS (
         INSERT INTO wire_backfill (article_id)
         SELECT a.id FROM articles a
         WHERE a.status = 'scored' AND NOT a.wire_pending
           AND NOT EXISTS (SELECT 1 FROM paragraph_fingerprints f WHERE f.article_id = a.id)
         ON CONFLICT DO NOTHING
         RETURNING 1
       )
       SELECT count(*)::int AS n FROM added`,
      [],
      toCount,
    );
    return added!;
  }

  async backfillQueued(): Promise<number> {
    const queued = await mapRow(
      this.db,
      `SELECT count(*)::int AS n FROM wire_backfill`,
      [],
      toCount,
    );
    return queued!;
  }

  /** Scored articles still waiting for a link, scored more than `graceMs` ago: the sweep's work. */
  pending(graceMs: number, limit: number): Promise<string[]> {
    return mapRows(
      this.db,
      `SELECT id FROM articles
       WHERE wire_pending AND status = 'scored'
         AND scored_at < now() - make_interval(secs => $1 / 1000.0)
       ORDER BY scored_at LIMIT $2`,
      [graceMs, limit],
      toId,
    );
  }
}
