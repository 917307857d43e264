import { copyFileSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { type Server } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { type INestApplication, type INestApplicationContext } from '@nestjs/common';
import request from 'supertest';
import { getMonitorVersion, MONITOR_SCHEMA } from '../../src/analysis';
import { loadConfig } from '../../src/config/config';
import { startTestApi, startTestWorker, waitFor } from '../support/test-app';
import { createTestEnv, TEST_API_KEY, type TestEnv } from '../support/test-env';

const EXAMPLE = join(__dirname, '../../examples/monitors/india-pakistan.json');

// Sentences of the project's own, naming actors of the example monitor only.
const ARTICLE = [
  'NEW DELHI - Officials of both countries met at the border crossing on Monday.',
  '"We want the talks to continue," External Affairs Minister S. Jaishankar told reporters.',
  "Pakistan's Foreign Office said the proposal was unacceptable and accused India of provocation.",
  'Jaishankar said the meeting was constructive.',
].join('\n\n');

/** The environment the test's configuration was loaded from, to load it again. */
function envOf(env: TestEnv): Record<string, string> {
  const c = env.config;
  return {
    NODE_ENV: 'test',
    DATABASE_URL: c.database.url,
    REDIS_URL: c.queue.redisUrl,
    REDIS_PREFIX: c.queue.redisPrefix,
    API_KEYS: TEST_API_KEY,
    MONITORS_DIR: c.monitors.dir ?? '',
  };
}

interface Monitors {
  defaultMonitor: string;
  otherVoices: { id: string; label: string; colour: string }[];
  monitors: {
    id: string;
    label: string;
    version: string;
    shipped: boolean;
    staleArticles: number;
    sides: { id: string; label: string; colour: string }[];
  }[];
}

/** A monitor file in MONITORS_DIR, read by the API and the worker as a shipped one is. */
describe('a monitor of MONITORS_DIR', () => {
  let dir: string;
  let env: TestEnv;
  let api: INestApplication;
  let worker: INestApplicationContext;
  let server: Server;
  let articleId: string;

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'tonewatch-monitors-'));
    copyFileSync(EXAMPLE, join(dir, 'india-pakistan.json'));
    env = await createTestEnv({ MONITORS_DIR: dir });
    [api, worker] = await Promise.all([startTestApi(env.config), startTestWorker(env.config)]);
    server = api.getHttpServer() as Server;
  });
  afterAll(async () => {
    await worker?.close();
    await api?.close();
    await env?.drop();
    rmSync(dir, { recursive: true, force: true });
  });

  const get = async (path: string) => {
    const res = await request(server).get(path);
    if (res.status !== 200) throw new Error(`${path}: ${res.status} ${res.text}`);
    return res;
  };

  it('is listed by GET /api/monitors with its labels, colours and version', async () => {
    const body = (await get('/api/monitors')).body as Monitors;
    expect(body.monitors.map((m) => [m.id, m.shipped])).toEqual([
      ['us-china', true],
      ['russia-ukraine', true],
      ['india-pakistan', false],
    ]);
    const mine = body.monitors[2];
    expect(mine).toEqual({
      id: 'india-pakistan',
      label: 'India – Pakistan',
      note: expect.stringMatching(/^Example of a monitor/),
      version: getMonitorVersion('india-pakistan'),
      shipped: false,
      staleArticles: 0,
      sides: [
        { id: 'india', label: 'India', colour: '#ea580c' },
        { id: 'pakistan', label: 'Pakistan', colour: '#15803d' },
      ],
    });
    expect(body.monitors[0].sides).toEqual([
      { id: 'us', label: 'United States', colour: '#2563eb' },
      { id: 'china', label: 'China', colour: '#dc2626' },
    ]);
    expect(body.otherVoices.map((v) => v.id)).toEqual(['mixed', 'neutral']);
  });

  it('publishes the monitor file schema beside the OpenAPI document', async () => {
    const schema = JSON.parse(JSON.stringify(MONITOR_SCHEMA)) as unknown;
    expect((await get('/api/monitors/schema')).body).toEqual(schema);
    const served = await get('/docs/monitor.schema.json');
    expect(served.headers['content-type']).toMatch(/^application\/schema\+json/);
    expect(JSON.parse(served.text)).toEqual(schema);
    expect(
      JSON.parse(readFileSync(join(__dirname, '../../docs/monitor.schema.json'), 'utf8')),
    ).toEqual(schema);
  });

  it('scores an article posted for it with its sides, and the dashboard endpoints answer for it', async () => {
    const posted = await request(server)
      .post('/api/articles')
      .set('x-api-key', TEST_API_KEY)
      .send({
        text: ARTICLE,
        monitor: 'india-pakistan',
        source: 'Wire',
        publishedAt: new Date().toISOString(),
      })
      .expect(202);
    const id = posted.body.id as string;
    articleId = id;
    const article = await waitFor(
      async () => {
        const res = await get(`/api/articles/${id}`);
        const a = res.body as { status: string; monitor: string; paragraphs: { side: string }[] };
        return a.status === 'scored' ? a : undefined;
      },
      20_000,
      'the article to be scored',
    );
    expect(article.monitor).toBe('india-pakistan');
    expect(article.paragraphs.map((p) => p.side)).toEqual([
      'neutral',
      'india',
      'pakistan',
      'india',
    ]);

    const summary = (await get('/api/tone/summary?monitor=india-pakistan')).body as {
      sides: { side: string; current: { paragraphs: number } }[];
    };
    expect(summary.sides.map((s) => [s.side, s.current.paragraphs])).toEqual([
      ['india', 2],
      ['pakistan', 1],
      ['mixed', 0],
      ['neutral', 1],
    ]);
    const series = (await get('/api/tone/timeseries?monitor=india-pakistan')).body as {
      series: { side: string }[];
    };
    expect(series.series.map((s) => s.side)).toEqual(['india', 'pakistan', 'mixed', 'neutral']);
    const framing = (await get('/api/framing?monitor=india-pakistan&frames=constructive')).body as {
      frames: { frame: string; sides: Record<string, number> }[];
    };
    expect(framing.frames[0].sides).toMatchObject({ india: 1, pakistan: 0 });
    await get('/api/framing/top?monitor=india-pakistan');
    await get('/api/sources/breakdown?monitor=india-pakistan');
    const latest = (await get('/api/dashboard/latest-articles?monitor=india-pakistan')).body as {
      articles: { id: string }[];
    };
    expect(latest.articles.map((a) => a.id)).toEqual([id]);
    // the shipped monitors' figures do not count it
    const usChina = (await get('/api/tone/summary?monitor=us-china')).body as {
      sides: { current: { paragraphs: number } }[];
    };
    expect(usChina.sides.every((s) => s.current.paragraphs === 0)).toBe(true);
  });

  it('marks the article stale when the file is edited, and reanalyze re-scores it once', async () => {
    const monitors = async () => ((await get('/api/monitors')).body as Monitors).monitors[2];
    const before = await monitors();
    // A colour is not what the analysis reads: same version, nothing stale.
    const doc = JSON.parse(readFileSync(EXAMPLE, 'utf8')) as {
      sides: { colour: string; actors: { kind: string; names?: string[] }[] }[];
    };
    doc.sides[0].colour = '#c2410c';
    writeFileSync(join(dir, 'india-pakistan.json'), JSON.stringify(doc));
    loadConfig(envOf(env));
    expect(await monitors()).toMatchObject({ version: before.version, staleArticles: 0 });
    expect((await monitors()).sides[0].colour).toBe('#c2410c');
    // A new name is: the stored analysis is now stale.
    doc.sides[1].actors.find((g) => g.kind === 'institution')!.names!.push('Pakistan Navy');
    writeFileSync(join(dir, 'india-pakistan.json'), JSON.stringify(doc));
    // what a restart of the API and the worker does: read MONITORS_DIR again
    loadConfig(envOf(env));
    const edited = await monitors();
    expect(edited.version).not.toBe(before.version);
    expect(edited.staleArticles).toBe(1);

    const reanalyze = () =>
      request(server)
        .post('/api/admin/reanalyze')
        .set('x-api-key', TEST_API_KEY)
        .send({ monitor: 'india-pakistan' })
        .expect(202);
    const scoredAt = async () =>
      (await get(`/api/articles/${articleId}`)).body as { status: string; scoredAt: string | null };
    const first = await scoredAt();
    expect((await reanalyze()).body).toMatchObject({ requeued: 1 });
    // Stale counts cover scored articles only: wait for the new run to be stored.
    await waitFor(
      async () => {
        const now = await scoredAt();
        return now.status === 'scored' && now.scoredAt !== first.scoredAt ? true : undefined;
      },
      20_000,
      'the article to be scored again',
    );
    expect((await monitors()).staleArticles).toBe(0);
    expect((await reanalyze()).body).toMatchObject({ requeued: 0 });
  });

  it('refuses an article for a side id of no monitor', async () => {
    await request(server)
      .post('/api/articles')
      .set('x-api-key', TEST_API_KEY)
      .send({ text: ARTICLE, monitor: 'india' })
      .expect(400);
  });
});
