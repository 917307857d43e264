import { readFileSync } from 'node:fs';
import { type Server } from 'node:http';
import { type INestApplication, type INestApplicationContext } from '@nestjs/common';
import { Client } from 'pg';
import request from 'supertest';
import { createTestEnv, TEST_API_KEY, type TestEnv } from '../support/test-env';
import { startTestApi, startTestWorker, waitFor } from '../support/test-app';

jest.setTimeout(120_000);

type Method = 'get' | 'post' | 'put' | 'patch' | 'delete';
interface BadRequest {
  method: Method;
  path: string;
  /** a JSON value to send, or raw bytes (with contentType) */
  body?: unknown;
  raw?: Buffer | string;
  contentType?: string;
  key?: string | null;
  /** reads may legitimately answer 2xx to odd but harmless input (e.g. a search for `' OR 1=1`) */
  mayPass?: boolean;
}

const SAMPLE = readFileSync(`${__dirname}/../../samples/us-china-climate-talks.txt`, 'utf8');
const UNKNOWN_UUID = '6f1c2d3e-4b5a-4c6d-8e7f-9a0b1c2d3e4f';
const SQL = ["' OR '1'='1", '1; DROP TABLE articles; --', "x' UNION SELECT body FROM articles --"];
const SCRIPT = [
  '<script>alert(1)</script>',
  '"><img src=x onerror=alert(1)>',
  'javascript:alert(1)',
];
const BAD_DATES = [
  'yesterday',
  '2021-13-45',
  '0000-00-00T00:00:00Z',
  '2021-02-30',
  '+275760-09-14T00:00:00Z',
  '1e12',
  SQL[0],
];
const BAD_IDS = [
  'not-a-uuid',
  '123',
  UNKNOWN_UUID.slice(0, -1),
  '%00',
  '..%2F..%2Fetc%2Fpasswd',
  encodeURIComponent(SQL[1]),
];
/** ISO 8601 forms that pass an ISO check but that `new Date()` cannot read. */
const UNREADABLE_DATES = ['2024-W01-1', '20240101T000000Z', '2024-01-01T00Z'];
const INVALID_UTF8 = Buffer.concat([
  Buffer.from('{"text":"caf'),
  Buffer.from([0xc3, 0x28, 0xff, 0xfe]),
  Buffer.from('"}'),
]);

function nested(depth: number): string {
  return `${'['.repeat(depth)}${']'.repeat(depth)}`;
}

