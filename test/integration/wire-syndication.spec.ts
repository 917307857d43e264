import { type Server } from 'node:http';
import { type INestApplication, type INestApplicationContext } from '@nestjs/common';
import { Client } from 'pg';
import request from 'supertest';
import { type DataSource } from 'typeorm';
import { groupByArticle } from '../../src/alerts/detection';
import {
  baselineArticles,
  streamParagraphs,
} from '../../src/alerts/evaluation/paragraph-observations.repository';
import { createDataSource } from '../../src/database/data-source';
import { startTestApi, startTestWorker, waitFor } from '../support/test-app';
import { createTestEnv, TEST_API_KEY, type TestEnv } from '../support/test-env';

/** One wire story, written for this test; every paragraph is long enough to be fingerprinted. */
const STORY = [
  "China's foreign ministry said on Tuesday that Beijing firmly opposes the new US export controls, calling them illegal and dangerous for trade between the two countries.",
  'Chinese Foreign Ministry spokesman Wang Wenbin said the decision was a grave mistake and an interference in internal affairs that had destroyed trust, and urged Washington to change course.',
  'The US Commerce Department said the rules were needed to protect national security and would be reviewed with allies in the coming months, officials added.',
];
const OUTLETS = ['Harbour Daily', 'Plains Courier', 'Delta Times', 'Ridge Post', 'Coast Herald'];
const DAY = '2026-01-10';
const RANGE = { from: `${DAY}T00:00:00Z`, to: '2026-01-12T00:00:00Z' };

