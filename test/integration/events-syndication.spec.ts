import { type Server } from 'node:http';
import { type INestApplication, type INestApplicationContext } from '@nestjs/common';
import { Client } from 'pg';
import request from 'supertest';
import { streamEvents } from '../../src/alerts/evaluation/event-observations.repository';
import { createDataSource } from '../../src/database/data-source';
import { startTestApi, startTestWorker, waitFor } from '../support/test-app';
import { createTestEnv, TEST_API_KEY, type TestEnv } from '../support/test-env';

// One invented occurrence told three ways, written for this test: Beijing's account as a wire
// story that four outlets reprint, Washington's account, and a commentary.
const WIRE = [
  "BEIJING — China's Foreign Ministry said on Tuesday that the US destroyer Amber Tide had illegally entered waters near Halvard Shoal, calling the passage a dangerous provocation.",
  'Foreign Ministry spokesperson Lin Jian said Beijing firmly opposes the intrusion near Halvard Shoal and warned Washington to stop its reckless and hostile moves at once.',
  'The Chinese navy tracked the Amber Tide throughout its passage past Halvard Shoal and Port Kessel, Lin Jian said, adding that China would resolutely defend its sovereignty.',
];
const US = [
  'WASHINGTON — The State Department said on Tuesday that the destroyer Amber Tide sailed past Halvard Shoal and Port Kessel in a routine transit consistent with international law.',
  'State Department spokesman Matthew Miller said the United States welcomed calm and constructive communication with Beijing about the Halvard Shoal passage and valued open channels.',
];
const COMMENTARY = [
  "Commentary: The Amber Tide's passage near Halvard Shoal shows once again that Washington ignores the concerns of the region and stirs up trouble near Port Kessel.",
  "China's position on Halvard Shoal is clear and firm, and the US side should stop sending warships such as the Amber Tide to provoke confrontation, Lin Jian said.",
];
const REPRINTERS = ['Harbour Daily', 'Plains Courier', 'Delta Times', 'Ridge Post'];
const DAY = '2026-03-10';
const RANGE = { from: `${DAY}T00:00:00Z`, to: '2026-03-13T00:00:00Z' };

interface Side {
  side: string;
  paragraphs: number;
  articles: number;
  meanTone: number | null;
}
interface Detail {
  syndication: string;
  articleCount: number;
  reprintCount: number;
  articles: { id: string; countedAs: string }[];
  outlets: { source: string; articles: number; reprints: number }[];
  sides: Side[];
  asymmetry: { sides: string[]; toneGap: number; score: number } | null;
}
interface Item {
  id: string;
  articleCount: number;
  reprintCount: number;
  asymmetryScore: number | null;
  toneGap: number | null;
}

