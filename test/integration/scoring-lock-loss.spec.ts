import { type Server } from 'node:http';
import { Test } from '@nestjs/testing';
import { Queue } from 'bullmq';
import { Redis } from 'ioredis';
import { Client } from 'pg';
import request from 'supertest';
import { analyzeArticle, type AnalyzeOptions, type ArticleAnalysis } from '../../src/analysis';
import { QUEUES } from '../../src/queue/queue-names';
import { redisOptionsFromUrl } from '../../src/queue/redis-options';
import { ARTICLE_ANALYZER } from '../../src/scoring/article-analyzer';
import { scoringJobId } from '../../src/scoring/scoring.job';
import { ScoringProcessor } from '../../src/scoring/scoring.processor';
import { WorkerModule } from '../../src/worker.module';
import { startTestApi, waitFor } from '../support/test-app';
import { createTestEnv, TEST_API_KEY } from '../support/test-env';

const ARTICLE = [
  'The foreign ministry said on Friday that the talks on fishing rights had made progress.',
  '"We are closer than we were a month ago," the minister said after the second round.',
  'Officials from the other delegation said the question of quotas was still open.',
  'Both sides said a third round would take place in the spring.',
].join('\n\n');

/** An analysis hook the test can hold on its first call, while it takes the job's lock away. */
class HeldAnalyzer {
  calls = 0;
  private release?: () => void;
  private entered?: () => void;
  readonly enteredFirst = new Promise<void>((resolve) => (this.entered = resolve));
  /** what the held (first) call returns: a stale result a late store must not write */
  heldResult?: (options: AnalyzeOptions) => ArticleAnalysis;

  readonly analyze = async (text: string, options: AnalyzeOptions): Promise<ArticleAnalysis> => {
    this.calls++;
    if (this.calls === 1) {
      this.entered?.();
      await new Promise<void>((resolve) => (this.release = resolve));
      return this.heldResult?.(options) ?? analyzeArticle(text, options);
    }
    return analyzeArticle(text, options);
  };

  releaseFirst(): void {
    this.release?.();
  }
}

interface ArticleRow {
  status: string;
  attempts: number;
  last_error: string | null;
  scored_at: Date | null;
  paragraphs: string;
  distinct_paragraphs: string;
  texts: string[] | null;
}

/**
 * A scoring job whose worker loses its lock mid-analysis (the test deletes the lock, as a
 * frozen event loop or a Redis failover would let it expire) must leave the article scored with
 * all its paragraphs, or waiting with none: never `failed` with a stored analysis.
 */