/** Every route, each with input it must refuse (or, for reads, at least survive). */
function badRequests(ids: { article: string; source: string; rule: string }): BadRequest[] {
  const cases: BadRequest[] = [];
  const add = (c: BadRequest) => cases.push(c);

  // Ingestion: single article.
  for (const body of [
    {},
    { text: '' },
    { text: 42 },
    { text: ['a'] },
    { text: { nested: 'x' } },
    { text: null },
    { text: 'a', html: '<p>a</p>' },
    { html: 7 },
    { text: 'ok', title: 'x'.repeat(5_000) },
    { text: 'ok', url: 'not a url' },
    { text: 'ok', url: SCRIPT[2] },
    { text: 'ok', url: 'ftp://example.org/a' },
    { text: 'ok', publishedAt: 'yesterday' },
    { text: 'ok', publishedAt: '2021-02-30T00:00:00Z' },
    { text: 'ok', publishedAt: SQL[0] },
    ...UNREADABLE_DATES.map((publishedAt) => ({ text: 'ok', publishedAt })),
    { text: 'ok', monitor: `us-china${SQL[1]}` },
    { text: 'ok', monitor: SCRIPT[0] },
    { text: 'ok', monitor: 5 },
    { text: 'ok', source: 'x'.repeat(1_000) },
    { text: 'ok', unknownField: true },
    { text: 5, constructor: { prototype: { polluted: true } } },
    { text: 'x'.repeat(12_000) },
    { text: 'before\u0000after' },
    { text: 'ok', source: 'wire\u0000' },
  ]) {
    add({ method: 'post', path: '/api/articles', body });
  }
  for (const raw of [
    '{"text":"ok","__proto__":{"polluted":true}}',
    '{"text": "abc"',
    '{text: "abc"}',
    '[]',
    'null',
    '"text"',
    '123',
    '{"text":"a",}',
    nested(20_000),
  ]) {
    add({ method: 'post', path: '/api/articles', raw, contentType: 'application/json' });
  }
  add({
    method: 'post',
    path: '/api/articles',
    raw: INVALID_UTF8,
    contentType: 'application/json',
  });
  add({
    method: 'post',
    path: '/api/articles',
    raw: `{"text":${JSON.stringify('y'.repeat(400_000))}}`,
    contentType: 'application/json',
  });
  add({
    method: 'post',
    path: '/api/articles',
    raw: `{"text":"a","x":${'{"x":'.repeat(5_000)}1${'}'.repeat(5_000)}}`,
    contentType: 'application/json',
  });
  for (const contentType of [
    'text/plain',
    'application/x-www-form-urlencoded',
    'multipart/form-data; boundary=x',
    'application/xml',
  ]) {
    add({
      method: 'post',
      path: '/api/articles',
      raw: `text=${SAMPLE.slice(0, 200)}`,
      contentType,
    });
  }
  add({ method: 'post', path: '/api/articles', body: { text: SAMPLE }, key: null });
  add({ method: 'post', path: '/api/articles', body: { text: SAMPLE }, key: 'k'.repeat(10_000) });
  add({
    method: 'post',
    path: '/api/articles',
    body: { text: SAMPLE },
    key: TEST_API_KEY.toUpperCase(),
  });

  // Ingestion: batch.
  for (const body of [
    {},
    { articles: {} },
    { articles: [] },
    { articles: 'many' },
    { articles: [null] },
    { articles: [1, 2] },
    { articles: [[{ text: 'a' }]] },
    { articles: Array.from({ length: 6 }, (_, i) => ({ text: `article ${i}` })) },
    { articles: [{ text: 'ok' }], extra: 1 },
  ]) {
    add({ method: 'post', path: '/api/articles/batch', body });
  }
  add({
    method: 'post',
    path: '/api/articles/batch',
    raw: `{"articles":${nested(10_000)}}`,
    contentType: 'application/json',
  });
  for (const item of [
    {},
    { text: 3 },
    { text: 'a', html: 'b' },
    { text: 'ok', monitor: 'nope' },
    { text: 'ok', publishedAt: 'then' },
    ...UNREADABLE_DATES.map((publishedAt) => ({ text: 'ok', publishedAt })),
  ]) {
    // Each item is refused on its own; the call itself succeeds and stores nothing.
    add({ method: 'post', path: '/api/articles/batch', body: { articles: [item] }, mayPass: true });
  }

  // Ingestion: reads.
  for (const id of BAD_IDS) add({ method: 'get', path: `/api/articles/${id}` });
  add({ method: 'get', path: `/api/articles/${UNKNOWN_UUID}` });
  for (const query of [
    'status=done',
    'status[]=queued',
    'limit=-1',
    'limit=0',
    'limit=abc',
    'limit=1e9',
    'limit=1.5',
    'cursor=%%%',
    'cursor=eyJub3QiOiJjdXJzb3IifQ',
    `cursor=${Buffer.from(JSON.stringify(['-010000-01-01T00:00:00.000Z', UNKNOWN_UUID])).toString('base64url')}`,
    `cursor=${Buffer.from(JSON.stringify(['2024-01-01T00:00:00.000Z', '-'.repeat(36)])).toString('base64url')}`,
    `cursor=${encodeURIComponent(SQL[2])}`,
    'unknown=1',
    ...BAD_DATES.map((d) => `from=${encodeURIComponent(d)}`),
    ...UNREADABLE_DATES.map((d) => `to=${encodeURIComponent(d)}`),
  ]) {
    add({ method: 'get', path: `/api/articles?${query}` });
  }
  // Filters that match nothing: an empty page is a fair answer.
  for (const query of [
    'from=2024-02-01T00:00:00Z&to=2024-01-01T00:00:00Z',
    `monitor=${encodeURIComponent(SQL[0])}`,
    `source=${encodeURIComponent(SQL[1])}`,
    `source=${encodeURIComponent(SCRIPT[0])}`,
    'source=%00',
  ]) {
    add({ method: 'get', path: `/api/articles?${query}`, mayPass: true });
  }

  // Dashboard reads.
  const dashboard = [
    '/api/tone/summary',
    '/api/tone/timeseries',
    '/api/framing',
    '/api/framing/top',
    '/api/sources/breakdown',
    '/api/paragraphs',
    '/api/dashboard/latest-articles',
  ];
  for (const path of dashboard) {
    for (const query of [
      ...BAD_DATES.map((d) => `from=${encodeURIComponent(d)}`),
      'to=not-a-date',
      'from=2024-02-01T00:00:00Z&to=2024-01-01T00:00:00Z',
      'side=moon',
      `side=${encodeURIComponent(SCRIPT[0])}`,
      'monitor=nope',
      'tz=Mars/Olympus_Mons',
      `tz=${encodeURIComponent(SQL[0])}`,
      'limit=-5',
      'monitor[]=us-china',
    ]) {
      add({ method: 'get', path: `${path}?${query}` });
    }
    add({ method: 'get', path: `${path}?source=${encodeURIComponent(SQL[2])}`, mayPass: true });
    add({ method: 'get', path: `${path}?source=%00`, mayPass: true });
    add({ method: 'delete', path });
    add({ method: 'post', path, body: {} });
  }
  for (const query of [
    'bucket=minute',
    'bucket=hour&from=1990-01-01T00:00:00Z&to=2030-01-01T00:00:00Z',
    'bucket[]=day',
  ]) {
    add({ method: 'get', path: `/api/tone/timeseries?${query}` });
  }
  for (const query of [
    'toneMin=abc',
    `q=${'-'.repeat(40)}`,
    `q=${encodeURIComponent('-('.repeat(100))}`,
    'toneMin=2&toneMax=1',
    'toneMax=Infinity',
    'cursor=garbage',
    // Tampered cursors: bigints out of range, a time before 4713 BC.
    `cursor=${Buffer.from('9999999999999999999:1').toString('base64url')}`,
    `cursor=${Buffer.from('0:9999999999999999999').toString('base64url')}`,
    `cursor=${Buffer.from('-9999999999999999999:1').toString('base64url')}`,
    `cursor=${Buffer.from('-210866803200000001:1').toString('base64url')}`,
    `cursor=${Buffer.from('0:0').toString('base64url')}`,
    'format=xml',
    'frame=nonexistent-frame',
  ]) {
    add({ method: 'get', path: `/api/paragraphs?${query}` });
  }
  for (const q of [
    ...SQL,
    ...SCRIPT,
    '"unclosed phrase',
    'a & | ! ( ) : *',
    '\u0000',
    'x'.repeat(5_000),
  ]) {
    add({ method: 'get', path: `/api/paragraphs?q=${encodeURIComponent(q)}`, mayPass: true });
  }
  for (const query of [
    'phrases=',
    `phrases=${'p,'.repeat(500)}`,
    'frames=nope',
    `phrases=${encodeURIComponent(SQL[0])}`,
  ]) {
    add({ method: 'get', path: `/api/framing?${query}`, mayPass: true });
  }

  // Sources.
  const validSource = {
    name: 'Bad input wire',
    kind: 'rss',
    url: 'https://bad-input.example/rss.xml',
    schedule: '15m',
  };
  for (const body of [
    {},
    { ...validSource, kind: 'telegraph' },
    { ...validSource, url: 'javascript:alert(1)' },
    { ...validSource, url: 'file:///etc/passwd' },
    // Private addresses are accepted here and refused at every fetch (sources-api.spec.ts).
    { ...validSource, url: 'http://' },
    { ...validSource, url: 'https://exa mple.org/feed' },
    { ...validSource, url: `https://example.org/${'a'.repeat(3_000)}` },
    { ...validSource, schedule: 'every now and then' },
    { ...validSource, schedule: '0s' },
    { ...validSource, schedule: 12 },
    { ...validSource, name: '' },
    { ...validSource, name: SCRIPT[0].repeat(100) },
    { ...validSource, monitor: 'nope' },
    { ...validSource, enabled: 'yes' },
    { ...validSource, tags: 'a,b' },
    { ...validSource, tags: Array.from({ length: 50 }, (_, i) => `t${i}`) },
    { ...validSource, tags: [{ tag: 1 }] },
    { ...validSource, id: UNKNOWN_UUID },
  ]) {
    add({ method: 'post', path: '/api/sources', body });
  }
  for (const id of BAD_IDS) {
    add({ method: 'get', path: `/api/sources/${id}` });
    add({ method: 'patch', path: `/api/sources/${id}`, body: { name: 'x' } });
    add({ method: 'delete', path: `/api/sources/${id}` });
    add({ method: 'post', path: `/api/sources/${id}/poll`, body: {} });
    add({ method: 'get', path: `/api/sources/${id}/runs` });
  }
  for (const body of [
    { kind: 'telegraph' },
    { url: 'gopher://example.org/' },
    { schedule: '' },
    { enabled: 1 },
    { name: null },
    { unknown: 1 },
  ]) {
    add({ method: 'patch', path: `/api/sources/${ids.source}`, body });
  }
  add({
    method: 'patch',
    path: `/api/sources/${ids.source}`,
    body: { name: 'renamed' },
    key: null,
  });
  add({ method: 'delete', path: `/api/sources/${ids.source}`, key: 'read-only-guess-0123456789' });
  add({ method: 'get', path: `/api/sources/${ids.source}/runs?limit=-1` });
  add({ method: 'get', path: `/api/sources/${ids.source}/runs?limit=ten` });
  add({ method: 'put', path: `/api/sources/${ids.source}`, body: validSource });

  // Alert rules and alerts.
  const validRule = { name: 'Bad input rule', side: 'china', metric: 'tone', direction: 'down' };
  for (const body of [
    {},
    { ...validRule, side: 'moon' },
    { ...validRule, metric: 'vibes' },
    { ...validRule, direction: 'sideways' },
    { ...validRule, monitor: 'nope' },
    { ...validRule, metric: 'frame-rate' },
    { ...validRule, detector: { h: -1 } },
    { ...validRule, detector: { h: 'high' } },
    { ...validRule, detector: { h: 1e309 } },
    { ...validRule, detector: { unknown: 1 } },
    { ...validRule, webhooks: [{ url: 'http://127.0.0.1:9/hook' }] },
    { ...validRule, webhooks: [{ url: SCRIPT[2] }] },
    { ...validRule, webhooks: 'https://hooks.example.org' },
    { ...validRule, name: 7 },
    { ...validRule, name: 'x'.repeat(5_000) },
    { ...validRule, enabled: 'true' },
  ]) {
    add({ method: 'post', path: '/api/alert-rules', body });
    add({ method: 'put', path: `/api/alert-rules/${ids.rule}`, body });
  }
  for (const id of BAD_IDS) {
    add({ method: 'get', path: `/api/alert-rules/${id}` });
    add({ method: 'delete', path: `/api/alert-rules/${id}` });
    add({ method: 'get', path: `/api/alerts/${id}` });
  }
  add({ method: 'put', path: `/api/alert-rules/${UNKNOWN_UUID}`, body: validRule });
  add({ method: 'patch', path: `/api/alert-rules/${ids.rule}`, body: { name: 'x' } });
  for (const query of [
    'state=burning',
    'limit=-1',
    'cursor=bogus',
    `cursor=${Buffer.from(`2024-01-01T00:00:00.000Z|${'-'.repeat(36)}`).toString('base64url')}`,
    `cursor=${Buffer.from(`-010000-01-01T00:00:00.000Z|${UNKNOWN_UUID}`).toString('base64url')}`,
    'ruleId=not-a-uuid',
    'from=yesterday',
  ]) {
    add({ method: 'get', path: `/api/alerts?${query}` });
  }
  add({ method: 'get', path: '/api/alerts?side=moon', mayPass: true });
  add({ method: 'post', path: '/api/alerts/stream', body: {} });

  // Re-analysis.
  for (const body of [
    { monitor: 'nope' },
    { limit: -1 },
    { limit: 'all' },
    { limit: 1e12 },
    { olderThanVersion: 'yes' },
    { monitor: SQL[1] },
    { unknown: true },
  ]) {
    add({ method: 'post', path: '/api/admin/reanalyze', body });
  }
  add({ method: 'post', path: '/api/admin/reanalyze', body: {}, key: null });
  add({ method: 'get', path: '/api/admin/reanalyze' });

  // Operations, admin and static files.
  add({ method: 'post', path: '/health/live', body: {} });
  add({ method: 'delete', path: '/health/ready' });
  add({ method: 'post', path: '/metrics', body: {} });
  add({ method: 'get', path: '/admin/queues', key: null });
  add({
    method: 'put',
    path: '/admin/queues/api/queues/scoring/clean/completed',
    body: {},
    key: null,
  });
  add({
    method: 'put',
    path: '/admin/queues/api/queues/scoring/pause',
    body: {},
    key: 'wrong-key-0123456789abc',
  });
  for (const path of [
    '/vendor/../../package.json',
    '/..%2f..%2fpackage.json',
    '/%2e%2e/%2e%2e/etc/passwd',
    '/vendor/%00',
    '/docs/../.env',
    '/index.html%00.js',
  ]) {
    add({ method: 'get', path, mayPass: true });
  }
  add({ method: 'get', path: `/api/${'deep/'.repeat(500)}` });
  add({ method: 'get', path: `/api/articles?${'a=1&'.repeat(2_000)}` });
  return cases;
}

