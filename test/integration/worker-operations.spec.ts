import { withSettings } from '../../src/config/config';
import { readFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import { type AddressInfo } from 'node:net';
import { getQueueToken } from '@nestjs/bullmq';
import { type INestApplication, type INestApplicationContext } from '@nestjs/common';
import { type Queue } from 'bullmq';
import request from 'supertest';
import { JsonLogger, loggerSettings } from '../../src/logging/json-logger';
import { QUEUES } from '../../src/queue/queue-names';
import { ScoringProcessor } from '../../src/scoring/scoring.processor';
import { createTestEnv, TEST_API_KEY, type TestEnv } from '../support/test-env';
import { startTestApi, startTestWorker, waitFor } from '../support/test-app';

const SAMPLE = readFileSync(`${__dirname}/../../samples/us-china-climate-talks.txt`, 'utf8');

async function freePort(): Promise<number> {
  const probe = createServer();
  await new Promise<void>((resolve) => probe.listen(0, '127.0.0.1', resolve));
  const { port } = probe.address() as AddressInfo;
  await new Promise((resolve) => probe.close(resolve));
  return port;
}

/** The worker side of operations: timings from config, its metrics port, request ids in its logs. */
describe('worker operations', () => {
  let env: TestEnv;
  let api: INestApplication;
  let worker: INestApplicationContext;
  let metricsPort: number;
  const lines: string[] = [];
  let capture: JsonLogger;

  beforeAll(async () => {
    metricsPort = await freePort();
    env = await createTestEnv({
      METRICS_PORT: String(metricsPort),
      HOST: '127.0.0.1',
      WORKER_LOCK_MS: '4000',
      STALLED_INTERVAL_MS: '3000',
      REQUEUE_INTERVAL_MS: '500',
      REQUEUE_AFTER_MS: '0',
    });
    api = await startTestApi(env.config);
    worker = await startTestWorker(env.config);
    capture = new JsonLogger(
      { ...loggerSettings(env.config), logLevel: 'info' },
      { write: (l) => lines.push(l) },
    );
    worker.useLogger(capture);
  });
  afterAll(async () => {
    await worker?.close();
    await api?.close();
    await env?.drop();
  });

  it('gives the scoring worker the configured lock duration and stall interval', () => {
    const { opts } = worker.get(ScoringProcessor).worker;
    expect(opts.lockDuration).toBe(4000);
    expect(opts.stalledInterval).toBe(3000);
  });

  /** The worker's "article scored" log line for this article, once it is written. */
  const scoredLogLine = (id: string) =>
    waitFor(
      () =>
        Promise.resolve(
          lines
            .map((line) => JSON.parse(line) as Record<string, unknown>)
            .find((entry) => entry.msg === 'article scored' && entry.articleId === id),
        ),
      20_000,
      'the scored log line',
    );

  it('logs the job under the request id of the POST that submitted the article', async () => {
    const posted = await request(api.getHttpServer() as Server)
      .post('/api/articles')
      .set('x-api-key', TEST_API_KEY)
      .set('x-request-id', 'trace-worker-ops-1')
      .send({ text: SAMPLE, source: 'Sample Wire' })
      .expect(202);
    const id = posted.body.id as string;
    const scored = await scoredLogLine(id);
    expect(scored.requestId).toBe('trace-worker-ops-1');
    expect(scored.paragraphs).toBeGreaterThan(0);
  });

  it('keeps the request id when the requeue sweep enqueues an article again', async () => {
    const offline = await startTestApi(
      withSettings(env.config, { queue: { redisUrl: 'redis://127.0.0.1:1' } }),
    );
    // Nest's logger is process-wide: the new app took it over, so capture the worker's again.
    worker.useLogger(capture);
    try {
      const posted = await request(offline.getHttpServer() as Server)
        .post('/api/articles')
        .set('x-api-key', TEST_API_KEY)
        .set('x-request-id', 'trace-worker-ops-sweep')
        .send({ text: 'Accepted while Redis was away.\n\nThe ministry said nothing.' })
        .expect(202);
      const id = posted.body.id as string;
      const scored = await scoredLogLine(id);
      expect(scored.requestId).toBe('trace-worker-ops-sweep');
    } finally {
      await offline.close();
    }
  });

  it('serves job durations and paragraphs analysed on METRICS_PORT', async () => {
    const res = await fetch(`http://127.0.0.1:${metricsPort}/metrics`);
    expect(res.status).toBe(200);
    const text = await res.text();
    expect(text).toMatch(
      /tonewatch_job_duration_seconds_count\{queue="scoring",outcome="completed"\} [1-9]/,
    );
    expect(text).toMatch(/tonewatch_paragraphs_analysed_total\{monitor="us-china"\} [1-9]/);
    expect(text).toContain('tonewatch_analysis_failures_total');
    expect((await fetch(`http://127.0.0.1:${metricsPort}/other`)).status).toBe(404);
  });

  it('shows the processed job in the API queue depth', async () => {
    const queue = api.get<Queue>(getQueueToken(QUEUES.scoring), { strict: false });
    const counts = await queue.getJobCounts('completed');
    const res = await request(api.getHttpServer() as Server)
      .get('/metrics')
      .expect(200);
    expect(res.text).toContain(
      `tonewatch_queue_jobs{queue="scoring",state="completed"} ${counts.completed}`,
    );
  });
});
