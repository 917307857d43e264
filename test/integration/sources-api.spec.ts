import { type Server } from 'node:http';
import { type INestApplication, type INestApplicationContext } from '@nestjs/common';
import { Queue } from 'bullmq';
import request from 'supertest';
import { QUEUES } from '../../src/queue/queue-names';
import { redisOptionsFromUrl } from '../../src/queue/redis-options';
import { startFeedServer, type FeedServer } from '../support/feed-server';
import { isSettled, sourcesClient } from '../support/sources-client';
import { startTestApi, startTestWorker, waitFor } from '../support/test-app';
import { createTestEnv, TEST_API_KEY, type TestEnv } from '../support/test-env';

const YEARLY = '0 0 1 1 *';

/** The /api/sources contract and its schedulers; private targets are not allowed here. */
describe('sources API', () => {
  let env: TestEnv;
  let api: INestApplication;
  let server: Server;
  let queue: Queue;
  const valid = {
    name: 'Xinhua English',
    kind: 'rss',
    url: 'https://english.news.example/rss/world.xml',
    schedule: '15m',
  };
  const post = (path: string, body: object) =>
    request(server).post(path).set('x-api-key', TEST_API_KEY).send(body);
  const patch = (path: string, body: object) =>
    request(server).patch(path).set('x-api-key', TEST_API_KEY).send(body);

  beforeAll(async () => {
    env = await createTestEnv();
    api = await startTestApi(env.config);
    server = api.getHttpServer() as Server;
    queue = new Queue(QUEUES.sources, {
      connection: redisOptionsFromUrl(env.config.queue.redisUrl),
      prefix: env.config.queue.redisPrefix,
    });
  });
  afterAll(async () => {
    await queue?.close();
    await api?.close();
    await env?.drop();
  });

  it('creates a source with defaults and schedules it', async () => {
    const res = await post('/api/sources', valid).expect(201);
    expect(res.body).toEqual({
      id: expect.stringMatching(/^[0-9a-f-]{36}$/),
      ...valid,
      monitor: 'us-china',
      enabled: true,
      tags: [],
      createdAt: expect.any(String),
      updatedAt: expect.any(String),
    });
    expect(await queue.getJobScheduler(`source:${res.body.id}`)).toMatchObject({
      name: 'poll-source',
      every: 15 * 60_000,
    });
    await request(server).get(`/api/sources/${res.body.id}`).expect(200);
    const list = await request(server).get('/api/sources').expect(200);
    expect(list.body.sources).toHaveLength(1);
  });

  it('keeps several monitors, or auto, for the items it submits', async () => {
    const several = await post('/api/sources', {
      ...valid,
      url: 'https://english.news.example/rss/two.xml',
      monitors: ['us-china', 'russia-ukraine'],
    }).expect(201);
    expect(several.body).toMatchObject({
      monitor: 'us-china',
      monitors: ['us-china', 'russia-ukraine'],
    });
    const auto = await patch(`/api/sources/${several.body.id}`, { monitors: 'auto' }).expect(200);
    expect(auto.body.monitor).toBe('auto');
    expect(auto.body.monitors).toBeUndefined();
    await request(server)
      .delete(`/api/sources/${several.body.id}`)
      .set('x-api-key', TEST_API_KEY)
      .expect(204);
  });

  it.each([
    [{ ...valid, monitors: ['us-china', 'mars-venus'] }, /monitor "mars-venus" is not a known/],
    [{ ...valid, monitor: 'us-china', monitors: ['us-china'] }, /monitor or monitors, not both/],
    [{ ...valid, kind: 'twitter' }, /kind must be one of rss, atom, page/],
    [{ ...valid, url: 'ftp://example.org/feed' }, /url must be an http or https URL/],
    [{ ...valid, url: 'not a url' }, /url must be an http or https URL/],
    [{ ...valid, schedule: '10s' }, /schedule interval "10s" must be from 1m to 7d/],
    [{ ...valid, schedule: 'daily at noon' }, /schedule "daily at noon" is neither an interval/],
    [{ ...valid, monitor: 'mars-venus' }, /monitor "mars-venus" is not a known monitor/],
    [{ ...valid, tags: 'china' }, /tags must be an array/],
    [{ ...valid, extra: 1 }, /property extra should not exist/],
  ])('refuses %j with 400 naming the field', async (body, message) => {
    const res = await post('/api/sources', body).expect(400);
    expect(String(res.body.message)).toMatch(message);
  });

  it('refuses a second source with the same url (409), and writes without a key (401)', async () => {
    const res = await post('/api/sources', { ...valid, name: 'Copy' }).expect(409);
    expect(res.body.message).toMatch(/^url: a source with url .* already exists$/);
    await request(server).post('/api/sources').send(valid).expect(401);
  });

  it('answers 400 for an id that is not a UUID, and 404 for an unknown one', async () => {
    await request(server).get('/api/sources/not-a-uuid').expect(400);
    await request(server).get('/api/sources/8f1d8a5e-3f51-4a7e-9d84-2a0c1f1f0c11').expect(404);
    await post('/api/sources/8f1d8a5e-3f51-4a7e-9d84-2a0c1f1f0c11/poll', {}).expect(404);
  });

  it('moves, pauses and removes the scheduler with the source', async () => {
    const id = (await post('/api/sources', { ...valid, url: `${valid.url}?v=2` }).expect(201)).body
      .id as string;
    await patch(`/api/sources/${id}`, { schedule: '*/30 * * * *', tags: ['state-media'] }).expect(
      200,
    );
    expect(await queue.getJobScheduler(`source:${id}`)).toMatchObject({
      pattern: '*/30 * * * *',
    });
    await patch(`/api/sources/${id}`, { schedule: '5s' }).expect(400);

    await patch(`/api/sources/${id}`, { enabled: false }).expect(200);
    expect(await queue.getJobScheduler(`source:${id}`)).toBeUndefined();
    await patch(`/api/sources/${id}`, { enabled: true }).expect(200);
    expect(await queue.getJobScheduler(`source:${id}`)).toBeDefined();

    await request(server).delete(`/api/sources/${id}`).set('x-api-key', TEST_API_KEY).expect(204);
    expect(await queue.getJobScheduler(`source:${id}`)).toBeUndefined();
    await request(server).get(`/api/sources/${id}`).expect(404);
  });

  it('restores lost schedulers and drops stray ones when API instances start together', async () => {
    const [{ id }] = (await request(server).get('/api/sources').expect(200)).body.sources as {
      id: string;
    }[];
    await queue.removeJobScheduler(`source:${id}`);
    const stray = 'source:00000000-0000-4000-8000-000000000000';
    await queue.upsertJobScheduler(stray, { every: 3_600_000 }, { name: 'poll-source' });

    // Reconciling runs in the background of start-up (an API must start while Redis is down).
    const instances = await Promise.all([startTestApi(env.config), startTestApi(env.config)]);
    try {
      // Fails on timeout unless exactly the one lost scheduler is back and the stray is gone.
      await waitFor(
        async () => {
          const keys = (await queue.getJobSchedulers()).map((s) => s.key);
          return keys.length === 1 && keys[0] === `source:${id}` ? keys : undefined;
        },
        10_000,
        'schedulers to be reconciled',
      );
    } finally {
      await Promise.all(instances.map((app) => app.close()));
    }
  });

  describe('with a worker, private targets refused', () => {
    let worker: INestApplicationContext;
    let feeds: FeedServer;
    beforeAll(async () => {
      feeds = await startFeedServer();
      worker = await startTestWorker(env.config);
    });
    afterAll(async () => {
      await worker?.close();
      await feeds?.close();
    });

    it.each([
      ['the loopback feed server', () => `${feeds.url}/feeds/world.rss.xml`],
      ['a metadata address', () => 'http://169.254.169.254/latest/meta-data/'],
      ['localhost by name', () => 'http://localhost:9/feed.xml'],
    ])('records a poll of %s as refused, without a request', async (_what, url) => {
      const sources = sourcesClient(server);
      const id = await sources.create({
        name: `Refused ${url()}`,
        kind: 'rss',
        url: url(),
        schedule: YEARLY,
      });
      await sources.poll(id);
      const [run] = await waitFor(async () => {
        const runs = await sources.runs(id);
        return runs[0] && isSettled(runs[0]) ? runs : undefined;
      });
      expect(run.error).toMatch(
        /refused to fetch .*private, loopback, link-local or reserved address/,
      );
      expect(feeds.requests).toEqual([]);
    });
  });
});
