import { withSettings } from '../../src/config/config';
import { createHmac } from 'node:crypto';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createServer, get, type IncomingHttpHeaders, type Server } from 'node:http';
import { type AddressInfo } from 'node:net';
import { type INestApplication, type INestApplicationContext } from '@nestjs/common';
import { Client } from 'pg';
import request from 'supertest';
import { type AlertView } from '../../src/alerts/api/alert-view';
import { runCli } from '../../src/cli';
import { MetricsService } from '../../src/metrics/metrics.service';
import { backtestLastHour, hostileArticle, seedBaseline } from '../support/alert-seed';
import { startTestApi, startTestWorker, waitFor } from '../support/test-app';
import { createTestEnv, TEST_API_KEY, type TestEnv } from '../support/test-env';

jest.setTimeout(60_000);

jest.setTimeout(60_000);

interface Received {
  headers: IncomingHttpHeaders;
  body: string;
  at: number;
}

interface DeliveryBody {
  targetUrl: string;
  status: string;
  attempts: number;
  lastStatusCode: number | null;
  lastError: string | null;
}
type AlertDetailBody = AlertView & { deliveries: DeliveryBody[] };

const SECRET = 'receiver-shared-secret-0123';

/** A webhook receiver on loopback that records every request. */
async function startReceiver(): Promise<{ server: Server; url: string; received: Received[] }> {
  const received: Received[] = [];
  const server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      received.push({
        headers: req.headers,
        body: Buffer.concat(chunks).toString('utf8'),
        at: Date.now(),
      });
      res.writeHead(204).end();
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    server,
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/hook`,
    received,
  };
}

/** A loopback URL where nothing listens. */
async function deadUrl(): Promise<string> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  await new Promise((resolve) => server.close(resolve));
  return `http://127.0.0.1:${port}/hook`;
}

/** Reads `event: alert` frames from the live stream. */
function openStream(baseUrl: string): { events: unknown[]; close: () => void } {
  const events: unknown[] = [];
  const req = get(`${baseUrl}/api/alerts/stream`, (res) => {
    let buffer = '';
    res.setEncoding('utf8');
    res.on('data', (chunk: string) => {
      buffer += chunk;
      for (let end = buffer.indexOf('\n\n'); end >= 0; end = buffer.indexOf('\n\n')) {
        const frame = buffer.slice(0, end);
        buffer = buffer.slice(end + 2);
        const data = /^event: alert\ndata: (.*)$/m.exec(frame);
        if (data) events.push(JSON.parse(data[1]));
      }
    });
  });
  req.on('error', () => undefined);
  return { events, close: () => req.destroy() };
}

