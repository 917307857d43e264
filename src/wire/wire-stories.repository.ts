import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, type EntityManager } from 'typeorm';
import { ArticlesRepository } from '../articles/articles.repository';
import { ScoringRepository } from '../scoring/scoring.repository';

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

@Injectable()
export class WireStoriesRepository {
  constructor(
    @InjectDataSource() private readonly db: DataSource,
    private readonly articles: ArticlesRepository,
    private readonly paragraphs: ScoringRepository,
  ) {}

  async articleBody(articleId: string): Promise<string | null> {
    const rows = await this.db.query<{ body: string }[]>(
      `SELECT body FROM articles WHERE id = $1`,
      [articleId],
    );
    return rows[0]?.body ?? null;
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
        const own = await tx.query<{ wire_group_id: string | null }[]>(
          `SELECT wire_group_id FROM articles WHERE id = $1`,
          [articleId],
        );
        return { groupId: own[0]?.wire_group_id ?? null, changed: 0, firstLink };
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
    const rows = await tx.query<{ id: string }[]>(
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
    );
    return rows.map((r) => r.id);
  }

  /**
   * Articles first (in id order, so a store waiting on one of them cannot cross us), then
   * their rows: the rollup triggers move a row's figures when its reprint flag flips.
   */
  private async assign(tx: EntityManager, members: string[], canonical: string): Promise<number> {
    const changed = await this.articles.setWireGroup(tx, members, canonical);
    await this.paragraphs.markReprints(tx, members, canonical);
    return changed;
  }

  /** Scored articles still waiting for a link, scored more than `graceMs` ago: the sweep's work. */
  async pending(graceMs: number, limit: number): Promise<string[]> {
    const rows = await this.db.query<{ id: string }[]>(
      `SELECT id FROM articles
       WHERE wire_pending AND status = 'scored'
         AND scored_at < now() - make_interval(secs => $1 / 1000.0)
       ORDER BY scored_at LIMIT $2`,
      [graceMs, limit],
    );
    return rows.map((r) => r.id);
  }
}