async function checksum(db: Client): Promise<Record<string, string>> {
  const { rows: tables } = await db.query<{ name: string }>(
    `SELECT quote_ident(table_name) AS name FROM information_schema.tables
      WHERE table_schema = 'public' AND table_type = 'BASE TABLE' ORDER BY 1`,
  );
  const sums: Record<string, string> = {};
  for (const { name } of tables) {
    const { rows } = await db.query<{ sum: string | null; n: string }>(
      `SELECT md5(string_agg(t::text, '|' ORDER BY t::text)) AS sum, count(*) AS n FROM ${name} t`,
    );
    sums[name] = `${rows[0].n}:${rows[0].sum ?? '-'}`;
  }
  return sums;
}

describe('bad input across every route', () => {
  let env: TestEnv;
  let api: INestApplication;
  let db: Client;
  const server = () => api.getHttpServer() as Server;
  const ids = { article: '', source: '', rule: '' };

  beforeAll(async () => {
    env = await createTestEnv({
      MAX_ARTICLE_BYTES: '10000',
      MAX_BATCH_SIZE: '5',
      RATE_LIMIT_PER_ADDRESS: '0',
      RATE_LIMIT_PER_KEY: '0',
    });
    api = await startTestApi(env.config);
    db = new Client({ connectionString: env.databaseUrl });
    await db.connect();

    // Something stored to protect: a scored article, a source and an alert rule.
    const worker: INestApplicationContext = await startTestWorker(env.config);
    try {
      const posted = await request(server())
        .post('/api/articles')
        .set('x-api-key', TEST_API_KEY)
        .send({ text: SAMPLE.slice(0, 9_000), source: 'Seed Wire' })
        .expect(202);
      ids.article = posted.body.id as string;
      await waitFor(async () => {
        const res = await request(server()).get(`/api/articles/${ids.article}`);
        return res.body.status === 'scored' ? true : undefined;
      });
    } finally {
      await worker.close();
    }
    const source = await request(server())
      .post('/api/sources')
      .set('x-api-key', TEST_API_KEY)
      .send({ name: 'Seed feed', kind: 'rss', url: 'https://seed.example/rss.xml', schedule: '1h' })
      .expect(201);
    ids.source = source.body.id as string;
    const rule = await request(server())
      .post('/api/alert-rules')
      .set('x-api-key', TEST_API_KEY)
      .send({ name: 'Seed rule', side: 'china', metric: 'tone', direction: 'down' })
      .expect(201);
    ids.rule = rule.body.id as string;
  });
  afterAll(async () => {
    await db?.end();
    await api?.close();
    await env?.drop();
  });

  it('answers at least 200 malformed requests without a 5xx and changes nothing stored', async () => {
    const cases = badRequests(ids);
    expect(cases.length).toBeGreaterThanOrEqual(200);
    const before = await checksum(db);

    const failures: string[] = [];
    const statuses = new Map<number, number>();
    for (const c of cases) {
      let req = request(server())[c.method](c.path).timeout(10_000);
      const key = c.key === undefined ? TEST_API_KEY : c.key;
      if (key !== null) req = req.set('x-api-key', key);
      if (c.raw !== undefined) {
        // Sent byte for byte: superagent would otherwise serialise a Buffer as JSON.
        req = req
          .set('content-type', c.contentType ?? 'application/json')
          .serialize((raw: unknown) => raw as string)
          .send(c.raw as string);
      } else if (c.body !== undefined) req = req.send(c.body as object);
      const res = await req;
      statuses.set(res.status, (statuses.get(res.status) ?? 0) + 1);
      const sent = c.raw !== undefined ? String(c.raw) : JSON.stringify(c.body ?? '');
      const label = `${c.method.toUpperCase()} ${c.path.slice(0, 120)} ${sent.slice(0, 100)} → ${res.status}`;
      if (res.status >= 500) failures.push(`${label} ${JSON.stringify(res.body).slice(0, 300)}`);
      else if (!c.mayPass && res.status < 400) failures.push(`${label} (expected a refusal)`);
      else if (
        res.status >= 400 &&
        res.headers['content-type']?.startsWith('application/json') &&
        !res.body.message
      ) {
        failures.push(`${label} without a message`);
      }
    }
    process.stdout.write(
      `\nbad input: ${cases.length} requests, by status ${JSON.stringify(Object.fromEntries([...statuses].sort()))}\n`,
    );
    expect(failures).toEqual([]);

    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
    expect(await checksum(db)).toEqual(before);
    await request(server()).get('/health/ready').expect(200);
    await request(server()).get(`/api/articles/${ids.article}`).expect(200);
  });

  it.each(UNREADABLE_DATES)('refuses publishedAt %s with a 400 naming the field', async (date) => {
    const res = await request(server())
      .post('/api/articles')
      .set('x-api-key', TEST_API_KEY)
      .send({ text: 'An unreadable date.', publishedAt: date })
      .expect(400);
    expect(JSON.stringify(res.body.message)).toMatch(/publishedAt/);
  });

  it('stores the other items of a batch when one has an unreadable publishedAt', async () => {
    const res = await request(server())
      .post('/api/articles/batch')
      .set('x-api-key', TEST_API_KEY)
      .send({
        articles: [
          { text: 'First batch item with a readable date.', publishedAt: '2024-01-01T00:00:00Z' },
          { text: 'Second batch item with a week date.', publishedAt: '2024-W01-1' },
          { text: 'Third batch item without a date.' },
        ],
      });
    expect(res.status).toBeLessThan(300);
    const results = res.body.results as { index: number; id?: string; error?: string }[];
    expect(results.map((r) => r.index)).toEqual([0, 1, 2]);
    expect(results[0].id).toEqual(expect.any(String));
    expect(results[2].id).toEqual(expect.any(String));
    expect(results[1].id).toBeUndefined();
    expect(results[1].error).toMatch(/^articles\[1\]: publishedAt must be a date/);
    for (const r of [results[0], results[2]]) {
      await request(server()).get(`/api/articles/${r.id}`).expect(200);
    }
  });
});