describe('scoring after a lost job lock', () => {
  async function setUp(concurrency: number) {
    const env = await createTestEnv({
      WORKER_LOCK_MS: '1000',
      STALLED_INTERVAL_MS: '1000',
      WORKER_CONCURRENCY: String(concurrency),
      JOB_ATTEMPTS: '3',
      JOB_BACKOFF_MS: '50',
    });
    const api = await startTestApi(env.config);
    const held = new HeldAnalyzer();
    const worker = await Test.createTestingModule({ imports: [WorkerModule.register(env.config)] })
      .overrideProvider(ARTICLE_ANALYZER)
      .useValue(held.analyze)
      .compile();
    await worker.init();
    const errors: string[] = [];
    worker.get(ScoringProcessor).worker.on('error', (error: Error) => errors.push(error.message));
    const redis = new Redis(env.config.queue.redisUrl);
    const queue = new Queue(QUEUES.scoring, {
      connection: redisOptionsFromUrl(env.config.queue.redisUrl),
      prefix: env.config.queue.redisPrefix,
    });
    const db = new Client({ connectionString: env.databaseUrl });
    await db.connect();
    return { env, api, held, worker, errors, redis, queue, db };
  }
  type Setup = Awaited<ReturnType<typeof setUp>>;

  async function tearDown(s: Setup | undefined): Promise<void> {
    if (!s) return;
    s.held.releaseFirst();
    await s.worker.close();
    await s.api.close();
    await s.queue.close();
    s.redis.disconnect();
    await s.db.end();
    await s.env.drop();
  }

  async function submit(s: Setup): Promise<{ id: string; jobId: string; jobKey: string }> {
    const res = await request(s.api.getHttpServer() as Server)
      .post('/api/articles')
      .set('x-api-key', TEST_API_KEY)
      .send({ text: ARTICLE })
      .expect(202);
    const id = res.body.id as string;
    const jobId = scoringJobId(id, 0);
    return { id, jobId, jobKey: `${s.env.config.queue.redisPrefix}:${QUEUES.scoring}:${jobId}` };
  }

  async function article(s: Setup, id: string): Promise<ArticleRow> {
    const { rows } = await s.db.query<ArticleRow>(
      `SELECT status, attempts, last_error, scored_at,
              (SELECT count(*) FROM paragraphs p WHERE p.article_id = a.id) AS paragraphs,
              (SELECT count(DISTINCT idx) FROM paragraphs p WHERE p.article_id = a.id)
                AS distinct_paragraphs,
              (SELECT array_agg(text ORDER BY idx) FROM paragraphs p WHERE p.article_id = a.id)
                AS texts
         FROM articles a WHERE id = $1`,
      [id],
    );
    return rows[0];
  }

  const expected = analyzeArticle(ARTICLE, { monitor: 'us-china' });

  describe('stored by the worker that lost it, then failed for stalling', () => {
    let s: Setup | undefined;
    afterAll(() => tearDown(s));

    it('stays scored with all its paragraphs (before: failed with paragraphs stored)', async () => {
      s = await setUp(1);
      const setup = s;
      const { id, jobId, jobKey } = await submit(setup);
      await setup.held.enteredFirst;

      // The job has stalled once before: the next stall fails it (BullMQ's maxStalledCount 1).
      await setup.redis.hset(jobKey, 'stc', '1');
      await setup.redis.del(`${jobKey}:lock`);
      await waitFor(
        async () => ((await setup.queue.getJobState(jobId)) === 'waiting' ? true : undefined),
        10_000,
        'the stall check to move the job back to wait',
      );

      // The worker finishes and stores; its completion is refused, and the job it picks up next
      // is this one, failed at once as "job stalled more than allowable limit".
      setup.held.releaseFirst();
      await waitFor(
        async () => ((await setup.queue.getJobState(jobId)) === 'failed' ? true : undefined),
        10_000,
        'the job to fail for stalling',
      );
      const job = await setup.queue.getJob(jobId);
      expect(job?.failedReason).toBe('job stalled more than allowable limit');
      await new Promise((resolve) => setTimeout(resolve, 300)); // the failed-event handler

      const row = await article(setup, id);
      expect(row).toMatchObject({ status: 'scored', last_error: null, attempts: 1 });
      expect(row.scored_at).not.toBeNull();
      expect(Number(row.paragraphs)).toBe(expected.paragraphs.length);
      expect(Number(row.distinct_paragraphs)).toBe(expected.paragraphs.length);
      expect(setup.held.calls).toBe(1);
      expect(setup.errors.join('\n')).toMatch(/Missing lock for job|could not renew lock/);
    });
  });

  describe('taken over by another delivery while the first still analyses', () => {
    let s: Setup | undefined;
    afterAll(() => tearDown(s));

    it('keeps the takeover’s analysis; the late store of the first writes nothing', async () => {
      s = await setUp(2);
      const setup = s;
      // The held first delivery returns a stale analysis (the first paragraph only).
      const stale = ARTICLE.split('\n\n')[0];
      setup.held.heldResult = (options) => analyzeArticle(stale, options);
      const { id, jobId, jobKey } = await submit(setup);
      await setup.held.enteredFirst;

      await setup.redis.del(`${jobKey}:lock`);
      const takenOver = await waitFor(
        async () => {
          const row = await article(setup, id);
          return row.status === 'scored' && setup.held.calls === 2 ? row : undefined;
        },
        10_000,
        'the second delivery to store',
      );
      expect(takenOver.attempts).toBe(2);
      expect(await setup.queue.getJobState(jobId)).toBe('completed');

      setup.held.releaseFirst();
      await waitFor(
        () =>
          Promise.resolve(setup.errors.some((m) => /Missing lock for job/.test(m)) || undefined),
        10_000,
        'the first delivery to finish and have its completion refused',
      );
      const row = await article(setup, id);
      expect(row).toMatchObject({ status: 'scored', last_error: null, attempts: 2 });
      expect(row.texts).toEqual(expected.paragraphs.map((p) => p.text));
      expect(Number(row.distinct_paragraphs)).toBe(Number(row.paragraphs));
    });
  });
});
