import { type Server } from 'node:http';
import { type INestApplication, type INestApplicationContext } from '@nestjs/common';
import { startFeedServer, type FeedServer } from '../support/feed-server';
import { sourcesClient } from '../support/sources-client';
import { startTestApi, startTestWorker } from '../support/test-app';
import { createTestEnv, type TestEnv } from '../support/test-env';

const INTERVAL_MS = 2_000;
const WINDOW_MS = 7_000;

/** A scheduled poll runs once per tick, however many worker processes consume the queue. */
describe('source schedules with two workers', () => {
  let feeds: FeedServer;
  let env: TestEnv;
  let api: INestApplication;
  let workers: INestApplicationContext[];

  beforeAll(async () => {
    feeds = await startFeedServer();
    env = await createTestEnv({ ALLOW_PRIVATE_TARGETS: 'true', SOURCE_MIN_INTERVAL_MS: '1000' });
    api = await startTestApi(env.config);
    workers = [await startTestWorker(env.config), await startTestWorker(env.config)];
  });
  afterAll(async () => {
    await Promise.all((workers ?? []).map((worker) => worker.close()));
    await api?.close();
    await feeds?.close();
    await env?.drop();
  });

  it('fires once per interval, and fetches each item once', async () => {
    const sources = sourcesClient(api.getHttpServer() as Server);
    const created = Date.now();
    const id = await sources.create({
      name: 'Global Desk',
      kind: 'rss',
      url: `${feeds.url}/feeds/world.rss.xml`,
      schedule: `${INTERVAL_MS / 1000}s`,
    });
    await new Promise((resolve) => setTimeout(resolve, WINDOW_MS));
    const elapsed = Date.now() - created;

    const runs = (await sources.runs(id)).reverse();
    // The first poll starts at once, then one per interval.
    const ticks = Math.floor(elapsed / INTERVAL_MS) + 1;
    expect(runs.length).toBeGreaterThanOrEqual(ticks - 1);
    expect(runs.length).toBeLessThanOrEqual(ticks);
    expect(runs.every((run) => run.trigger === 'schedule')).toBe(true);
    const starts = runs.map((run) => Date.parse(run.startedAt));
    for (let i = 1; i < starts.length; i++) {
      expect(starts[i] - starts[i - 1]).toBeGreaterThan(INTERVAL_MS / 2);
    }
    expect(feeds.hits('/feeds/world.rss.xml')).toHaveLength(runs.length);
    expect(runs.slice(1).every((run) => run.httpStatus === 304)).toBe(true);
    for (const page of ['geneva-talks', 'chip-curbs', 'hotline-wire']) {
      expect(feeds.hits(`/articles/${page}.html`)).toHaveLength(1);
    }
  }, 30_000);
});
