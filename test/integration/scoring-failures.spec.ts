import { type Server } from 'node:http';
import { type INestApplication } from '@nestjs/common';
import { Test, type TestingModule } from '@nestjs/testing';
import request from 'supertest';
import { ARTICLE_ANALYZER } from '../../src/scoring/article-analyzer';
import { WorkerModule } from '../../src/worker.module';
import { startTestApi, waitFor } from '../support/test-app';
import { createTestEnv, TEST_API_KEY, type TestEnv } from '../support/test-env';

/** A job whose analysis throws is retried with backoff, then the article ends failed. */
describe('scoring failures', () => {
  let env: TestEnv;
  let api: INestApplication;
  let worker: TestingModule;
  let calls = 0;

  beforeAll(async () => {
    env = await createTestEnv({ JOB_ATTEMPTS: '3', JOB_BACKOFF_MS: '50' });
    api = await startTestApi(env.config);
    // Only here is the analysis replaced: every call throws, as a broken analyzer would.
    worker = await Test.createTestingModule({ imports: [WorkerModule.register(env.config)] })
      .overrideProvider(ARTICLE_ANALYZER)
      .useValue(() => {
        calls++;
        throw new Error('analysis exploded');
      })
      .compile();
    await worker.init();
  });
  afterAll(async () => {
    await worker?.close();
    await api?.close();
    await env?.drop();
  });

  it('retries, then marks the article failed with its error, visible through the API', async () => {
    const server = api.getHttpServer() as Server;
    const posted = await request(server)
      .post('/api/articles')
      .set('x-api-key', TEST_API_KEY)
      .send({ text: 'An article the analyzer cannot handle.' })
      .expect(202);
    const id = posted.body.id as string;

    const failed = await waitFor(async () => {
      const res = await request(server).get(`/api/articles/${id}`).expect(200);
      const body = res.body as { status: string; attempts: number; lastError: string | null };
      return body.status === 'failed' ? body : undefined;
    }, 15_000);
    expect(failed).toMatchObject({ attempts: 3, lastError: 'Error: analysis exploded' });
    expect(calls).toBe(3);
  });
});
