import { type Server } from 'node:http';
import { type INestApplication } from '@nestjs/common';
import request from 'supertest';
import { createTestEnv, TEST_API_KEY, type TestEnv } from '../support/test-env';
import { startTestApi } from '../support/test-app';

/** Two API instances on one Redis prefix, as behind a load balancer. */
describe('rate limits', () => {
  let env: TestEnv;
  let first: INestApplication;
  let second: INestApplication;

  beforeAll(async () => {
    env = await createTestEnv({
      RATE_LIMIT_PER_ADDRESS: '6',
      RATE_LIMIT_PER_KEY: '4',
      RATE_LIMIT_WINDOW_MS: '30000',
    });
    [first, second] = await Promise.all([startTestApi(env.config), startTestApi(env.config)]);
  });
  afterAll(async () => {
    await Promise.all([first?.close(), second?.close()]);
    await env?.drop();
  });

  it('counts one client address across instances and answers 429 with Retry-After', async () => {
    const statuses: number[] = [];
    for (let i = 0; i < 7; i++) {
      const app = i % 2 === 0 ? first : second;
      statuses.push(
        (await request(app.getHttpServer() as Server).get('/api/articles?limit=1')).status,
      );
    }
    expect(statuses.slice(0, 6).every((status) => status !== 429)).toBe(true);
    expect(statuses[6]).toBe(429);
    const refused = await request(second.getHttpServer() as Server)
      .get('/api/articles?limit=1')
      .expect(429);
    const retryAfter = Number(refused.headers['retry-after']);
    expect(retryAfter).toBeGreaterThanOrEqual(1);
    expect(retryAfter).toBeLessThanOrEqual(30);
    expect(refused.body.message).toMatch(/rate limit of 6 requests per 30 s exceeded/);
  });

  it('never throttles health probes or metrics scrapes', async () => {
    await request(first.getHttpServer() as Server)
      .get('/health/live')
      .expect(200);
    await request(first.getHttpServer() as Server)
      .get('/health/ready')
      .expect(200);
    await request(first.getHttpServer() as Server)
      .get('/metrics')
      .expect(200);
  });

  it('gives each API key its own budget, whichever address it comes from', async () => {
    // A second pair of instances whose address budget is off, so only the key budget applies.
    const keyed = await createTestEnv({
      RATE_LIMIT_PER_ADDRESS: '0',
      RATE_LIMIT_PER_KEY: '3',
      RATE_LIMIT_WINDOW_MS: '30000',
    });
    const apps = await Promise.all([startTestApi(keyed.config), startTestApi(keyed.config)]);
    try {
      const statuses: number[] = [];
      for (let i = 0; i < 4; i++) {
        const res = await request(apps[i % 2].getHttpServer() as Server)
          .get('/api/articles?limit=1')
          .set('x-api-key', TEST_API_KEY);
        statuses.push(res.status);
      }
      expect(statuses.slice(0, 3)).toEqual([200, 200, 200]);
      expect(statuses[3]).toBe(429);
      // Without a key the same address is not limited (its budget is disabled here).
      await request(apps[0].getHttpServer() as Server)
        .get('/api/articles?limit=1')
        .expect(200);
    } finally {
      await Promise.all(apps.map((app) => app.close()));
      await keyed.drop();
    }
  });
});
