import { type Server } from 'node:http';
import { type INestApplication, type INestApplicationContext } from '@nestjs/common';
import { Client } from 'pg';
import request from 'supertest';
import { analyzeArticle } from '../../src/analysis';
import { ScoringRepository } from '../../src/scoring/scoring.repository';
import { rollupSnapshot } from '../support/bulk-paragraphs';
import { startTestApi, startTestWorker, waitFor } from '../support/test-app';
import { createTestEnv, TEST_API_KEY, type TestEnv } from '../support/test-env';

// The project's own sentences. BOTH involves the two shipped monitors in at least two
// paragraphs each; RUSSIA_UKRAINE involves only russia-ukraine, with one passing mention of
// China; US_CHINA only us-china.
const BOTH = [
  'The Kremlin said on Tuesday that talks with Kyiv could resume, and Chinese officials said Beijing would welcome them.',
  '"We are ready to listen to any serious proposal," Kremlin spokesman Dmitry Peskov told reporters in Moscow.',
  'Ukrainian Foreign Minister Dmytro Kuleba said Kyiv would not give up any territory and called the offer a trap.',
  'A Chinese Foreign Ministry spokesperson said Beijing respected the sovereignty of every country and wanted calm.',
  'The White House said Washington doubted that Beijing could act as a neutral broker.',
].join('\n\n');
const RUSSIA_UKRAINE = [
  'The Kremlin said on Wednesday that a new round of talks with Kyiv was possible within weeks.',
  '"Nothing is decided yet," Kremlin spokesman Dmitry Peskov told reporters in Moscow.',
  'Ukrainian Foreign Minister Dmytro Kuleba said Kyiv would judge any offer by its deeds.',
  'Grain prices rose in early trading, and analysts said buyers in China were watching the talks.',
].join('\n\n');
const US_CHINA = [
  'The White House said on Thursday that trade talks with Beijing would continue next month.',
  'A Chinese Foreign Ministry spokesperson said Beijing hoped Washington would lift the new tariffs.',
  'The State Department said the two sides had agreed to keep their channels open.',
].join('\n\n');

const PUBLISHED = '2026-03-02T10:00:00Z';
const RANGE = 'from=2026-03-01T00:00:00Z&to=2026-03-04T00:00:00Z';

interface SideSummary {
  side: string;
  current: { paragraphs: number; articles: number };
}
interface Analysis {
  monitor: string;
  analysisVersion: string | null;
  monitorVersion: string | null;
  scoredAt: string | null;
  paragraphs: { index: number; side: string; frames: { frame: string }[] }[];
}
interface ArticleView {
  id: string;
  status: string;
  monitor: string | null;
  monitors: string[];
  autoMonitors: boolean;
  paragraphs: { index: number; side: string }[];
  analyses: Analysis[];
}

