import { type Server } from 'node:http';
import { type INestApplication, type INestApplicationContext } from '@nestjs/common';
import { Queue } from 'bullmq';
import { Client } from 'pg';
import request from 'supertest';
import { QUEUES } from '../../src/queue/queue-names';
import { redisOptionsFromUrl } from '../../src/queue/redis-options';
import { startFeedServer, type FeedServer } from '../support/feed-server';
import { isSettled, type RunView, sourcesClient } from '../support/sources-client';
import { startTestApi, startTestWorker, waitFor } from '../support/test-app';
import { createTestEnv, type TestEnv } from '../support/test-env';

// Once a year: these tests poll on demand, so no scheduled poll interferes.
const YEARLY = '0 0 1 1 *';

interface StoredArticle {
  id: string;
  url: string;
  title: string | null;
  source: string | null;
  published_at: Date | null;
  status: string;
  wire_group_id: string | null;
}

/** Feeds and pages served from loopback, polled by the real API and worker processes. */
describe('polling sources', () => {
  let feeds: FeedServer;
  let env: TestEnv;
  let api: INestApplication;
  let worker: INestApplicationContext;
  let db: Client;
  let sources: ReturnType<typeof sourcesClient>;

  beforeAll(async () => {
    feeds = await startFeedServer();
    env = await createTestEnv({
      ALLOW_PRIVATE_TARGETS: 'true',
      FETCH_TIMEOUT_MS: '800',
      FETCH_MAX_BYTES: '500000',
      JOB_ATTEMPTS: '2',
      JOB_BACKOFF_MS: '50',
    });
    api = await startTestApi(env.config);
    worker = await startTestWorker(env.config);
    sources = sourcesClient(api.getHttpServer() as Server);
    db = new Client({ connectionString: env.databaseUrl });
    await db.connect();
  });
  afterAll(async () => {
    await db?.end();
    await worker?.close();
    await api?.close();
    await feeds?.close();
    await env?.drop();
  });

  const feed = (name: string) => `${feeds.url}/feeds/${name}`;
  const page = (name: string) => `${feeds.url}/articles/${name}`;

  async function articles(): Promise<StoredArticle[]> {
    const { rows } = await db.query<StoredArticle>(
      `SELECT id, url, title, source, published_at, status, wire_group_id FROM articles ORDER BY url`,
    );
    return rows;
  }

  async function pollAndSettle(id: string, runsBefore = 0): Promise<RunView> {
    await sources.poll(id);
    return waitFor(
      async () => {
        const runs = await sources.runs(id);
        return runs.length > runsBefore && isSettled(runs[0]) ? runs[0] : undefined;
      },
      20_000,
      `run ${runsBefore + 1} of source ${id}`,
    );
  }

  it('turns new feed items into analysed articles with title, url, feed date and outlet', async () => {
    const id = await sources.create({
      name: 'Global Desk',
      kind: 'rss',
      url: feed('world.rss.xml'),
      schedule: YEARLY,
      tags: ['wire'],
    });
    const run = await pollAndSettle(id);
    expect(run).toMatchObject({
      trigger: 'manual',
      httpStatus: 200,
      itemsSeen: 3,
      newArticles: 3,
      duplicates: 0,
      failedItems: 0,
      error: null,
    });

    const stored = await waitFor(async () => {
      const rows = await articles();
      return rows.length === 3 && rows.every((a) => a.status === 'scored') ? rows : undefined;
    });
    expect(stored).toEqual([
      expect.objectContaining({
        url: page('chip-curbs.html'),
        title: 'Beijing vows response to new US chip export curbs',
        source: 'Global Desk',
        published_at: new Date('2024-06-12T04:15:00Z'),
      }),
      expect.objectContaining({ url: page('geneva-talks.html'), source: 'Global Desk' }),
      expect.objectContaining({ url: page('hotline-wire.html'), wire_group_id: null }),
    ]);
    const { rows } = await db.query<{ n: number }>(
      `SELECT count(*)::int AS n FROM paragraphs WHERE article_id = $1`,
      [stored[1].id],
    );
    expect(rows[0].n).toBeGreaterThanOrEqual(5);
  });

  it('polls an unchanged feed with one conditional request that adds nothing', async () => {
    const [id] = await db
      .query<{ id: string }>(`SELECT id FROM sources WHERE name = 'Global Desk'`)
      .then((r) => r.rows.map((row) => row.id));
    const pagesBefore = feeds.requests.filter((r) => r.path.startsWith('/articles/')).length;

    const run = await pollAndSettle(id, 1);

    expect(run).toMatchObject({ httpStatus: 304, itemsSeen: 0, newArticles: 0, error: null });
    const feedRequests = feeds.hits('/feeds/world.rss.xml');
    expect(feedRequests).toHaveLength(2);
    expect(feedRequests[1]).toMatchObject({
      ifNoneMatch: expect.stringMatching(/^".+"$/),
      status: 304,
    });
    expect(feeds.requests.filter((r) => r.path.startsWith('/articles/'))).toHaveLength(pagesBefore);
    expect(await articles()).toHaveLength(3);
  });

  it('stores an item carried by two feeds once, and links a reprinted wire story', async () => {
    const id = await sources.create({
      name: 'Pacific Ledger',
      kind: 'atom',
      url: feed('asia.atom.xml'),
      schedule: YEARLY,
    });
    const run = await pollAndSettle(id);
    expect(run).toMatchObject({ httpStatus: 200, itemsSeen: 2, newArticles: 1, duplicates: 1 });
    expect(feeds.hits('/articles/geneva-talks.html')).toHaveLength(1);

    // linking follows scoring, so wait for the reprint to be scored and linked
    const byUrl = await waitFor(async () => {
      const rows = new Map((await articles()).map((a) => [a.url, a]));
      return rows.get(page('hotline-reprint.html'))?.wire_group_id ? rows : undefined;
    });
    expect(byUrl.size).toBe(4);
    const original = byUrl.get(page('hotline-wire.html'))!;
    const reprint = byUrl.get(page('hotline-reprint.html'))!;
    expect(reprint).toMatchObject({ source: 'Pacific Ledger', wire_group_id: original.id });

    const server = api.getHttpServer() as Server;
    const shown = await request(server).get(`/api/articles/${reprint.id}`).expect(200);
    expect(shown.body).toMatchObject({ wireGroupId: original.id });
    const first = await request(server).get(`/api/articles/${original.id}`).expect(200);
    expect(first.body).toMatchObject({ wireGroupId: original.id });
    const unrelated = await request(server)
      .get(`/api/articles/${byUrl.get(page('chip-curbs.html'))!.id}`)
      .expect(200);
    expect(unrelated.body).toMatchObject({ wireGroupId: null });
  });

  it('ingests a page source as one article', async () => {
    const id = await sources.create({
      name: 'Chinese Embassy',
      kind: 'page',
      url: page('embassy-statement.html'),
      schedule: YEARLY,
      monitor: 'us-china',
    });
    const run = await pollAndSettle(id);
    expect(run).toMatchObject({ httpStatus: 200, itemsSeen: 1, newArticles: 1 });
    const stored = (await articles()).find((a) => a.url === page('embassy-statement.html'));
    expect(stored).toMatchObject({
      source: 'Chinese Embassy',
      title: 'Statement by the Embassy Spokesperson on Trade Consultations',
    });
  });

  it('records each bad response with a clear error, retries only transient ones, and keeps polling', async () => {
    const cases = [
      {
        file: 'malformed.rss.xml',
        error: /the feed is not valid RSS or Atom: Unexpected close tag/,
        status: 200,
        attempts: 1,
      },
      {
        file: 'logo.png',
        error: /sent image\/png, which is not a type expected here/,
        status: null,
        attempts: 1,
      },
      { file: 'huge.xml', error: /sent more than 500000 bytes/, status: null, attempts: 1 },
      { file: 'loop-a.xml', error: /redirect loop/, status: null, attempts: 1 },
      { file: 'missing.xml', error: /answered HTTP 404/, status: 404, attempts: 1 },
      {
        file: 'slow.xml',
        error: /did not answer completely within 800 ms/,
        status: null,
        attempts: 2,
      },
      { file: 'unavailable.xml', error: /answered HTTP 503/, status: 503, attempts: 2 },
    ];
    const ids = await Promise.all(
      cases.map((c) =>
        sources.create({ name: `Bad ${c.file}`, kind: 'rss', url: feed(c.file), schedule: YEARLY }),
      ),
    );
    const sectionFront = await sources.create({
      name: 'Section fronts',
      kind: 'rss',
      url: feed('no-article.rss.xml'),
      schedule: YEARLY,
    });
    await Promise.all([...ids, sectionFront].map((id) => sources.poll(id)));

    for (const [i, c] of cases.entries()) {
      const runs = await waitFor(
        async () => {
          const found = await sources.runs(ids[i]);
          return found.length >= c.attempts && found.every((r) => r.finishedAt) ? found : undefined;
        },
        20_000,
        `${c.attempts} run(s) for ${c.file}`,
      );
      for (const run of runs) {
        expect(run).toMatchObject({ httpStatus: c.status, itemsSeen: 0, newArticles: 0 });
        expect(run.error).toMatch(c.error);
      }
    }
    const [itemRun] = await waitFor(async () => {
      const runs = await sources.runs(sectionFront);
      return runs[0] && isSettled(runs[0]) ? runs : undefined;
    });
    expect(itemRun).toMatchObject({
      httpStatus: 200,
      itemsSeen: 1,
      newArticles: 0,
      failedItems: 1,
    });
    expect(itemRun.error).toMatch(/section-front\.html: no article text could be extracted/);

    // Give a wrongly retried permanent failure time to show up as a second run.
    await new Promise((resolve) => setTimeout(resolve, 500));
    for (const [i, c] of cases.entries())
      expect(await sources.runs(ids[i])).toHaveLength(c.attempts);

    const queue = new Queue(QUEUES.sources, {
      connection: redisOptionsFromUrl(env.config.queue.redisUrl),
      prefix: env.config.queue.redisPrefix,
    });
    try {
      for (const id of [...ids, sectionFront]) {
        expect(await queue.getJobScheduler(`source:${id}`)).toMatchObject({ pattern: YEARLY });
      }
    } finally {
      await queue.close();
    }
    const { rows } = await db.query<{ n: number }>(
      `SELECT count(*)::int AS n FROM articles WHERE status <> 'scored'`,
    );
    expect(rows[0].n).toBe(0);
    const [globalDesk] = (
      await db.query<{ id: string }>(`SELECT id FROM sources WHERE name = 'Global Desk'`)
    ).rows;
    expect(await pollAndSettle(globalDesk.id, 2)).toMatchObject({ httpStatus: 304, error: null });
  });
});