describe('alerts end to end', () => {
  let env: TestEnv;
  let api: INestApplication;
  let worker: INestApplicationContext;
  let db: Client;
  let receiver: Awaited<ReturnType<typeof startReceiver>>;
  let baseUrl: string;
  const http = () => api.getHttpServer() as Server;

  beforeAll(async () => {
    env = await createTestEnv({
      ALLOW_PRIVATE_TARGETS: 'true',
      WEBHOOK_ATTEMPTS: '3',
      WEBHOOK_BACKOFF_MS: '100',
      ALERT_DEBOUNCE_MS: '50',
      // every rule here watches only articles posted after it was created
      ALERT_LATE_ARRIVAL_MS: '0',
    });
    db = new Client({ connectionString: env.databaseUrl });
    await db.connect();
    await seedBaseline(db);
    api = await startTestApi(env.config);
    await api.listen(0, '127.0.0.1');
    baseUrl = `http://127.0.0.1:${(http().address() as AddressInfo).port}`;
    worker = await startTestWorker(env.config);
    receiver = await startReceiver();
  });

  afterAll(async () => {
    await worker?.close();
    await api?.close();
    await new Promise((resolve) => receiver?.server.close(resolve));
    await db?.end();
    await env?.drop();
  });

  const ruleInput = (webhooks: { url: string; secret?: string }[]) => ({
    name: 'China cools',
    side: 'china',
    metric: 'tone',
    direction: 'down',
    // Against this baseline (median 0, robust SD about 0.5) a hostile article standardises to
    // about -1.8 and adds |z| - k, about 1.3, and no article can add more than 1.5 (tone ends
    // at -1): two cross h = 2, one alone cannot.
    detector: { h: 2 },
    webhooks,
  });

  async function createRule(webhooks: { url: string; secret?: string }[]): Promise<string> {
    const response = await request(http())
      .post('/api/alert-rules')
      .set('x-api-key', TEST_API_KEY)
      .send(ruleInput(webhooks))
      .expect(201);
    return (response.body as { id: string }).id;
  }

  async function postArticle(text: string, source: string): Promise<void> {
    await request(http())
      .post('/api/articles')
      .set('x-api-key', TEST_API_KEY)
      .send({ text, source, monitor: 'us-china' })
      .expect((res) => expect([201, 202]).toContain(res.status));
  }

  async function waitUntilSeen(ruleId: string, articles: number): Promise<void> {
    await waitFor(
      async () => {
        const { rows } = await db.query<{ n: number }>(
          'SELECT count(*)::int AS n FROM alert_rule_articles WHERE rule_id = $1',
          [ruleId],
        );
        return rows[0].n >= articles ? true : undefined;
      },
      20_000,
      `rule ${ruleId} to observe ${articles} article(s)`,
    );
  }

  it('delivers a signed alert with its evidence after a step change, streams it, and records a dead receiver as failed after retries', async () => {
    const stream = openStream(baseUrl);
    const dead = await deadUrl();
    const ruleId = await createRule([{ url: receiver.url, secret: SECRET }, { url: dead }]);
    await postArticle(hostileArticle('first'), 'Xinhua');
    await waitUntilSeen(ruleId, 1);
    expect(receiver.received).toHaveLength(0);
    await postArticle(hostileArticle('second'), 'Global Times');

    const delivery = await waitFor(
      () => Promise.resolve(receiver.received[0]),
      20_000,
      'the webhook',
    );
    const expected = `sha256=${createHmac('sha256', SECRET).update(delivery.body).digest('hex')}`;
    expect(delivery.headers['x-tonewatch-signature']).toBe(expected);
    expect(Number(delivery.headers['x-tonewatch-timestamp'])).toBeGreaterThan(
      Date.now() / 1000 - 60,
    );
    const payload = JSON.parse(delivery.body) as { event: string; alert: AlertView };
    expect(payload.event).toBe('alert.firing');
    expect(payload.alert).toMatchObject({
      ruleId,
      side: 'china',
      state: 'firing',
      channel: 'down',
      outlets: 2,
      articles: 2,
    });
    expect(payload.alert.shift).toBeLessThan(0);
    expect(payload.alert.evidence.length).toBeGreaterThanOrEqual(2);
    expect(payload.alert.evidence[0].snippet).toMatch(/China|Chinese/);
    expect(new Set(payload.alert.evidence.map((e) => e.articleId)).size).toBe(2);

    await waitFor(
      () => Promise.resolve(stream.events.length > 0 ? true : undefined),
      10_000,
      'the live stream',
    );
    expect(stream.events[0]).toMatchObject({ id: payload.alert.id, state: 'firing' });
    stream.close();
    const fired = await worker
      .get(MetricsService)
      .registry.getSingleMetricAsString('tonewatch_alerts_fired_total');
    expect(fired).toContain('tonewatch_alerts_fired_total{monitor="us-china",side="china"} 1');

    const detail = await waitFor(
      async () => {
        const res = await request(http()).get(`/api/alerts/${payload.alert.id}`).expect(200);
        const body = res.body as AlertDetailBody;
        const failed = body.deliveries.find((d) => d.targetUrl === dead && d.status === 'failed');
        return failed ? body : undefined;
      },
      30_000,
      'the dead receiver to be marked failed',
    );
    const byUrl = Object.fromEntries(detail.deliveries.map((d) => [d.targetUrl, d]));
    expect(byUrl[dead]).toMatchObject({ status: 'failed', attempts: 3, lastStatusCode: null });
    expect(byUrl[dead].lastError).toMatch(/ECONNREFUSED|connect/i);
    expect(byUrl[receiver.url]).toMatchObject({
      status: 'delivered',
      attempts: 1,
      lastStatusCode: 204,
    });

    const list = await request(http()).get('/api/alerts?limit=10&side=china').expect(200);
    const items = (list.body as { items: AlertView[] }).items;
    expect(items.map((a) => a.id)).toContain(payload.alert.id);
  });

  it('replacing a rule resolves its firing alert and starts its detector afresh from then on', async () => {
    const ruleId = await createRule([]);
    await postArticle(hostileArticle('replace a'), 'Xinhua');
    await waitUntilSeen(ruleId, 1);
    await postArticle(hostileArticle('replace b'), 'Global Times');
    const firing = await waitFor(
      async () => {
        const { rows } = await db.query<{ id: string }>(
          `SELECT id FROM alerts WHERE rule_id = $1 AND state = 'firing'`,
          [ruleId],
        );
        return rows[0];
      },
      20_000,
      'the alert to fire',
    );

    const replaced = await request(http())
      .put(`/api/alert-rules/${ruleId}`)
      .set('x-api-key', TEST_API_KEY)
      .send({ ...ruleInput([]), name: 'China cools, replaced' })
      .expect(200);
    const rule = replaced.body as { name: string; updatedAt: string; createdAt: string };
    expect(rule.name).toBe('China cools, replaced');
    expect(new Date(rule.updatedAt).getTime()).toBeGreaterThan(new Date(rule.createdAt).getTime());

    const alert = (await request(http()).get(`/api/alerts/${firing.id}`).expect(200))
      .body as AlertView;
    expect(alert.state).toBe('resolved');
    expect(alert.resolvedAt).not.toBeNull();
    // the articles it observed are forgotten, and its detector watches from the replacement on
    const seen = await db.query<{ n: number }>(
      'SELECT count(*)::int AS n FROM alert_rule_articles WHERE rule_id = $1',
      [ruleId],
    );
    expect(seen.rows[0].n).toBe(0);
    const state = await db.query<{ watermark: Date; paragraph: string | null; state: unknown }>(
      `SELECT watermark_occurred_at AS watermark, watermark_paragraph_id AS paragraph, state
         FROM alert_rule_states WHERE rule_id = $1`,
      [ruleId],
    );
    expect(state.rows[0].watermark.toISOString()).toBe(rule.updatedAt);
    expect(state.rows[0].paragraph).toBeNull();
    expect(JSON.stringify(state.rows[0].state)).not.toContain('"firing"');
  });

  it('posts the webhook well within 2 s of the POST of the article that completes the shift', async () => {
    const latencies: number[] = [];
    for (let run = 0; run < 5; run++) {
      await db.query('DELETE FROM alert_rules');
      const ruleId = await createRule([{ url: receiver.url, secret: SECRET }]);
      const before = receiver.received.length;
      await postArticle(hostileArticle(`run ${run} a`), 'Xinhua');
      await waitUntilSeen(ruleId, 1);
      const posted = Date.now();
      await postArticle(hostileArticle(`run ${run} b`), 'Global Times');
      const hook = await waitFor(
        () => Promise.resolve(receiver.received[before]),
        10_000,
        'the webhook',
      );
      latencies.push(hook.at - posted);
    }
    latencies.sort((a, b) => a - b);
    const median = latencies[2];
    process.stdout.write(
      `alert latency, POST to webhook request (ms): ${latencies.join(', ')}; median ${median}\n`,
    );
    expect(median).toBeLessThan(2_000);
  });

  it('backtests a rule file over the stored paragraphs with the same detector', async () => {
    const file = join(mkdtempSync(join(tmpdir(), 'tonewatch-backtest-')), 'rule.json');
    writeFileSync(
      file,
      JSON.stringify({
        name: 'China cools',
        side: 'china',
        metric: 'tone',
        direction: 'down',
        detector: { h: 3 },
      }),
    );
    const { code, out, err } = await backtestLastHour(env.databaseUrl, file);
    expect({ code, err }).toEqual({ code: 0, err: '' });
    const result = JSON.parse(out) as {
      articles: number;
      events: { type: string; channel: string }[];
    };
    expect(result.articles).toBeGreaterThanOrEqual(2);
    expect(result.events[0]).toMatchObject({ type: 'fired', channel: 'down' });

    writeFileSync(file, JSON.stringify({ name: 'bad', side: 'atlantis', metric: 'tone' }));
    let refused = '';
    expect(
      await runCli(['backtest', '--rule', file, '--since', '2025-01-01', '--until', '2025-02-01'], {
        stdin: [],
        stdout: () => undefined,
        stderr: (t) => (refused += t),
      }),
    ).toBe(2);
    expect(refused).toMatch(/side must be one of/);
  });

  it('rejects bad rules with a 400 that names the field', async () => {
    const valid = { name: 'r', side: 'china', metric: 'tone' };
    const cases: [Record<string, unknown>, RegExp][] = [
      [{ ...valid, side: 'atlantis' }, /^side must be one of/],
      [{ ...valid, detector: { h: 0 } }, /^detector\.h must not be less than/],
      [
        { ...valid, detector: { baselineDays: 1000 } },
        /^detector\.baselineDays must not be greater than/,
      ],
      [{ ...valid, holdSeconds: -1 }, /^holdSeconds must not be less than/],
      [{ ...valid, webhooks: [{ url: 'not a url' }] }, /^webhooks\.0\.url must be a URL/],
      [{ ...valid, metric: 'frame-rate' }, /^frame or phrase is required/],
      [{ ...valid, metric: 'mood' }, /^metric must be one of/],
    ];
    for (const [body, message] of cases) {
      const res = await request(http())
        .post('/api/alert-rules')
        .set('x-api-key', TEST_API_KEY)
        .send(body);
      expect({ body, status: res.status }).toEqual({ body, status: 400 });
      expect(res.body.message).toEqual(expect.arrayContaining([expect.stringMatching(message)]));
    }

    const guarded = await startTestApi(
      withSettings(env.config, { fetch: { allowPrivateTargets: false } }),
    );
    try {
      const res = await request(guarded.getHttpServer() as Server)
        .post('/api/alert-rules')
        .set('x-api-key', TEST_API_KEY)
        .send({ ...valid, webhooks: [{ url: 'http://127.0.0.1:9/hook' }] })
        .expect(400);
      expect(res.body.message).toEqual([
        expect.stringMatching(/^webhooks\.0\.url: refused .*127\.0\.0\.1/),
      ]);
    } finally {
      await guarded.close();
    }
  });

  it('rejects an alert list whose time range ends before it starts', async () => {
    const res = await request(http())
      .get('/api/alerts?from=2025-03-02T00:00:00Z&to=2025-03-01T00:00:00Z')
      .expect(400);
    expect(res.body.message).toEqual(['to must be after from']);
  });
});
