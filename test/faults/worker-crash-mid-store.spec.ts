import { Client } from 'pg';
import { rollupSnapshot } from '../support/bulk-paragraphs';
import { articleText, FaultEnv, report, until } from './support/fault-env';
import { TEST_API_KEY } from '../support/test-env';

const WARM_UP = 20;
const TOTAL = WARM_UP + 400;
/** every article's date: one hour, whenever the test runs */
const PUBLISHED_AT = '2026-01-05T10:15:00Z';

interface Storing {
  pid: number;
  query: string;
}

/**
 * kill -9 of a worker in the middle of storing a chunk: its transaction has marked the chunk's
 * articles scored, replaced their paragraphs and is updating the rollups when the process dies.
 * To be sure the kill lands there, the test holds row locks on the side rollups that the
 * chunk's paragraph insert must update: the store waits inside its transaction, with its article
 * rows updated, its paragraphs inserted and the per-source rollups updated, none committed. Then the worker is killed, the lock released, and a second worker takes the
 * stalled jobs over. Short locks keep the takeover quick.
 */
describe('a worker killed with SIGKILL while it stores a chunk', () => {
  let fault: FaultEnv;
  let blocker: Client | undefined;

  beforeAll(async () => {
    fault = await FaultEnv.create({
      WORKER_LOCK_MS: '3000',
      STALLED_INTERVAL_MS: '2000',
      WORKER_CONCURRENCY: '4',
    });
  });
  afterAll(async () => {
    await blocker?.end().catch(() => undefined);
    await fault?.stop();
  });

  it('loses no article, stores no paragraph twice and keeps the rollups exact', async () => {
    const { url } = await fault.startApi();
    const victim = await fault.startWorker();
    // A first few articles, so that the rollup rows of their hour exist to be locked. Every
    // article is dated in that one hour, so the chunks after them update those same rows.
    await post(url, 0, WARM_UP);
    await until(
      async () => ((await fault.tally()).scored === WARM_UP ? true : undefined),
      60_000,
      'the first articles scored',
    );
    blocker = new Client({ connectionString: fault.env.databaseUrl });
    await blocker.connect();
    await blocker.query('BEGIN');
    const { rowCount } = await blocker.query(
      `SELECT 1 FROM paragraph_side_rollups WHERE monitor = 'us-china' FOR UPDATE`,
    );
    expect(rowCount).toBeGreaterThan(0);

    const ids = await post(url, WARM_UP, TOTAL);
    expect(new Set(ids).size).toBe(TOTAL - WARM_UP);
    const storing = await until(
      async () => {
        const { rows } = await fault.db.query<Storing>(
          `SELECT pid, query FROM pg_stat_activity
           WHERE datname = current_database() AND wait_event_type = 'Lock'
             AND query LIKE '%INSERT INTO paragraphs%'`,
        );
        return rows[0];
      },
      60_000,
      'a chunk store waiting inside its transaction',
    );
    // Seen from outside, the chunk being stored is not scored yet: its writes are uncommitted.
    const atKill = await fault.tally();
    expect(atKill.scoring).toBeGreaterThan(0);

    victim.kill('SIGKILL');
    expect((await victim.exited).signal).toBe('SIGKILL');
    await blocker.query('ROLLBACK');
    // The dead worker's transaction ends without a commit once its backend finds the socket gone.
    await until(
      async () => {
        const { rows } = await fault.db.query(`SELECT 1 FROM pg_stat_activity WHERE pid = $1`, [
          storing.pid,
        ]);
        return rows.length === 0 ? true : undefined;
      },
      30_000,
      'the killed worker’s backend to end',
    );

    const started = Date.now();
    await fault.startWorker();
    const end = await until(
      async () => {
        const tally = await fault.tally();
        return tally.scored + tally.failed === TOTAL ? tally : undefined;
      },
      120_000,
      'every article scored or failed',
    );
    report('worker kill -9 while storing a chunk', {
      sent: TOTAL,
      scoredWhenKilled: atKill.scored,
      beingScoredWhenKilled: atKill.scoring,
      analysed: end.scored,
      failed: end.failed,
      takenOver: end.claimedAgain,
      duplicates: end.duplicateParagraphs,
      mismatched: end.mismatched,
      lost: TOTAL - end.articles,
      seconds: Math.round((Date.now() - started) / 100) / 10,
    });
    expect(end).toMatchObject({
      articles: TOTAL,
      scored: TOTAL,
      failed: 0,
      waiting: 0,
      duplicateParagraphs: 0,
      mismatched: 0,
    });
    expect(end.claimedAgain).toBeGreaterThan(0);

    // Wire linking follows scoring and moves rows between the rollups' reprint keys: compare
    // once it is done, so no link commits between the snapshot and the rebuild.
    await until(
      async () => {
        const { rows } = await fault.db.query<{ n: string }>(
          `SELECT count(*) AS n FROM articles WHERE wire_pending`,
        );
        return rows[0].n === '0' ? true : undefined;
      },
      60_000,
      'every scored article linked',
    );
    // The rolled-back store left nothing in the rollups: they equal a rebuild from the rows.
    const kept = await rollupSnapshot(fault.db);
    await fault.db.query(`SELECT dashboard_rebuild_rollups()`);
    expect(kept).toEqual(await rollupSnapshot(fault.db));
  }, 240_000);
});

/** Articles `from`..`to-1` in batches of 100, all dated PUBLISHED_AT; returns their ids. */
async function post(url: string, from: number, to: number): Promise<string[]> {
  const ids: string[] = [];
  for (let start = from; start < to; start += 100) {
    const articles = [];
    for (let n = start; n < Math.min(to, start + 100); n++) {
      articles.push({ text: articleText(n), source: `Wire ${n % 7}`, publishedAt: PUBLISHED_AT });
    }
    const res = await fetch(`${url}/api/articles/batch`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'x-api-key': TEST_API_KEY },
      body: JSON.stringify({ articles }),
    });
    if (res.status !== 200) throw new Error(`batch answered ${res.status}: ${await res.text()}`);
    const body = (await res.json()) as { results: { id?: string }[] };
    ids.push(...body.results.map((r) => r.id ?? 'refused'));
  }
  return ids;
}
