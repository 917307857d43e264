import { createServer, type Server } from 'node:http';
import { type AddressInfo } from 'node:net';
import { type INestApplication, type INestApplicationContext } from '@nestjs/common';
import { Client } from 'pg';
import request from 'supertest';
import { type AlertView } from '../../src/alerts/api/alert-view';
import { startTestApi, startTestWorker, waitFor } from '../support/test-app';
import { createTestEnv, TEST_API_KEY, type TestEnv } from '../support/test-env';

jest.setTimeout(120_000);

const DAY_MS = 86_400_000;
const HOUR_MS = 3_600_000;

interface Article {
  title: string;
  text: string;
  source: string;
  publishedAt: string;
}

/** The two foreign ministers meet and both readouts say the same things in the same words. */
function matchedMeeting(place: string, topic: string, at: number): Article[] {
  const said = (who: string) =>
    `${who} said the talks on ${topic} in ${place} were constructive and that both sides agreed to keep working together.`;
  return [
    {
      title: `Hale and Liang discuss ${topic} in ${place}`,
      source: 'Capitol Ledger',
      publishedAt: new Date(at).toISOString(),
      text: [
        `WASHINGTON — Secretary of State Margaret Hale met Chinese Foreign Minister Liang Wenhao in ${place} to discuss ${topic}, the State Department said.`,
        said('The State Department'),
        `Hale said the two governments would meet again on ${topic} next month.`,
      ].join('\n\n'),
    },
    {
      title: `Liang and Hale discuss ${topic} in ${place}`,
      source: 'Eastern Herald',
      publishedAt: new Date(at + 40 * 60_000).toISOString(),
      text: [
        `BEIJING — Chinese Foreign Minister Liang Wenhao met US Secretary of State Margaret Hale in ${place} to discuss ${topic}, the Chinese Foreign Ministry said.`,
        said('The Chinese Foreign Ministry'),
        `Liang said the two governments would meet again on ${topic} next month.`,
      ].join('\n\n'),
    },
  ];
}

/** Two commerce ministers meet; one readout is warm, the other hostile, with its own frames. */
function divergingMeeting(at: number): Article[] {
  return [
    {
      title: 'Ortiz and Zhou find common ground on chip supply chains in Lisbon',
      source: 'Capitol Ledger',
      publishedAt: new Date(at).toISOString(),
      text: [
        'WASHINGTON — US Commerce Secretary Daniel Ortiz held talks with Chinese Commerce Minister Zhou Pei in Lisbon on semiconductor supply chains, the Commerce Department said.',
        'Ortiz said the meeting was productive and friendly, and that both sides found welcome common ground on supply chains.',
        'The Commerce Department said Ortiz looked forward to further fruitful cooperation with Zhou.',
      ].join('\n\n'),
    },
    {
      title: 'Zhou warns Ortiz over chip export curbs in Lisbon',
      source: 'Eastern Herald',
      publishedAt: new Date(at + 50 * 60_000).toISOString(),
      text: [
        'BEIJING — Chinese Commerce Minister Zhou Pei told US Commerce Secretary Daniel Ortiz in Lisbon that the semiconductor export curbs were a serious mistake, the Chinese Commerce Ministry said.',
        "Zhou said Washington's sanctions had caused serious difficulties and that such bullying would be met with firm countermeasures.",
        'The Chinese Commerce Ministry said the United States must stop its reckless containment and bear full responsibility for the damage.',
      ].join('\n\n'),
    },
  ];
}

