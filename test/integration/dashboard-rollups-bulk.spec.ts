import { Client } from 'pg';
import {
  insertBulkArticles,
  insertBulkHits,
  insertBulkParagraphs,
  rollupSnapshot,
} from '../support/bulk-paragraphs';
import { createTestEnv, type TestEnv } from '../support/test-env';

// Bulk statements (a chunk stored at once, a backfill, a re-analysis of everything) keep every
// rollup table exactly what dashboard_rebuild_rollups() computes from the raw rows, both on the
// store path's whole-article statements and on any other statement.
describe('rollups after statements of 100,000 paragraphs', () => {
  let env: TestEnv;
  let db: Client;
  const ARTICLES = 10_000;
  const PER_ARTICLE = 10;

  /** The triggers' figures, then the rebuild's from the raw tables: they must be equal. */
  async function expectExact(): Promise<Record<string, unknown[]>> {
    const kept = await rollupSnapshot(db);
    await db.query(`SELECT dashboard_rebuild_rollups()`);
    const rebuilt = await rollupSnapshot(db);
    expect(kept).toEqual(rebuilt);
    return rebuilt;
  }

  async function inTransaction(wholeArticles: boolean, work: () => Promise<void>): Promise<void> {
    await db.query('BEGIN');
    try {
      if (wholeArticles)
        await db.query(`SELECT set_config('tonewatch.whole_articles', 'on', true)`);
      await work();
      await db.query('COMMIT');
    } catch (error) {
      await db.query('ROLLBACK');
      throw error;
    }
  }

  async function totals(): Promise<{ paragraphs: number; articles: number; hits: number }> {
    const { rows } = await db.query<{ paragraphs: number; articles: number; hits: number }>(
      `SELECT (SELECT coalesce(sum(paragraphs), 0)::int FROM paragraph_rollups) AS paragraphs,
              (SELECT coalesce(sum(articles), 0)::int FROM paragraph_rollups) AS articles,
              (SELECT coalesce(sum(hits), 0)::int FROM framing_rollups) AS hits`,
    );
    return rows[0];
  }

  beforeAll(async () => {
    env = await createTestEnv();
    db = new Client({ connectionString: env.databaseUrl });
    await db.connect();
    await insertBulkArticles(db, ARTICLES, 'bulk');
  }, 60_000);

  afterAll(async () => {
    await db?.end();
    await env?.drop();
  }, 30_000);

  it('one whole-article INSERT of 100,000 paragraphs, then one of their framing hits', async () => {
    await inTransaction(true, async () => {
      expect(await insertBulkParagraphs(db, { tag: 'bulk', perArticle: PER_ARTICLE })).toBe(
        ARTICLES * PER_ARTICLE,
      );
      expect(await insertBulkHits(db, 'bulk')).toBe((ARTICLES * PER_ARTICLE) / 2);
    });
    const rebuilt = await expectExact();
    expect(rebuilt.paragraph_rollups.length).toBeGreaterThan(500);
    // every article has paragraphs of several sides: it counts once in each side's key
    const sums = await totals();
    expect(sums.paragraphs).toBe(ARTICLES * PER_ARTICLE);
    expect(sums.articles).toBeGreaterThan(ARTICLES * 3);
    expect(sums.hits).toBe((ARTICLES * PER_ARTICLE) / 2);
  }, 180_000);

  it('a re-analysis of every article: one DELETE of 100,000 paragraphs and one INSERT of other ones', async () => {
    const before = await rollupSnapshot(db);
    await inTransaction(true, async () => {
      const deleted = await db.query(
        `DELETE FROM paragraphs WHERE article_id = ANY (ARRAY(SELECT id FROM articles))`,
      );
      expect(deleted.rowCount).toBe(ARTICLES * PER_ARTICLE);
      await insertBulkParagraphs(db, { tag: 'bulk', perArticle: PER_ARTICLE, variant: 1 });
    });
    const rebuilt = await expectExact();
    expect(rebuilt).not.toEqual(before);
    expect((await totals()).paragraphs).toBe(ARTICLES * PER_ARTICLE);
  }, 180_000);

  it('statements that add to, move and cut into stored articles, without the whole-article setting', async () => {
    // one more paragraph in each article: in a key it already counts in, or a new one
    await inTransaction(false, async () => {
      await insertBulkParagraphs(db, {
        tag: 'bulk',
        perArticle: 1,
        firstIdx: PER_ARTICLE,
        variant: 2,
      });
    });
    await expectExact();
    // an UPDATE is counted the exact way even under the setting
    await inTransaction(true, async () => {
      await db.query(
        `UPDATE paragraphs SET side = CASE side WHEN 'us' THEN 'china' ELSE 'us' END WHERE idx % 2 = 1`,
      );
    });
    await expectExact();
    await inTransaction(false, async () => {
      await db.query(`DELETE FROM paragraphs WHERE idx < 4`);
    });
    await expectExact();
    // a delete of whole articles cascades to their paragraphs and hits
    await db.query(
      `DELETE FROM articles WHERE id IN (SELECT id FROM articles ORDER BY id LIMIT 2500)`,
    );
    await expectExact();
    expect((await totals()).paragraphs).toBe((ARTICLES - 2_500) * (PER_ARTICLE + 1 - 4));
  }, 240_000);

  it('wire links flipping the reprint flag of whole groups, and a re-analysis of articles already reprints', async () => {
    const articles = ARTICLES - 2_500;
    // groups of five articles in id order, the first of each canonical, as src/wire links them
    await inTransaction(false, async () => {
      await db.query(
        `UPDATE articles a SET wire_group_id = g.canonical
         FROM (SELECT id, first_value(id) OVER (PARTITION BY (n - 1) / 5 ORDER BY n) AS canonical
               FROM (SELECT id, row_number() OVER (ORDER BY id) AS n FROM articles) numbered) g
         WHERE g.id = a.id`,
      );
      for (const table of ['paragraphs', 'framing_hits']) {
        await db.query(`UPDATE ${table} t SET reprint = (t.article_id <> a.wire_group_id)
          FROM articles a WHERE a.id = t.article_id`);
      }
    });
    await expectExact();
    const collapsed = async () =>
      (
        await db.query<{ paragraphs: number; articles: number }>(
          `SELECT sum(paragraphs)::int AS paragraphs, sum(articles)::int AS articles
           FROM paragraph_rollups WHERE NOT reprint`,
        )
      ).rows[0];
    const perArticle = PER_ARTICLE + 1 - 4;
    expect((await collapsed()).paragraphs).toBe((articles / 5) * perArticle);

    // the store path's re-analysis of everything: the reprints' new rows are flagged on insert
    await inTransaction(true, async () => {
      await db.query(`DELETE FROM paragraphs`);
      await insertBulkParagraphs(db, { tag: 'bulk', perArticle, variant: 3 });
      await insertBulkHits(db, 'bulk');
    });
    const { rows } = await db.query<{ wrong: number }>(
      `SELECT count(*)::int AS wrong FROM paragraphs p JOIN articles a ON a.id = p.article_id
       WHERE p.reprint <> (a.wire_group_id <> a.id)`,
    );
    expect(rows[0].wrong).toBe(0);
    await expectExact();
    expect((await collapsed()).paragraphs).toBe((articles / 5) * perArticle);
    // unlinking everything moves every figure back to the collapsed keys
    await inTransaction(false, async () => {
      await db.query(`UPDATE paragraphs SET reprint = false WHERE reprint`);
    });
    await expectExact();
    expect((await collapsed()).paragraphs).toBe((await totals()).paragraphs);
  }, 240_000);
});