describe('events count a wire story once', () => {
  let env: TestEnv;
  let api: INestApplication;
  let server: Server;
  let worker: INestApplicationContext;
  let db: Client;
  let wireId: string;
  const reprintIds: string[] = [];
  let usId: string;
  let commentaryId: string;
  let eventId: string;

  const post = (paragraphs: string[], source: string, time: string, title: string) =>
    request(server)
      .post('/api/articles')
      .set('x-api-key', TEST_API_KEY)
      .send({ text: paragraphs.join('\n\n'), title, source, publishedAt: `${DAY}T${time}:00Z` })
      .expect(202)
      .then((res) => res.body.id as string);

  const all = () => [wireId, ...reprintIds, usId, commentaryId];
  const counted = () => [wireId, usId, commentaryId];

  const detail = async (syndication?: string) =>
    (
      await request(server)
        .get(`/api/events/${eventId}`)
        .query(syndication ? { syndication } : {})
        .expect(200)
    ).body as Detail;

  const list = async (query: Record<string, string>) =>
    (
      await request(server)
        .get('/api/events')
        .query({ ...RANGE, ...query })
        .expect(200)
    ).body.items as Item[];

  /** Per side, the paragraphs and their mean tone over the given articles, from the rows. */
  async function sidesOf(articleIds: string[]): Promise<Map<string, { n: number; mean: number }>> {
    const { rows } = await db.query<{ side: string; n: number; mean: number }>(
      `SELECT side, count(*)::int AS n, avg(tone_value)::float8 AS mean
       FROM paragraphs WHERE article_id = ANY($1::uuid[]) GROUP BY side`,
      [articleIds],
    );
    return new Map(rows.map((r) => [r.side, { n: r.n, mean: r.mean }]));
  }

  beforeAll(async () => {
    env = await createTestEnv({ REQUEUE_INTERVAL_MS: '300' });
    [api, worker] = await Promise.all([startTestApi(env.config), startTestWorker(env.config)]);
    server = api.getHttpServer() as Server;
    db = new Client({ connectionString: env.databaseUrl });
    await db.connect();
    const title = 'China protests Amber Tide passage near Halvard Shoal';
    wireId = await post(WIRE, 'Meridian Wire', '08:00', title);
    // the reprints and the other accounts together, so grouping and linking interleave
    const copies = REPRINTERS.map((outlet, i) =>
      post([...WIRE, `Filed for ${outlet}.`], outlet, `09:0${i}`, title),
    );
    const others = [
      post(US, 'Capitol Ledger', '10:00', 'Amber Tide transit was routine, State Department says'),
      post(COMMENTARY, 'Pearl River Daily', '12:00', 'Commentary: stop the provocations'),
    ];
    reprintIds.push(...(await Promise.all(copies)));
    [usId, commentaryId] = await Promise.all(others);

    eventId = await waitFor(
      async () => {
        const { rows } = await db.query<{ event_id: string | null; linked: boolean }>(
          `SELECT ea.event_id, a.status = 'scored' AND NOT a.wire_pending AS linked
           FROM articles a LEFT JOIN event_articles ea ON ea.article_id = a.id
           WHERE a.id = ANY($1::uuid[])`,
          [all()],
        );
        if (rows.length < all().length || rows.some((r) => !r.linked || !r.event_id))
          return undefined;
        return rows[0].event_id!;
      },
      60_000,
      'every article scored, linked and in an event',
    );
  }, 120_000);

  afterAll(async () => {
    await db?.end();
    await worker?.close();
    await api?.close();
    await env?.drop();
  });

  it('groups the seven articles into one event and links the five copies', async () => {
    const { rows } = await db.query<{ id: string; event_id: string; wire_group_id: string | null }>(
      `SELECT a.id, ea.event_id, a.wire_group_id FROM articles a
       JOIN event_articles ea ON ea.article_id = a.id WHERE a.id = ANY($1::uuid[])`,
      [all()],
    );
    expect(new Set(rows.map((r) => r.event_id))).toEqual(new Set([eventId]));
    const groups = new Map(rows.map((r) => [r.id, r.wire_group_id]));
    expect(all().map((id) => groups.get(id))).toEqual([...Array(5).fill(wireId), null, null]);
  });

  it('counts the story once in the event by default, every copy with syndication=all', async () => {
    const collapsed = await detail();
    const every = await detail('all');
    expect(collapsed.syndication).toBe('collapse');
    expect([collapsed.articleCount, collapsed.reprintCount]).toEqual([3, 4]);
    expect([every.articleCount, every.reprintCount]).toEqual([7, 4]);
    for (const a of collapsed.articles)
      expect(a.countedAs).toBe(reprintIds.includes(a.id) ? wireId : a.id);

    for (const [body, ids] of [
      [collapsed, counted()],
      [every, all()],
    ] as const) {
      const expected = await sidesOf(ids);
      expect(expected.get('china')?.n).toBeGreaterThan(0);
      expect(expected.get('us')?.n).toBeGreaterThan(0);
      for (const side of body.sides) {
        expect(side.paragraphs).toBe(expected.get(side.side)?.n ?? 0);
        if (side.meanTone !== null)
          expect(side.meanTone).toBeCloseTo(expected.get(side.side)!.mean, 5);
      }
      const [first, second] = body.asymmetry!.sides;
      expect(body.asymmetry!.toneGap).toBeCloseTo(
        expected.get(first)!.mean - expected.get(second)!.mean,
        5,
      );
    }
    const china = (body: Detail) => body.sides.find((s) => s.side === 'china')!;
    expect(china(every).paragraphs).toBeGreaterThan(china(collapsed).paragraphs);
    expect(china(collapsed).articles).toBe(2);
    expect(china(every).articles).toBe(6);
  });

  it('credits an outlet with the stories counted and shows the copies it reprinted', async () => {
    const byOutlet = (body: Detail) =>
      Object.fromEntries(body.outlets.map((o) => [o.source, [o.articles, o.reprints]]));
    const reprinters = (articles: number) =>
      Object.fromEntries(REPRINTERS.map((o) => [o, [articles, 1]]));
    expect(byOutlet(await detail())).toEqual({
      'Meridian Wire': [1, 0],
      'Capitol Ledger': [1, 0],
      'Pearl River Daily': [1, 0],
      ...reprinters(0),
    });
    expect(byOutlet(await detail('all'))).toEqual({
      'Meridian Wire': [1, 0],
      'Capitol Ledger': [1, 0],
      'Pearl River Daily': [1, 0],
      ...reprinters(1),
    });
  });

  it('lists the figures stored for each mode, kept up to date as the copies were linked', async () => {
    const [collapsed, every] = [await detail(), await detail('all')];
    const stored = await waitFor(
      async () => {
        const [c] = await list({});
        const [a] = await list({ syndication: 'all' });
        return c?.articleCount === 3 && a?.articleCount === 7 ? { c, a } : undefined;
      },
      20_000,
      'the stored figures of both modes',
    );
    expect(stored.c).toMatchObject({ id: eventId, reprintCount: 4 });
    expect(stored.c.asymmetryScore).toBeCloseTo(collapsed.asymmetry!.score, 5);
    expect(stored.c.toneGap).toBeCloseTo(collapsed.asymmetry!.toneGap, 5);
    expect(stored.a).toMatchObject({ id: eventId, reprintCount: 4 });
    expect(stored.a.asymmetryScore).toBeCloseTo(every.asymmetry!.score, 5);
    expect(stored.a.toneGap).toBeCloseTo(every.asymmetry!.toneGap, 5);
    const { rows } = await db.query<{ stale: boolean }>(
      `SELECT readouts_stale AS stale FROM events WHERE id = $1`,
      [eventId],
    );
    expect(rows[0].stale).toBe(false);

    // minArticles counts as the mode does
    expect(await list({ minArticles: '4' })).toEqual([]);
    expect((await list({ minArticles: '4', syndication: 'all' })).map((e) => e.id)).toEqual([
      eventId,
    ]);
  });

  it('gives asymmetry rules the story once under collapse, every copy under all', async () => {
    const dataSource = createDataSource(env.databaseUrl, 1);
    await dataSource.initialize();
    try {
      const watched = (syndication: 'collapse' | 'all', minimum: number) =>
        streamEvents(
          dataSource.manager,
          {
            monitor: 'us-china',
            side: 'china',
            defaultSides: ['us', 'china'],
            minArticles: minimum,
            minOutlets: minimum,
            syndication,
          },
          { from: new Date(RANGE.from), to: new Date(RANGE.to) },
        );
      const [collapsed] = await watched('collapse', 3);
      const [every] = await watched('all', 3);
      expect(collapsed.articleIds.sort()).toEqual(counted().sort());
      expect(collapsed.sources.sort()).toEqual([
        'Capitol Ledger',
        'Meridian Wire',
        'Pearl River Daily',
      ]);
      expect(every.articleIds).toHaveLength(7);
      expect(every.sources).toHaveLength(7);
      expect(collapsed.score).toBeCloseTo((await detail()).asymmetry!.score, 5);
      expect(every.score).toBeCloseTo((await detail('all')).asymmetry!.score, 5);
      // four outlets' copies of one story are not four outlets' evidence
      expect(await watched('collapse', 4)).toEqual([]);
      expect(await watched('all', 4)).toHaveLength(1);
    } finally {
      await dataSource.destroy();
    }
  });

  it('follows a link made after the figures were stored', async () => {
    // as when an article's link lands after its event's refresh: forget the copies' links and
    // refresh, then link them again the way the worker does
    await db.query(`UPDATE articles SET wire_group_id = NULL WHERE id = ANY($1::uuid[])`, [all()]);
    await db.query(`UPDATE events SET readouts_stale = true WHERE id = $1`, [eventId]);
    await waitFor(async () => {
      const [c] = await list({});
      return c?.articleCount === 7 ? true : undefined;
    }, 20_000);
    await db.query(`UPDATE articles SET wire_pending = true WHERE id = ANY($1::uuid[])`, [
      reprintIds,
    ]);
    await waitFor(
      async () => {
        const [c] = await list({});
        return c?.articleCount === 3 && c.reprintCount === 4 ? true : undefined;
      },
      30_000,
      'the collapsed count back to 3 once the pending sweep relinked the copies',
    );
  }, 60_000);

  it('refuses an unknown syndication mode on both routes', async () => {
    for (const path of ['/api/events', `/api/events/${eventId}`]) {
      const res = await request(server).get(path).query({ syndication: 'some' }).expect(400);
      expect(JSON.stringify(res.body)).toMatch(/syndication must be one of collapse, all/);
    }
  });
});