describe('asymmetry alert rules', () => {
  let env: TestEnv;
  let api: INestApplication;
  let worker: INestApplicationContext;
  let db: Client;
  let hook: Server;
  const received: string[] = [];
  const http = () => api.getHttpServer() as Server;
  // articles are dated before now: an evaluation looks at what has happened up to its own time
  const now = Date.now();

  const post = async (articles: Article[]): Promise<string[]> => {
    const res = await request(http())
      .post('/api/articles/batch')
      .set('x-api-key', TEST_API_KEY)
      .send({ articles: articles.map((a) => ({ ...a, monitor: 'us-china' })) })
      .expect(200);
    return (res.body.results as { id: string }[]).map((r) => r.id);
  };
  /** The event of the articles once they share one and its asymmetry is stored. */
  const scoredEvent = (ids: string[]) =>
    waitFor(
      async () => {
        const { rows } = await db.query<{ event_id: string; asymmetry: number | null }>(
          `SELECT ea.event_id, e.asymmetry FROM event_articles ea JOIN events e ON e.id = ea.event_id
           WHERE ea.article_id = ANY($1::uuid[])`,
          [ids],
        );
        const events = new Set(rows.map((r) => r.event_id));
        if (rows.length < ids.length || events.size !== 1 || rows[0].asymmetry === null) return;
        return { id: rows[0].event_id, score: Number(rows[0].asymmetry) };
      },
      90_000,
      'the articles in one event with its asymmetry',
    );
  const judged = (ruleId: string, eventId: string) =>
    waitFor(
      async () => {
        const { rows } = await db.query(
          `SELECT 1 FROM alert_rule_events WHERE rule_id = $1 AND event_id = $2`,
          [ruleId, eventId],
        );
        return rows.length > 0 ? true : undefined;
      },
      60_000,
      'the rule to judge the event',
    );
  const alertsOf = async (ruleId: string) =>
    ((await request(http()).get('/api/alerts').expect(200)).body.items as AlertView[]).filter(
      (a) => a.ruleId === ruleId,
    );
  const rule = (overrides: Record<string, unknown> = {}) => ({
    name: 'Readouts part ways',
    monitor: 'us-china',
    side: 'china',
    metric: 'asymmetry',
    // four baseline events here; the last one ended the day before yesterday at the latest
    detector: { minBaselineEvents: 3, excludeRecentDays: 0 },
    ...overrides,
  });

  const baselineScores: number[] = [];

  beforeAll(async () => {
    env = await createTestEnv({ ALLOW_PRIVATE_TARGETS: 'true', ALERT_DEBOUNCE_MS: '50' });
    db = new Client({ connectionString: env.databaseUrl });
    await db.connect();
    hook = createServer((req, res) => {
      let body = '';
      req.on('data', (c: Buffer) => (body += c.toString('utf8')));
      req.on('end', () => {
        received.push(body);
        res.writeHead(204).end();
      });
    });
    await new Promise<void>((resolve) => hook.listen(0, '127.0.0.1', resolve));
    [api, worker] = await Promise.all([startTestApi(env.config), startTestWorker(env.config)]);
    // Four earlier meetings told alike, four days apart (so never one event): the usual gap.
    const meetings = [
      ['Oslo', 'climate finance'],
      ['Jakarta', 'maritime safety'],
      ['Nairobi', 'public health'],
      ['Lima', 'drug precursors'],
    ];
    const ids = await Promise.all(
      meetings.map(([place, topic], i) =>
        post(matchedMeeting(place, topic, now - (20 - 4 * i) * DAY_MS)),
      ),
    );
    for (const eventIds of ids) baselineScores.push((await scoredEvent(eventIds)).score);
  });

  afterAll(async () => {
    await worker?.close();
    await api?.close();
    await new Promise((resolve) => hook?.close(resolve));
    await db?.end();
    await env?.drop();
  });

  it('refuses settings that do not apply to events, with 400 and the reason', async () => {
    const refused = async (body: Record<string, unknown>, message: RegExp) => {
      const res = await request(http())
        .post('/api/alert-rules')
        .set('x-api-key', TEST_API_KEY)
        .send(body)
        .expect(400);
      expect(JSON.stringify(res.body)).toMatch(message);
    };
    await refused(rule({ sources: ['Xinhua'] }), /sources must be empty for metric asymmetry/);
    await refused(rule({ frame: 'red-line' }), /frame and phrase apply to metric frame-rate/);
    await refused(rule({ silenceAfterSeconds: 3600 }), /silenceAfterSeconds applies/);
    await refused(rule({ side: 'russia' }), /side must be one of us, china/);
    await refused(rule({ detector: { minBaselineEvents: 1 } }), /minBaselineEvents/);
    await refused(rule({ metric: 'asymetry' }), /metric must be one of/);
  });

  it('fires on an event whose sides diverge, not on one told alike, with the event as evidence', async () => {
    expect(baselineScores).toHaveLength(4);
    const created = await request(http())
      .post('/api/alert-rules')
      .set('x-api-key', TEST_API_KEY)
      .send(
        rule({ webhooks: [{ url: `http://127.0.0.1:${(hook.address() as AddressInfo).port}/` }] }),
      )
      .expect(201);
    const ruleId = (created.body as { id: string }).id;
    // the defaults of asymmetry rules
    expect(created.body).toMatchObject({
      direction: 'up',
      detector: { k: 1.5, h: 1.9, zClip: 4, minBaselineEvents: 3 },
    });
    const status = await request(http()).get(`/api/alert-rules/${ruleId}`).expect(200);
    expect(status.body.status).toMatchObject({ armed: true, baseline: { events: 4 } });

    const matched = await scoredEvent(
      await post(matchedMeeting('Accra', 'food security', now - 3 * HOUR_MS)),
    );
    await judged(ruleId, matched.id);
    expect(await alertsOf(ruleId)).toEqual([]);

    const diverging = await scoredEvent(await post(divergingMeeting(now - 2 * HOUR_MS)));
    expect(diverging.id).not.toBe(matched.id);
    expect(diverging.score).toBeGreaterThan(Math.max(...baselineScores, matched.score));
    const [alert] = await waitFor(
      async () => {
        const alerts = await alertsOf(ruleId);
        return alerts.length > 0 ? alerts : undefined;
      },
      60_000,
      'an asymmetry alert',
    );
    expect(alert).toMatchObject({ metric: 'asymmetry', channel: 'up', state: 'firing' });
    expect(alert.events.map((e) => e.eventId)).toEqual([diverging.id]);
    expect(alert.events[0]).toMatchObject({ articles: 2, outlets: 2 });
    expect(alert.events[0].sides.sort()).toEqual(['china', 'us']);
    expect(alert.events[0].score).toBeCloseTo(diverging.score, 5);
    expect(alert.current).toBeCloseTo(diverging.score, 3);
    expect(alert.baseline).toBeLessThan(diverging.score);

    // the same evidence in the alert's own view and in the webhook payload
    const detail = await request(http()).get(`/api/alerts/${alert.id}`).expect(200);
    expect((detail.body as AlertView).events).toEqual(alert.events);
    const payload = await waitFor(
      () => Promise.resolve(received.map((b) => JSON.parse(b) as { alert: AlertView }).at(0)),
      30_000,
      'the webhook',
    );
    expect(payload.alert.events).toEqual(alert.events);
    // the event page it points to shows both accounts
    const page = await request(http()).get(`/api/events/${diverging.id}`).expect(200);
    expect(page.body.asymmetry.score).toBeCloseTo(diverging.score, 5);
  });
});