/** An outlet's copy: the story, restyled quotes and dashes, and a sign-off of its own. */
function copyOf(outlet: string): string {
  const restyled = STORY.map((p) => p.replace(/'/g, '\u2019'));
  return [...restyled, `Filed for ${outlet}.`].join('\n\n');
}

const UNRELATED = [
  'US Secretary of State Antony Blinken said Washington welcomed the resumption of military talks with Beijing and hoped they would continue through the spring.',
  'He told reporters that both sides had agreed to keep channels open to avoid misunderstandings at sea, calling the talks constructive and frank.',
].join('\n\n');

interface Summary {
  syndication: string;
  sides: SideFigures[];
}

interface SideFigures {
  side: string;
  reprints: { paragraphs: number; articles: number };
  current: { paragraphs: number; articles: number };
}

describe('wire reprints counted once', () => {
  let env: TestEnv;
  let api: INestApplication;
  let server: Server;
  let worker: INestApplicationContext;
  let db: Client;
  let dataSource: DataSource;
  const ids: string[] = [];
  let unrelatedId: string;

  const post = (text: string, source: string, minute: number) =>
    request(server)
      .post('/api/articles')
      .set('x-api-key', TEST_API_KEY)
      .send({ text, source, publishedAt: `${DAY}T09:${String(minute).padStart(2, '0')}:00Z` })
      .expect(202)
      .then((res) => res.body.id as string);

  /** Every posted article scored in `run` and linked. */
  const settled = (run: number) =>
    waitFor(
      async () => {
        const { rows } = await db.query<{ ready: boolean }>(
          `SELECT bool_and(status = 'scored' AND analysis_run = $2 AND NOT wire_pending) AS ready
           FROM articles WHERE id = ANY($1::uuid[])`,
          [[...ids, unrelatedId], run],
        );
        return rows[0].ready ? true : undefined;
      },
      60_000,
      'the articles scored and linked',
    );

  const get = async <T>(path: string, syndication?: string): Promise<T> => {
    const res = await request(server)
      .get(path)
      .query({ ...RANGE, ...(syndication ? { syndication } : {}) })
      .expect(200);
    return res.body as T;
  };

  /** Paragraphs per side of one article and of the unrelated one, straight from the rows. */
  async function sideCounts(articleId: string): Promise<Map<string, number>> {
    const { rows } = await db.query<{ side: string; n: number }>(
      `SELECT side, count(*)::int AS n FROM paragraphs WHERE article_id = $1 GROUP BY side`,
      [articleId],
    );
    return new Map(rows.map((r) => [r.side, r.n]));
  }

  beforeAll(async () => {
    env = await createTestEnv();
    [api, worker] = await Promise.all([startTestApi(env.config), startTestWorker(env.config)]);
    server = api.getHttpServer() as Server;
    db = new Client({ connectionString: env.databaseUrl });
    await db.connect();
    dataSource = createDataSource(env.databaseUrl, 2);
    await dataSource.initialize();

    // two posted one after the other, scored before the rest arrive ...
    ids.push(await post(copyOf(OUTLETS[0]), OUTLETS[0], 0));
    ids.push(await post(copyOf(OUTLETS[1]), OUTLETS[1], 5));
    unrelatedId = await post(UNRELATED, 'Harbour Daily', 7);
    await waitFor(async () => {
      const { rows } = await db.query<{ n: number }>(
        `SELECT count(*)::int AS n FROM articles WHERE status = 'scored' AND NOT wire_pending`,
      );
      return rows[0].n === 3 ? true : undefined;
    }, 60_000);
    // ... then three at once, one of them in a batch, scored concurrently
    const [third, fourth, batch] = await Promise.all([
      post(copyOf(OUTLETS[2]), OUTLETS[2], 10),
      post(copyOf(OUTLETS[3]), OUTLETS[3], 11),
      request(server)
        .post('/api/articles/batch')
        .set('x-api-key', TEST_API_KEY)
        .send({
          articles: [
            { text: copyOf(OUTLETS[4]), source: OUTLETS[4], publishedAt: `${DAY}T09:12:00Z` },
          ],
        })
        .expect((res) => expect([200, 202, 207]).toContain(res.status))
        .then((res) => JSON.stringify(res.body)),
    ]);
    ids.push(third, fourth);
    const { rows } = await db.query<{ id: string }>(`SELECT id FROM articles WHERE source = $1`, [
      OUTLETS[4],
    ]);
    expect(batch).toContain(rows[0].id);
    ids.push(rows[0].id);
    await settled(0);
  }, 120_000);

  afterAll(async () => {
    await dataSource?.destroy();
    await db?.end();
    await worker?.close();
    await api?.close();
    await env?.drop();
  });

  it('links the five copies, however they arrived, into one group led by the first stored', async () => {
    const { rows } = await db.query<{ id: string; wire_group_id: string | null }>(
      `SELECT id, wire_group_id FROM articles ORDER BY created_at, id`,
    );
    const first = rows.find((r) => ids.includes(r.id))!;
    expect(first.id).toBe(ids[0]);
    for (const id of ids) {
      expect(rows.find((r) => r.id === id)?.wire_group_id).toBe(ids[0]);
    }
    expect(rows.find((r) => r.id === unrelatedId)?.wire_group_id).toBeNull();
    const flags = await db.query<{ article_id: string; reprint: boolean }>(
      `SELECT DISTINCT article_id, reprint FROM paragraphs`,
    );
    for (const row of flags.rows) expect(row.reprint).toBe(ids.slice(1).includes(row.article_id));
  });

  async function expectCountedOnce(): Promise<void> {
    const story = await sideCounts(ids[0]);
    const other = await sideCounts(unrelatedId);
    const expected = (side: string, copies: number) =>
      (story.get(side) ?? 0) * copies + (other.get(side) ?? 0);
    expect(story.get('china')).toBeGreaterThan(0);

    const collapsed = await get<Summary>('/api/tone/summary');
    const all = await get<Summary>('/api/tone/summary', 'all');
    expect(collapsed.syndication).toBe('collapse');
    for (const side of collapsed.sides) {
      expect(side.current.paragraphs).toBe(expected(side.side, 1));
      expect(side.reprints.paragraphs).toBe((story.get(side.side) ?? 0) * 4);
      expect(side.reprints.articles).toBe(story.has(side.side) ? 4 : 0);
    }
    for (const side of all.sides) expect(side.current.paragraphs).toBe(expected(side.side, 5));

    type Series = { series: { side: string; paragraphs: number[] }[] };
    const seriesTotal = (body: Series) =>
      new Map(body.series.map((s) => [s.side, s.paragraphs.reduce((a, b) => a + b, 0)]));
    const byDay = seriesTotal(await get<Series>('/api/tone/timeseries'));
    const byDayAll = seriesTotal(await get<Series>('/api/tone/timeseries', 'all'));
    expect(byDay.get('china')).toBe(expected('china', 1));
    expect(byDayAll.get('china')).toBe(expected('china', 5));

    const { rows: hits } = await db.query<{ article_id: string; n: number }>(
      `SELECT article_id, count(*)::int AS n FROM framing_hits WHERE NOT negated GROUP BY article_id`,
    );
    const storyHits = hits.find((h) => h.article_id === ids[0])?.n ?? 0;
    const otherHits = hits.find((h) => h.article_id === unrelatedId)?.n ?? 0;
    expect(storyHits).toBeGreaterThan(0);
    type Top = { sides: { frames: { hits: number }[] }[] };
    const topHits = (body: Top) =>
      body.sides.flatMap((s) => s.frames).reduce((sum, f) => sum + f.hits, 0);
    expect(topHits(await get<Top>('/api/framing/top'))).toBe(storyHits + otherHits);
    expect(topHits(await get<Top>('/api/framing/top', 'all'))).toBe(storyHits * 5 + otherHits);

    // the detector's input: one observation for the story by default, five with all
    const filter = {
      monitor: 'us-china',
      side: 'china',
      sources: [],
      metric: 'negative-share' as const,
      frame: null,
      phrase: null,
    };
    const range = { from: new Date(RANGE.from), to: new Date(RANGE.to) };
    const observed = async (syndication: 'collapse' | 'all') =>
      groupByArticle(
        await streamParagraphs(dataSource.manager, { ...filter, syndication }, range),
      ).filter((o) => ids.includes(o.articleId)).length;
    expect(await observed('collapse')).toBe(1);
    expect(await observed('all')).toBe(5);
    const baseline = async (syndication: 'collapse' | 'all') =>
      (await baselineArticles(dataSource.manager, { ...filter, syndication }, range)).length;
    expect(await baseline('all')).toBe((await baseline('collapse')) + 4);
  }

  it('counts the story once in the summary, the timeseries, framing and the detector; five times with syndication=all', async () => {
    await expectCountedOnce();
  });

  it('keeps the links and the counts through a re-analysis', async () => {
    await db.query(`UPDATE articles SET analysis_version = '0.0.0-old'`);
    const res = await request(server)
      .post('/api/admin/reanalyze')
      .set('x-api-key', TEST_API_KEY)
      .send({})
      .expect(202);
    expect(res.body.requeued).toBe(6);
    await settled(1);
    const { rows } = await db.query<{ n: number }>(
      `SELECT count(*)::int AS n FROM articles WHERE wire_group_id = $1`,
      [ids[0]],
    );
    expect(rows[0].n).toBe(5);
    await expectCountedOnce();
  }, 90_000);

  it('leaves an article out of the detector until it is linked', async () => {
    await db.query(`UPDATE articles SET wire_pending = true WHERE id = $1`, [ids[0]]);
    const paragraphs = await streamParagraphs(
      dataSource.manager,
      {
        monitor: 'us-china',
        side: 'china',
        sources: [],
        metric: 'negative-share',
        frame: null,
        phrase: null,
        syndication: 'collapse',
      },
      { from: new Date(RANGE.from), to: new Date(RANGE.to) },
    );
    expect(paragraphs.filter((p) => ids.includes(p.articleId))).toEqual([]);
    await db.query(`UPDATE articles SET wire_pending = false WHERE id = $1`, [ids[0]]);
  });

  it('refuses an unknown syndication mode', async () => {
    const res = await request(server)
      .get('/api/tone/summary')
      .query({ ...RANGE, syndication: 'some' })
      .expect(400);
    expect(JSON.stringify(res.body)).toMatch(/syndication must be one of collapse, all/);
  });
});
