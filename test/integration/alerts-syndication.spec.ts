import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { type Server } from 'node:http';
import { type INestApplication, type INestApplicationContext } from '@nestjs/common';
import { Client } from 'pg';
import request from 'supertest';
import { backtestLastHour, hostileArticle, seedBaseline } from '../support/alert-seed';
import { startTestApi, startTestWorker, waitFor } from '../support/test-app';
import { createTestEnv, TEST_API_KEY, type TestEnv } from '../support/test-env';

const OUTLETS = ['Xinhua', 'Harbour Daily', 'Plains Courier', 'Delta Times', 'Ridge Post'];

/** One hostile wire story; each outlet's copy ends with its own short sign-off. */
const copyOf = (outlet: string) => `${hostileArticle('wire story')}\n\nFiled for ${outlet}.`;

/**
 * Against the seeded baseline a hostile article adds about 1.3 to the tone rule's CUSUM and h
 * is 2 (as in alerts.spec.ts): one article cannot fire, two can. The same story from five
 * outlets is one article under syndication=collapse and five under all.
 */
const RULE = { side: 'china', metric: 'tone', direction: 'down', detector: { h: 2 } };

describe('alert rules count wire copies as their syndication setting says', () => {
  let env: TestEnv;
  let api: INestApplication;
  let worker: INestApplicationContext;
  let db: Client;
  const http = () => api.getHttpServer() as Server;
  let collapseId: string;
  let allId: string;
  const ids: string[] = [];

  const post = (outlet: string) =>
    request(http())
      .post('/api/articles')
      .set('x-api-key', TEST_API_KEY)
      .send({ text: copyOf(outlet), source: outlet, monitor: 'us-china' })
      .expect(202)
      .then((res) => res.body.id as string);

  const createRule = async (input: Record<string, unknown>) =>
    (
      await request(http())
        .post('/api/alert-rules')
        .set('x-api-key', TEST_API_KEY)
        .send(input)
        .expect(201)
    ).body as { id: string; syndication: string };

  const observed = async (ruleId: string) => {
    const { rows } = await db.query<{ n: number }>(
      'SELECT count(*)::int AS n FROM alert_rule_articles WHERE rule_id = $1',
      [ruleId],
    );
    return rows[0].n;
  };

  const alertsOf = async (ruleId: string) => {
    const { rows } = await db.query<{ state: string; articles: number; outlets: number }>(
      'SELECT state, articles, outlets FROM alerts WHERE rule_id = $1',
      [ruleId],
    );
    return rows;
  };

  beforeAll(async () => {
    // the seeded baseline is days old: beyond ALERT_LATE_ARRIVAL_MS, never observed
    env = await createTestEnv({ ALERT_DEBOUNCE_MS: '50' });
    db = new Client({ connectionString: env.databaseUrl });
    await db.connect();
    await seedBaseline(db);
    [api, worker] = await Promise.all([startTestApi(env.config), startTestWorker(env.config)]);

    const collapse = await createRule({ ...RULE, name: 'China cools, once per story' });
    const all = await createRule({ ...RULE, name: 'China cools, every copy', syndication: 'all' });
    expect([collapse.syndication, all.syndication]).toEqual(['collapse', 'all']);
    [collapseId, allId] = [collapse.id, all.id];

    // the wire's own copy first, then the four reprints at once
    ids.push(await post(OUTLETS[0]));
    await waitFor(async () => ((await observed(allId)) === 1 ? true : undefined), 30_000);
    ids.push(...(await Promise.all(OUTLETS.slice(1).map(post))));
    await waitFor(
      async () => {
        const { rows } = await db.query<{ n: number }>(
          `SELECT count(*)::int AS n FROM articles
           WHERE id = ANY($1::uuid[]) AND status = 'scored' AND NOT wire_pending`,
          [ids],
        );
        return rows[0].n === ids.length ? true : undefined;
      },
      60_000,
      'the five copies scored and linked',
    );
  }, 120_000);

  afterAll(async () => {
    await worker?.close();
    await api?.close();
    await db?.end();
    await env?.drop();
  });

  it('fires on the five copies under all, and observes the story once under collapse', async () => {
    const fired = await waitFor(
      async () => {
        const alerts = await alertsOf(allId);
        return alerts.length > 0 ? alerts : undefined;
      },
      30_000,
      'the all rule to fire',
    );
    expect(fired[0]).toMatchObject({ state: 'firing' });
    expect(fired[0].outlets).toBeGreaterThanOrEqual(2);
    await waitFor(async () => ((await observed(allId)) === 5 ? true : undefined), 30_000);
    // each link asked both rules' evaluations at once: the collapse rule has read the copies
    await waitFor(async () => ((await observed(collapseId)) === 1 ? true : undefined), 30_000);
    const { rows } = await db.query<{ article_id: string }>(
      'SELECT article_id FROM alert_rule_articles WHERE rule_id = $1',
      [collapseId],
    );
    expect(rows.map((r) => r.article_id)).toEqual([ids[0]]);
    expect(await alertsOf(collapseId)).toEqual([]);
  });

  it('returns the setting, refuses an unknown one, and keeps it through a replace', async () => {
    const one = await request(http()).get(`/api/alert-rules/${allId}`).expect(200);
    expect(one.body.syndication).toBe('all');
    const bad = await request(http())
      .post('/api/alert-rules')
      .set('x-api-key', TEST_API_KEY)
      .send({ ...RULE, name: 'bad', syndication: 'some' })
      .expect(400);
    expect(JSON.stringify(bad.body)).toMatch(/syndication must be one of collapse, all/);
    const replaced = await request(http())
      .put(`/api/alert-rules/${collapseId}`)
      .set('x-api-key', TEST_API_KEY)
      .send({ ...RULE, name: 'China cools, every copy now', syndication: 'all' })
      .expect(200);
    expect(replaced.body.syndication).toBe('all');
    const { rows } = await db.query<{ syndication: string }>(
      'SELECT syndication FROM alert_rules WHERE id = $1',
      [collapseId],
    );
    expect(rows[0].syndication).toBe('all');
  });

  it('backtests with the rule file’s setting, or the one --syndication gives', async () => {
    const file = join(mkdtempSync(join(tmpdir(), 'tonewatch-backtest-')), 'rule.json');
    const backtest = async (rule: Record<string, unknown>, extra: string[] = []) => {
      writeFileSync(file, JSON.stringify({ ...RULE, name: 'China cools', ...rule }));
      const { code, out, err } = await backtestLastHour(env.databaseUrl, file, extra);
      expect({ code, err }).toEqual({ code: 0, err: '' });
      return JSON.parse(out) as {
        syndication: string;
        articles: number;
        events: { type: string }[];
      };
    };
    const fired = (r: { events: { type: string }[] }) =>
      r.events.filter((e) => e.type === 'fired').length;

    const collapse = await backtest({});
    const all = await backtest({ syndication: 'all' });
    expect([collapse.syndication, collapse.articles, fired(collapse)]).toEqual(['collapse', 1, 0]);
    expect([all.syndication, all.articles]).toEqual(['all', 5]);
    expect(fired(all)).toBeGreaterThan(0);
    const overridden = await backtest({ syndication: 'all' }, ['--syndication', 'collapse']);
    expect([overridden.syndication, overridden.articles]).toEqual(['collapse', 1]);
  });
});
