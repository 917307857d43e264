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

export interface LinkOutcome {
  /** the article's wire group (its canonical article's id), or null when it reprints nothing */
  groupId: string | null;
  /** articles whose group this link changed */
  changed: number;
  /** whether this was the article's first link (it was wire_pending until now) */
  firstLink: boolean;
}

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

  articleBody(articleId: string): Promise<string | null> {
    return mapRow(this.db, `SELECT body FROM articles WHERE id = $1`, [articleId], (row) =>
      column.text(row, 'body'),
    );
  }

  /**
   * Stores the article's fingerprints and puts it in one group with every stored article that
   * shares at least `minShared` of them, and with those articles' groups, whether they were
   * stored before or after it. The group's canonical article is its earliest stored
   * (created_at, then id); its id is the group's id, every other member is a reprint.
   */
  link(articleId: string, fingerprints: string[], minShared: number): Promise<LinkOutcome> {
    return this.db.transaction(async (tx) => {
      await tx.query(`SELECT pg_advisory_xact_lock($1)`, [WIRE_LINK_LOCK_KEY]);
      if (fingerprints.length > 0) {
        await tx.query(
          `INSERT INTO paragraph_fingerprints (fingerprint, article_id)
           SELECT unnest($2::text[]), $1
           ON CONFLICT DO NOTHING`,
          [articleId, fingerprints],
        );
      }
      const members = await this.members(tx, articleId, fingerprints, minShared);
      const firstLink = await this.articles.markLinked(tx, articleId);
      if (members.length < 2) {
        const own = await mapRow(
          tx,
          `SELECT wire_group_id FROM articles WHERE id = $1`,
          [articleId],
          (row) => column.textOrNull(row, 'wire_group_id'),
        );
        return { groupId: own ?? null, changed: 0, firstLink };
      }
      const canonical = members[0];
      const changed = await this.assign(tx, members, canonical);
      return { groupId: canonical, changed, firstLink };
    });
  }

  /** Ids of the article's group after linking, canonical first; just the article when alone. */
  private async members(
    tx: EntityManager,
    articleId: string,
    fingerprints: string[],
    minShared: number,
  ): Promise<string[]> {
    return mapRows(
      tx,
      `WITH matched AS (
         SELECT $1::uuid AS id
         UNION
         SELECT fp.article_id FROM paragraph_fingerprints fp
         WHERE fp.fingerprint = ANY($2::text[]) AND fp.article_id <> $1
         GROUP BY fp.article_id
         HAVING count(*) >= $3
       ),
       groups AS (
         SELECT a.wire_group_id AS id FROM articles a JOIN matched m ON m.id = a.id
         WHERE a.wire_group_id IS NOT NULL
       )
       SELECT a.id FROM articles a
       WHERE a.id IN (SELECT id FROM matched) OR a.wire_group_id IN (SELECT id FROM groups)
       ORDER BY a.created_at, a.id`,
      [articleId, fingerprints, minShared],
      toId,
    );
  }

  /**
   * Articles first (in id order, so a store waiting on one of them cannot cross us), then
   * their rows: the rollup triggers move a row's figures when its reprint flag flips; then the
   * events of the articles that moved, whose figures count wire stories once, are marked stale.
   */
  private async assign(tx: EntityManager, members: string[], canonical: string): Promise<number> {
    const moved = await this.articles.setWireGroup(tx, members, canonical);
    await this.paragraphs.markReprints(tx, members, canonical);
    await this.events.markStale(tx, moved);
    return moved.length;
  }

  /**
   * One backfill batch, in one transaction: takes up to `limit` entries off wire_backfill
   * (SKIP LOCKED, so concurrent runs split the work), fingerprints the scored ones with
   * `prepare`, and links them all as `link` would link each, in a few set-based statements
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
      const changed = await this.assignComponents(tx, wireComponents(links));
      return { claimed: claimed.length, fingerprinted: articles.length, changed };
    });
  }

  /**
   * Every link of the batch's articles, as members() finds them for one article: each article
   * with itself, with every article sharing at least its minShared fingerprints, and each of
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
   * (created_at, then id, as link() chooses), in one statement for the articles and one per
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
