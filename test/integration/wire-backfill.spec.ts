import { type Server } from 'node:http';
import { type INestApplication, type INestApplicationContext } from '@nestjs/common';
import { Client } from 'pg';
import request from 'supertest';
import { runCli } from '../../src/cli';
import { rollupSnapshot } from '../support/bulk-paragraphs';
import { startTestApi, startTestWorker, waitFor } from '../support/test-app';
import { createTestEnv, TEST_API_KEY, type TestEnv } from '../support/test-env';

/** Two wire stories and one article of an outlet's own, written for this test. */
const STORY_A = [
  'The foreign ministry in Beijing said on Thursday that it strongly objects to the planned sale of coastal patrol boats, describing the deal as a provocation that harms regional calm.',
  'A ministry spokeswoman told a regular briefing that Washington had broken its own commitments and warned that China would take firm measures to defend its interests.',
  'The State Department said the sale followed long standing policy and that the boats were meant for search and rescue work along the coast, a spokesman added.',
];
const STORY_B = [
  'US and Chinese trade officials met in Geneva on Monday for a second round of talks on farm goods, with both delegations describing the mood as calm and businesslike.',
  'The American trade representative said the two sides had narrowed their differences on soybean quotas and would meet again before the end of the quarter.',
];
const OWN =
  'Residents of the harbour district said the new ferry timetable had shortened their morning commute by nearly twenty minutes since it began last week.\n\n' +
  'City officials said they would review the schedule in the spring after collecting complaints and suggestions from passengers and operators.';

const DAY = '2026-02-03';
const RANGE = { from: `${DAY}T00:00:00Z`, to: '2026-02-05T00:00:00Z' };

