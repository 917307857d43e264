import { type Server } from 'node:http';
import { type INestApplication } from '@nestjs/common';
import request from 'supertest';
import { createTestEnv, TEST_API_KEY, type TestEnv } from '../support/test-env';
import { startTestApi } from '../support/test-app';

describe('operations endpoints', () => {
  let env: TestEnv;
  let app: INestApplication;
  const http = () => request(app.getHttpServer() as Server);

  beforeAll(async () => {
    env = await createTestEnv({ CORS_ORIGINS: 'https://analyst.example.org' });
    app = await startTestApi(env.config);
  });
  afterAll(async () => {
    await app?.close();
    await env?.drop();
  });

  it('answers liveness without a key and without touching dependencies', async () => {
    const res = await http().get('/health/live').expect(200);
    expect(res.body).toMatchObject({ status: 'ok' });
  });

  it('reports Postgres, Redis and the scoring queue as up when ready', async () => {
    const res = await http().get('/health/ready').expect(200);
    expect(res.body.status).toBe('ok');
    const info = res.body.info as Record<string, { status: string }>;
    expect(Object.keys(info).sort()).toEqual(['postgres', 'redis', 'scoringQueue']);
    for (const check of Object.values(info)) expect(check.status).toBe('up');
  });

  it('serves Prometheus metrics with HTTP latency by route template and queue depth', async () => {
    await http().get('/api/articles/00000000-0000-4000-8000-000000000000');
    const res = await http().get('/metrics').expect(200);
    expect(res.headers['content-type']).toMatch(/^text\/plain/);
    expect(res.text).toMatch(
      /tonewatch_http_request_duration_seconds_count\{method="GET",route="\/api\/articles\/:id",status="404"\} 1/,
    );
    expect(res.text).toMatch(/tonewatch_queue_jobs\{queue="scoring",state="waiting"\} 0/);
    expect(res.text).not.toContain('00000000-0000-4000-8000-000000000000');
  });

  it('echoes a sane x-request-id and replaces an unsafe one', async () => {
    const kept = await http().get('/health/live').set('x-request-id', 'trace-42.a:b');
    expect(kept.headers['x-request-id']).toBe('trace-42.a:b');
    const replaced = await http().get('/health/live').set('x-request-id', 'bad id\twith "quotes"');
    expect(replaced.headers['x-request-id']).toMatch(/^[0-9a-f-]{36}$/);
  });

  it('sends security headers with a CSP that keeps scripts on this origin', async () => {
    const res = await http().get('/health/live');
    const csp = res.headers['content-security-policy'];
    expect(csp).toContain("script-src 'self'");
    expect(csp).toContain("default-src 'self'");
    expect(csp).not.toContain('upgrade-insecure-requests');
    expect(res.headers['x-content-type-options']).toBe('nosniff');
    expect(res.headers['x-frame-options']).toBe('SAMEORIGIN');
    expect(res.headers['x-powered-by']).toBeUndefined();
  });

  it('allows only the configured CORS origins', async () => {
    const allowed = await http()
      .options('/api/articles')
      .set('Origin', 'https://analyst.example.org')
      .set('Access-Control-Request-Method', 'POST');
    expect(allowed.headers['access-control-allow-origin']).toBe('https://analyst.example.org');
    expect(allowed.headers['access-control-allow-headers']).toContain('x-api-key');
    const refused = await http()
      .options('/api/articles')
      .set('Origin', 'https://elsewhere.example.com')
      .set('Access-Control-Request-Method', 'POST');
    expect(refused.headers['access-control-allow-origin']).toBeUndefined();
  });

  it('accepts a batch-sized body only on the batch route', async () => {
    const article = (n: number) => ({ text: `Paragraph ${n}. ${'word '.repeat(140_000)}` });
    const tooLarge = await http()
      .post('/api/alert-rules')
      .set('x-api-key', TEST_API_KEY)
      .send({ name: 'x', notes: [article(0), article(1)] })
      .expect(413);
    expect(tooLarge.body.message).toMatch(/request body is larger than the limit of \d+ bytes/);
    const batch = await http()
      .post('/api/articles/batch')
      .set('x-api-key', TEST_API_KEY)
      .send({ articles: [article(1), article(2)] })
      .expect(200);
    expect(batch.body.results).toHaveLength(2);
  });

  it('keeps the queue board behind the write key (header or Basic auth)', async () => {
    const anonymous = await http().get('/admin/queues').expect(401);
    expect(anonymous.headers['www-authenticate']).toMatch(/^Basic realm=/);
    await http().get('/admin/queues').set('x-api-key', 'not-the-key-0123456789').expect(401);
    const page = await http().get('/admin/queues').set('x-api-key', TEST_API_KEY).expect(200);
    expect(page.text).toContain('Tonewatch queues');
    const basic = Buffer.from(`ops:${TEST_API_KEY}`).toString('base64');
    const api = await http()
      .get('/admin/queues/api/queues')
      .set('Authorization', `Basic ${basic}`)
      .expect(200);
    const queues = api.body.queues as { name: string }[];
    expect(queues.map((q) => q.name)).toContain('scoring');
  });
});