/** One article under several monitors: stored once, analysed and counted under each. */
describe('an article in several monitors', () => {
  let env: TestEnv;
  let api: INestApplication;
  let worker: INestApplicationContext;
  let server: Server;
  let db: Client;

  beforeAll(async () => {
    env = await createTestEnv();
    [api, worker] = await Promise.all([startTestApi(env.config), startTestWorker(env.config)]);
    server = api.getHttpServer() as Server;
    db = new Client({ connectionString: env.databaseUrl });
    await db.connect();
  });
  afterAll(async () => {
    await db?.end();
    await worker?.close();
    await api?.close();
    await env?.drop();
  });

  const post = (body: Record<string, unknown>) =>
    request(server).post('/api/articles').set('x-api-key', TEST_API_KEY).send(body);
  const get = async <T>(path: string): Promise<T> => {
    const res = await request(server).get(path);
    if (res.status !== 200) throw new Error(`${path}: ${res.status} ${res.text}`);
    return res.body as T;
  };
  /** The article once scored in the given run (or later), as the API shows it. */
  const scored = (id: string, run = 0) =>
    waitFor(
      async () => {
        const { rows } = await db.query<{ status: string; analysis_run: number }>(
          `SELECT status, analysis_run FROM articles WHERE id = $1`,
          [id],
        );
        if (rows[0]?.status !== 'scored' || rows[0].analysis_run < run) return undefined;
        return get<ArticleView>(`/api/articles/${id}`);
      },
      20_000,
      `article ${id} scored`,
    );
  const summary = async (monitor: string) => {
    const res = await get<{ sides: SideSummary[] }>(
      `/api/tone/summary?monitor=${monitor}&${RANGE}`,
    );
    return Object.fromEntries(res.sides.map((s) => [s.side, s.current]));
  };
  const paragraphRows = async (id: string) =>
    (
      await db.query<{ monitor: string; n: number }>(
        `SELECT monitor, count(*)::int AS n FROM paragraphs WHERE article_id = $1
         GROUP BY monitor ORDER BY monitor`,
        [id],
      )
    ).rows;

  let bothId: string;

  it('is stored once, analysed under each monitor it names, and shows each analysis', async () => {
    const res = await post({
      text: BOTH,
      source: 'Desk',
      publishedAt: PUBLISHED,
      monitors: ['us-china', 'russia-ukraine'],
    }).expect(202);
    bothId = res.body.id as string;
    const view = await scored(bothId);

    const { rows } = await db.query<{ n: number }>(`SELECT count(*)::int AS n FROM articles`);
    expect(rows[0].n).toBe(1);
    expect(view.monitor).toBe('us-china');
    expect(view.monitors).toEqual(['us-china', 'russia-ukraine']);
    expect(view.autoMonitors).toBe(false);
    expect(view.analyses.map((a) => a.monitor)).toEqual(['us-china', 'russia-ukraine']);

    // each monitor reads the paragraphs with its own sides, as the core does alone
    for (const analysis of view.analyses) {
      const alone = analyzeArticle(BOTH, { monitor: analysis.monitor, source: 'Desk' });
      expect(analysis.paragraphs.map((p) => p.side)).toEqual(alone.paragraphs.map((p) => p.side));
      expect(analysis.scoredAt).not.toBeNull();
      expect(analysis.monitorVersion).toMatch(/^[0-9a-f]{16}$/);
    }
    expect(view.analyses[0].paragraphs.map((p) => p.side)).toEqual([
      'china',
      'neutral',
      'neutral',
      'china',
      'us',
    ]);
    expect(view.analyses[1].paragraphs.map((p) => p.side)).toEqual([
      'russia',
      'russia',
      'ukraine',
      'neutral',
      'neutral',
    ]);
    // the first monitor's paragraphs stay where a single-monitor client reads them
    expect(view.paragraphs.map((p) => p.side)).toEqual(
      view.analyses[0].paragraphs.map((p) => p.side),
    );
    expect(await paragraphRows(bothId)).toEqual([
      { monitor: 'russia-ukraine', n: 5 },
      { monitor: 'us-china', n: 5 },
    ]);
  });

  it("is counted once in each monitor's summary and framing, and only with that monitor's sides", async () => {
    const usChina = await summary('us-china');
    expect(usChina.china).toEqual(expect.objectContaining({ paragraphs: 2, articles: 1 }));
    expect(usChina.us).toEqual(expect.objectContaining({ paragraphs: 1, articles: 1 }));
    expect(usChina.neutral).toEqual(expect.objectContaining({ paragraphs: 2, articles: 1 }));
    expect(usChina.russia).toBeUndefined();

    const russiaUkraine = await summary('russia-ukraine');
    expect(russiaUkraine.russia).toEqual(expect.objectContaining({ paragraphs: 2, articles: 1 }));
    expect(russiaUkraine.ukraine).toEqual(expect.objectContaining({ paragraphs: 1, articles: 1 }));
    expect(russiaUkraine.neutral).toEqual(expect.objectContaining({ paragraphs: 2, articles: 1 }));
    expect(russiaUkraine.china).toBeUndefined();

    // "sovereignty" is China's in us-china and nobody's in russia-ukraine: one hit in each
    const framing = (monitor: string) =>
      get<{ frames: { frame: string; sides: Record<string, number> }[] }>(
        `/api/framing?monitor=${monitor}&${RANGE}&frames=sovereignty`,
      );
    expect((await framing('us-china')).frames).toEqual([
      expect.objectContaining({
        frame: 'sovereignty',
        sides: { us: 0, china: 1, mixed: 0, neutral: 0 },
      }),
    ]);
    expect((await framing('russia-ukraine')).frames).toEqual([
      expect.objectContaining({
        frame: 'sovereignty',
        sides: { russia: 0, ukraine: 0, mixed: 0, neutral: 1 },
      }),
    ]);

    // listed under each of its monitors
    for (const monitor of ['us-china', 'russia-ukraine']) {
      const list = await get<{ items: { id: string }[] }>(`/api/articles?monitor=${monitor}`);
      expect(list.items.map((a) => a.id)).toEqual([bothId]);
    }
  });

  it('is grouped into an event of each monitor', async () => {
    const grouped = await waitFor(async () => {
      const { rows } = await db.query<{ monitor: string }>(
        `SELECT ea.monitor FROM event_articles ea JOIN events e ON e.id = ea.event_id
         WHERE ea.article_id = $1 AND e.monitor = ea.monitor ORDER BY ea.monitor`,
        [bothId],
      );
      return rows.length === 2 ? rows : undefined;
    });
    expect(grouped.map((r) => r.monitor)).toEqual(['russia-ukraine', 'us-china']);
  });

  it('leaves one copy of each analysis when stored twice (a job delivered again)', async () => {
    const before = await rollupSnapshot(db);
    const { rows } = await db.query<{ occurred_at: Date; analysis_run: number }>(
      `SELECT occurred_at, analysis_run FROM articles WHERE id = $1`,
      [bothId],
    );
    const article = {
      id: bothId,
      monitors: ['us-china', 'russia-ukraine'],
      autoMonitors: false,
      source: 'Desk',
      occurredAt: rows[0].occurred_at,
      body: BOTH,
      analysisRun: rows[0].analysis_run,
    };
    const analyses = article.monitors.map((monitor) =>
      analyzeArticle(BOTH, { monitor, source: 'Desk' }),
    );
    const scoring = worker.get(ScoringRepository);
    await Promise.all([
      scoring.storeAnalysis(article, ...analyses),
      scoring.storeAnalysis(article, ...analyses),
    ]);
    expect(await paragraphRows(bothId)).toEqual([
      { monitor: 'russia-ukraine', n: 5 },
      { monitor: 'us-china', n: 5 },
    ]);
    const stored = await db.query<{ monitor: string; paragraphs: number }>(
      `SELECT monitor, paragraphs FROM article_analyses WHERE article_id = $1 ORDER BY monitor`,
      [bothId],
    );
    expect(stored.rows).toEqual([
      { monitor: 'russia-ukraine', paragraphs: 5 },
      { monitor: 'us-china', paragraphs: 5 },
    ]);
    expect(await rollupSnapshot(db)).toEqual(before);
  });

  it('"auto" lets the worker pick the monitors at least two paragraphs involve', async () => {
    const one = await post({ text: RUSSIA_UKRAINE, publishedAt: PUBLISHED, monitors: 'auto' })
      .expect(202)
      .then((res) => res.body.id as string);
    const two = await post({ text: BOTH.replace('Tuesday', 'Friday'), monitor: 'auto' })
      .expect(202)
      .then((res) => res.body.id as string);
    const none = await post({
      text: 'Markets were calm on Monday.\n\nTraders waited for new figures.',
      monitors: 'auto',
    })
      .expect(202)
      .then((res) => res.body.id as string);

    const picked = async (id: string) => {
      const view = await scored(id);
      expect(view.autoMonitors).toBe(false);
      return view.monitors;
    };
    // one passing mention of China is not enough for us-china
    expect(await picked(one)).toEqual(['russia-ukraine']);
    expect((await picked(two)).sort()).toEqual(['russia-ukraine', 'us-china']);
    // none qualifies: the default monitor, unless the article has monitors named beside auto
    expect(await picked(none)).toEqual([env.config.monitors.default]);
    const named = await post({
      text: 'Markets were calm on Tuesday.\n\nTraders waited for the figures.',
      monitors: ['russia-ukraine', 'auto'],
    }).expect(202);
    expect(await picked(named.body.id as string)).toEqual(['russia-ukraine']);
    expect((await paragraphRows(one)).map((r) => r.monitor)).toEqual(['russia-ukraine']);

    // a repeat naming no monitor (not even the default) or only auto adds none
    for (const repeat of [{}, { monitors: 'auto' }]) {
      const res = await post({ text: RUSSIA_UKRAINE, ...repeat }).expect(200);
      expect(res.body).toEqual({ id: one, status: 'scored', duplicate: true });
    }
  });

  it('a repeat naming another monitor adds its analysis, without counting the first twice', async () => {
    const first = await post({ text: US_CHINA, publishedAt: PUBLISHED, monitor: 'us-china' })
      .expect(202)
      .then((res) => res.body.id as string);
    await scored(first);
    const usChinaBefore = await summary('us-china');

    // the same text again, under the monitor it already has: a plain duplicate
    const same = await post({ text: US_CHINA, monitor: 'us-china' }).expect(200);
    expect(same.body).toEqual({ id: first, status: 'scored', duplicate: true });

    const again = await post({ text: US_CHINA, monitors: ['russia-ukraine', 'us-china'] }).expect(
      202,
    );
    expect(again.body).toEqual({
      id: first,
      status: 'queued',
      duplicate: true,
      monitorsAdded: ['russia-ukraine'],
    });
    const view = await scored(first, 1);
    expect(view.monitors).toEqual(['us-china', 'russia-ukraine']);
    expect(view.analyses.map((a) => [a.monitor, a.paragraphs.length])).toEqual([
      ['us-china', 3],
      ['russia-ukraine', 3],
    ]);
    expect(await summary('us-china')).toEqual(usChinaBefore);
    const { rows } = await db.query<{ n: number }>(
      `SELECT count(*)::int AS n FROM articles WHERE body = $1`,
      [US_CHINA],
    );
    expect(rows[0].n).toBe(1);
  });

  it('refuses an unknown monitor among several, and monitor with monitors', async () => {
    const unknown = await post({ text: 'Envoys met.', monitors: ['us-china', 'nowhere'] }).expect(
      400,
    );
    expect(unknown.body.message).toMatch(/monitor "nowhere" is not a known monitor/);
    const both = await post({
      text: 'Envoys met.',
      monitor: 'us-china',
      monitors: ['us-china'],
    }).expect(400);
    expect(both.body.message).toMatch(/monitor or monitors, not both/);
    await post({ text: 'Envoys met.', monitors: [] }).expect(400);
  });

  it('re-analysis of one monitor re-scores its articles under all their monitors, counted once', async () => {
    const before = {
      usChina: await summary('us-china'),
      russiaUkraine: await summary('russia-ukraine'),
    };
    const res = await request(server)
      .post('/api/admin/reanalyze')
      .set('x-api-key', TEST_API_KEY)
      .send({ monitor: 'russia-ukraine', olderThanVersion: false })
      .expect(202);
    // BOTH, its Friday copy, RUSSIA_UKRAINE, the calm markets named with auto and the
    // US_CHINA article that gained the monitor
    expect(res.body.requeued).toBe(5);
    const view = await scored(bothId, 1);
    expect(view.analyses.map((a) => a.monitor)).toEqual(['us-china', 'russia-ukraine']);
    await waitFor(async () => {
      const { rows } = await db.query<{ n: number }>(
        `SELECT count(*)::int AS n FROM articles WHERE status <> 'scored'`,
      );
      return rows[0].n === 0 ? true : undefined;
    });
    expect(await summary('us-china')).toEqual(before.usChina);
    expect(await summary('russia-ukraine')).toEqual(before.russiaUkraine);
  });
});