/** An outlet's copy: the story with restyled apostrophes and its own short sign-off. */
const copyOf = (story: string[], outlet: string) =>
  [...story.map((p) => p.replace(/'/g, '\u2019')), `Filed for ${outlet}.`].join('\n\n');

interface Summary {
  sides: { side: string; current: { paragraphs: number } }[];
}

describe('wire backfill of articles stored without fingerprints', () => {
  let env: TestEnv;
  let api: INestApplication;
  let server: Server;
  let worker: INestApplicationContext;
  let db: Client;
  const storyA: string[] = [];
  const storyB: string[] = [];
  let ownId: string;
  let minute = 0;

  const post = (text: string, source: string) =>
    request(server)
      .post('/api/articles')
      .set('x-api-key', TEST_API_KEY)
      .send({ text, source, publishedAt: `${DAY}T10:${String(minute++).padStart(2, '0')}:00Z` })
      .expect(202)
      .then((res) => res.body.id as string);

  const all = () => [...storyA, ...storyB, ownId];

  /** Every posted article scored and linked by the live path. */
  const settled = () =>
    waitFor(
      async () => {
        const { rows } = await db.query<{ ready: boolean }>(
          `SELECT bool_and(status = 'scored' AND NOT wire_pending) AS ready
           FROM articles WHERE id = ANY($1::uuid[])`,
          [all()],
        );
        return rows[0].ready ? true : undefined;
      },
      60_000,
      'the articles scored and linked',
    );

  /** article id -> wire group, every article */
  async function groups(): Promise<Map<string, string | null>> {
    const { rows } = await db.query<{ id: string; wire_group_id: string | null }>(
      `SELECT id, wire_group_id FROM articles`,
    );
    return new Map(rows.map((r) => [r.id, r.wire_group_id]));
  }

  /** Each story's copies in one group led by its first stored copy, the own article alone. */
  async function expectGroups(): Promise<void> {
    const byId = await groups();
    for (const id of storyA) expect(byId.get(id)).toBe(storyA[0]);
    for (const id of storyB) expect(byId.get(id)).toBe(storyB[0]);
    expect(byId.get(ownId)).toBeNull();
    const { rows } = await db.query<{ article_id: string; reprint: boolean }>(
      `SELECT DISTINCT article_id, reprint FROM paragraphs
       UNION SELECT DISTINCT article_id, reprint FROM framing_hits`,
    );
    const reprints = new Set([...storyA.slice(1), ...storyB.slice(1)]);
    expect(rows.length).toBeGreaterThan(0);
    for (const row of rows) expect(row.reprint).toBe(reprints.has(row.article_id));
  }

  /** The triggers' rollups against a rebuild from the raw rows. */
  async function expectExactRollups(): Promise<void> {
    const kept = await rollupSnapshot(db);
    await db.query(`SELECT dashboard_rebuild_rollups()`);
    expect(kept).toEqual(await rollupSnapshot(db));
  }

  /** The state of articles stored before wire linking: no fingerprints, no groups, no flags. */
  async function forgetLinks(): Promise<void> {
    await db.query(`DELETE FROM paragraph_fingerprints`);
    await db.query(`UPDATE articles SET wire_group_id = NULL WHERE wire_group_id IS NOT NULL`);
    await db.query(`UPDATE paragraphs SET reprint = false WHERE reprint`);
    await db.query(`UPDATE framing_hits SET reprint = false WHERE reprint`);
  }

  async function chinaParagraphs(syndication: string): Promise<number> {
    const res = await request(server)
      .get('/api/tone/summary')
      .query({ ...RANGE, syndication })
      .expect(200);
    return (res.body as Summary).sides.find((s) => s.side === 'china')?.current.paragraphs ?? 0;
  }

  async function cli(args: string[]): Promise<{ code: number; out: string; err: string }> {
    const saved = process.env.DATABASE_URL;
    process.env.DATABASE_URL = env.config.database.url;
    const out: string[] = [];
    const err: string[] = [];
    try {
      const code = await runCli(args, {
        stdin: [],
        stdout: (t) => out.push(t),
        stderr: (t) => err.push(t),
      });
      return { code, out: out.join(''), err: err.join('') };
    } finally {
      if (saved === undefined) delete process.env.DATABASE_URL;
      else process.env.DATABASE_URL = saved;
    }
  }

  beforeAll(async () => {
    env = await createTestEnv();
    [api, worker] = await Promise.all([startTestApi(env.config), startTestWorker(env.config)]);
    server = api.getHttpServer() as Server;
    db = new Client({ connectionString: env.databaseUrl });
    await db.connect();
    // one at a time, so the first stored copy of each story is the first posted
    for (const outlet of ['Harbour Daily', 'Plains Courier', 'Delta Times', 'Ridge Post']) {
      storyA.push(await post(copyOf(STORY_A, outlet), outlet));
      if (storyB.length < 2) storyB.push(await post(copyOf(STORY_B, outlet), outlet));
    }
    ownId = await post(OWN, 'Harbour Daily');
    await settled();
    await expectGroups();
  }, 120_000);

  afterAll(async () => {
    await db?.end();
    await worker?.close();
    await api?.close();
    await env?.drop();
  });

  it('links every article without fingerprints into the groups live linking made, in small batches', async () => {
    const linkedChina = await chinaParagraphs('collapse');
    await forgetLinks();
    // the test can fail: without links every copy counts
    expect(await chinaParagraphs('collapse')).toBe(await chinaParagraphs('all'));
    expect(await chinaParagraphs('collapse')).toBeGreaterThan(linkedChina);

    const result = await cli(['wire', 'backfill', '--batch', '2']);
    expect(result).toEqual({
      code: 0,
      // a batch may lead a group with a later copy until the first is linked: moves vary
      out: expect.stringMatching(
        new RegExp(
          `^${all().length} article\\(s\\) fingerprinted, \\d+ moved into wire groups, 0 left\\n$`,
        ),
      ),
      err: expect.stringContaining(`${all().length} scored article(s) without fingerprints queued`),
    });
    await expectGroups();
    const { rows } = await db.query<{ n: number }>(
      `SELECT count(DISTINCT article_id)::int AS n FROM paragraph_fingerprints`,
    );
    expect(rows[0].n).toBe(all().length);
    await expectExactRollups();
    expect(await chinaParagraphs('collapse')).toBe(linkedChina);
  }, 60_000);

  it('links them while new copies are scored and linked live', async () => {
    await forgetLinks();
    const stored = all().length;
    const [result, lateA, lateB] = await Promise.all([
      cli(['wire', 'backfill', '--batch', '2']),
      post(copyOf(STORY_A, 'Coast Herald'), 'Coast Herald'),
      post(copyOf(STORY_B, 'Coast Herald'), 'Coast Herald'),
    ]);
    storyA.push(lateA);
    storyB.push(lateB);
    expect(result.code).toBe(0);
    expect(result.err).toContain(`${stored} scored article(s) without fingerprints queued`);
    await settled();
    await expectGroups();
    await expectExactRollups();
  }, 90_000);

  it('changes nothing when run again', async () => {
    const before = await groups();
    const snapshot = await rollupSnapshot(db);
    const again = await cli(['wire', 'backfill']);
    expect(again).toEqual({
      code: 0,
      out: '0 article(s) fingerprinted, 0 moved into wire groups, 0 left\n',
      err: '0 scored article(s) without fingerprints queued\n',
    });
    // an article queued again whose fingerprints are stored is linked again to the same group
    await db.query(`INSERT INTO wire_backfill (article_id) SELECT id FROM articles`);
    const requeued = await cli(['wire', 'backfill']);
    expect(requeued.out).toBe(
      `${all().length} article(s) fingerprinted, 0 moved into wire groups, 0 left\n`,
    );
    expect(await groups()).toEqual(before);
    expect(await rollupSnapshot(db)).toEqual(snapshot);
  });

  it('is drained by a worker as it starts, as after the migration that queues older articles', async () => {
    await forgetLinks();
    await worker.close();
    // what migration 1764401400000 queues: every scored article without fingerprints
    await db.query(
      `INSERT INTO wire_backfill (article_id)
       SELECT a.id FROM articles a
       WHERE a.status = 'scored' AND NOT a.wire_pending
         AND NOT EXISTS (SELECT 1 FROM paragraph_fingerprints f WHERE f.article_id = a.id)`,
    );
    worker = await startTestWorker(env.config);
    await waitFor(
      async () => {
        const { rows } = await db.query<{ n: number }>(
          `SELECT count(*)::int AS n FROM wire_backfill`,
        );
        return rows[0].n === 0 ? true : undefined;
      },
      30_000,
      'the backfill queue drained',
    );
    await expectGroups();
    await expectExactRollups();
  }, 60_000);

  it('refuses a bad batch size or subcommand', async () => {
    expect((await cli(['wire', 'backfill', '--batch', '0'])).code).toBe(2);
    expect((await cli(['wire', 'relink'])).code).toBe(2);
  });
});
