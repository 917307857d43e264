import { type Server } from 'node:http';
import { type INestApplication } from '@nestjs/common';
import request from 'supertest';
import { startTestApi } from '../support/test-app';
import { createTestEnv, TEST_API_KEY, type TestEnv } from '../support/test-env';

/** The queue board is served from this origin only: no fonts or scripts from elsewhere. */
describe('queue board', () => {
  let env: TestEnv;
  let app: INestApplication;
  beforeAll(async () => {
    env = await createTestEnv();
    app = await startTestApi(env.config);
  });
  afterAll(async () => {
    await app?.close();
    await env?.drop();
  });

  it('makes no outside request: every link and script on its page is relative', async () => {
    const page = await request(app.getHttpServer() as Server)
      .get('/admin/queues')
      .set('x-api-key', TEST_API_KEY)
      .expect(200);
    expect(page.text).toContain('Tonewatch queues');
    expect(page.text).not.toMatch(/https?:\/\//);
    const assets = [...page.text.matchAll(/(?:href|src)="([^"]+)"/g)].map((m) => m[1]);
    expect(assets.length).toBeGreaterThan(3);
    for (const asset of assets) expect(asset).not.toMatch(/^(https?:)?\/\//);
    // The stylesheet it keeps is served from here.
    const css = assets.find((a) => a.endsWith('.css'));
    await request(app.getHttpServer() as Server)
      .get(`/admin/queues/${css}`)
      .set('x-api-key', TEST_API_KEY)
      .expect(200);
  });
});
