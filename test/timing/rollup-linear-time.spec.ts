import { Client } from 'pg';
import { runMigrations } from '../../src/database/migrate';
import { insertBulkArticles, insertBulkParagraphs } from '../support/bulk-paragraphs';
import { databaseUrl, uniqueSuffix, withAdminClient } from '../support/postgres';

// The rollup triggers cost time linear in the rows a statement writes: one INSERT of 100,000
// paragraphs (10,000 whole articles, as a chunked store or a backfill writes them) may take at
// most about 15 times as long as one of 10,000. Before migration 1764401000000 the tone
// trigger probed `paragraphs` once per article and key, and the 10,000-row statement alone
// took about 8 s on the development machine.
//
// Wall time of the statement, as Postgres works in its own process: the best of a few runs,
// each into emptied tables, and a ratio above 15 is measured again (up to three times) before
// the test fails, since the machine is shared. The whole file takes some 20-40 s.
const SMALL = 1_000;
const LARGE = 10_000;
const PER_ARTICLE = 10;

describe('rollup triggers are linear in the size of a statement', () => {
  const name = `tonewatch_test_${uniqueSuffix()}`;
  let db: Client;

  async function timedInsert(articles: number): Promise<number> {
    await db.query(
      `TRUNCATE paragraphs, framing_hits, paragraph_rollups, paragraph_side_rollups,
                paragraph_target_rollups, paragraph_target_side_rollups,
                paragraph_target_daily_rollups, framing_rollups, paragraph_daily_rollups,
                paragraph_side_daily_rollups, framing_side_rollups,
                paragraph_target_source_daily_rollups CASCADE`,
    );
    await db.query('BEGIN');
    await db.query(`SELECT set_config('tonewatch.whole_articles', 'on', true)`);
    const start = process.hrtime.bigint();
    const rows = await insertBulkParagraphs(db, {
      tag: 'timing',
      perArticle: PER_ARTICLE,
      limit: articles,
    });
    const ms = Number(process.hrtime.bigint() - start) / 1e6;
    await db.query('COMMIT');
    expect(rows).toBe(articles * PER_ARTICLE);
    return ms;
  }

  async function best(articles: number, runs: number): Promise<number> {
    let min = Infinity;
    for (let r = 0; r < runs; r++) min = Math.min(min, await timedInsert(articles));
    return min;
  }

  beforeAll(async () => {
    await withAdminClient((admin) => admin.query(`CREATE DATABASE ${name}`));
    await runMigrations(databaseUrl(name));
    db = new Client({ connectionString: databaseUrl(name) });
    await db.connect();
    await insertBulkArticles(db, LARGE, 'timing');
    await db.query('ANALYZE articles');
  }, 120_000);

  afterAll(async () => {
    await db?.end();
    await withAdminClient((admin) => admin.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`));
  }, 30_000);

  it('100,000 paragraphs in one statement take at most about 15x as long as 10,000', async () => {
    await timedInsert(SMALL); // warms the caches and the trigger's plans; not counted
    let ratio = Infinity;
    for (let attempt = 0; attempt < 3 && ratio > 15; attempt++) {
      const small = await best(SMALL, 3);
      const large = await best(LARGE, 2);
      // A floor of 20 ms keeps a fast small statement from making the ratio meaningless.
      ratio = Math.min(ratio, large / Math.max(small, 20));
    }
    expect(ratio).toBeLessThanOrEqual(15);
  }, 300_000);
});
