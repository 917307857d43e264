import { type Server } from 'node:http';
import { type INestApplication } from '@nestjs/common';
import { Test, type TestingModule } from '@nestjs/testing';
import { Client } from 'pg';
import request from 'supertest';
import { analyzeArticle, type AnalyzeOptions } from '../../src/analysis';
import { ARTICLE_ANALYZER } from '../../src/scoring/article-analyzer';
import { ScoringService } from '../../src/scoring/scoring.service';
import { WorkerModule } from '../../src/worker.module';
import { startTestApi, waitFor } from '../support/test-app';
import { createTestEnv, TEST_API_KEY, type TestEnv } from '../support/test-env';

/** The marker that makes the replaced analyzer throw, as a broken analysis of one text would. */
const BROKEN = 'UNANALYSABLE';

const article = (n: number, extra = ''): string =>
  `BEIJING (Chunk ${n}) - China's foreign ministry said the talks were candid and constructive.${extra}\n\n` +
  `A State Department spokesperson said Washington was seriously concerned about the curbs.\n\n` +
  `Both sides agreed to meet again in the spring, officials said.`;

interface Row {
  id: string;
  status: string;
  attempts: number;
  last_error: string | null;
  scoring_job: string | null;
  paragraphs: number;
  distinct_paragraphs: number;
}

/** Articles that arrive together are scored together, and one that fails does so alone. */
describe('scoring in chunks', () => {
  let env: TestEnv;
  let api: INestApplication;
  let server: Server;
  let worker: TestingModule;
  let db: Client;
  const analysed: string[] = [];

  beforeAll(async () => {
    env = await createTestEnv({
      JOB_ATTEMPTS: '3',
      JOB_BACKOFF_MS: '50',
      SCORING_CHUNK_SIZE: '4',
    });
    api = await startTestApi(env.config);
    server = api.getHttpServer() as Server;
    worker = await Test.createTestingModule({ imports: [WorkerModule.register(env.config)] })
      .overrideProvider(ARTICLE_ANALYZER)
      .useValue((text: string, options: AnalyzeOptions) => {
        analysed.push(text);
        if (text.includes(BROKEN)) throw new Error('analysis exploded on this one');
        return analyzeArticle(text, options);
      })
      .compile();
    await worker.init();
    db = new Client({ connectionString: env.databaseUrl });
    await db.connect();
  });
  afterAll(async () => {
    await db?.end();
    await worker?.close();
    await api?.close();
    await env?.drop();
  });

  const rows = async (ids: string[]): Promise<Row[]> =>
    (
      await db.query<Row>(
        `SELECT id, status, attempts, last_error, scoring_job,
                (SELECT count(*)::int FROM paragraphs p WHERE p.article_id = a.id) AS paragraphs,
                (SELECT count(DISTINCT idx)::int FROM paragraphs p WHERE p.article_id = a.id)
                  AS distinct_paragraphs
         FROM articles a WHERE id = ANY ($1::uuid[])
         ORDER BY array_position($1::uuid[], id)`,
        [ids],
      )
    ).rows;

  const postBatch = async (texts: string[]): Promise<string[]> => {
    const res = await request(server)
      .post('/api/articles/batch')
      .set('x-api-key', TEST_API_KEY)
      .send({ articles: texts.map((text) => ({ text, source: 'Chunk Wire' })) })
      .expect(200);
    return (res.body.results as { id: string }[]).map((r) => r.id);
  };

  it('gives a batch one job per chunk; a failing article fails alone with its own error', async () => {
    const texts = [1, 2, 3, 4, 5, 6].map((n) => article(n, n === 2 ? ` ${BROKEN}.` : ''));
    const ids = await postBatch(texts);

    const settled = await waitFor(
      async () => {
        const now = await rows(ids);
        return now.every((r) => r.status === 'scored' || r.status === 'failed') ? now : undefined;
      },
      20_000,
      'every article of the batch to be scored or failed',
    );
    const [first, broken, ...rest] = settled;
    // Six articles in chunks of four: two jobs (which article is in which depends on the order
    // their inserts commit in); the broken one ends with a job of its own.
    const good = [first, ...rest];
    const chunks = new Map<string | null, number>();
    for (const row of good) chunks.set(row.scoring_job, (chunks.get(row.scoring_job) ?? 0) + 1);
    expect(chunks.size).toBe(2);
    for (const [job, members] of chunks) {
      expect(job).toMatch(/^chunk-/);
      expect(members).toBeLessThanOrEqual(4);
    }
    expect(broken.scoring_job).toMatch(/-retry-1$/);
    for (const row of good) {
      expect(row).toMatchObject({ status: 'scored', attempts: 1, last_error: null });
      expect(row.paragraphs).toBe(3);
    }
    expect(broken).toMatchObject({
      status: 'failed',
      attempts: 3,
      last_error: 'Error: analysis exploded on this one',
      paragraphs: 0,
    });
    expect(analysed.filter((t) => t.includes(BROKEN))).toHaveLength(3);

    const res = await request(server).get(`/api/articles/${broken.id}`).expect(200);
    expect(res.body).toMatchObject({
      status: 'failed',
      lastError: 'Error: analysis exploded on this one',
    });
  });

  it('leaves one copy of each paragraph when a chunk is stored twice or by overlapping deliveries', async () => {
    const ids = await postBatch([7, 8, 9].map((n) => article(n)));
    await waitFor(
      async () => ((await rows(ids)).every((r) => r.status === 'scored') ? true : undefined),
      20_000,
      'the chunk to be scored',
    );
    const jobs = ids.map((articleId) => ({ articleId, analysisRun: 0 }));
    const scoring = worker.get(ScoringService);

    // Delivered again after it was stored: nothing to claim, nothing written.
    const again = await scoring.scoreChunk(jobs);
    expect(again.results.map((r) => r.skipped)).toEqual([
      'already-scored',
      'already-scored',
      'already-scored',
    ]);

    // Two overlapping deliveries of a chunk not yet stored: whichever claims last stores, the
    // other writes nothing, and every article keeps exactly its three paragraphs.
    await db.query(`UPDATE articles SET status = 'queued' WHERE id = ANY ($1::uuid[])`, [ids]);
    const both = await Promise.all([scoring.scoreChunk(jobs), scoring.scoreChunk(jobs)]);
    const storedBy = ids.map((_, i) => both.filter((o) => !o.results[i].skipped).length);
    expect(storedBy).toEqual([1, 1, 1]);
    for (const row of await rows(ids)) {
      expect(row).toMatchObject({ status: 'scored', paragraphs: 3, distinct_paragraphs: 3 });
    }
    const hits = await db.query<{ n: number; distinct: number }>(
      `SELECT count(*)::int AS n, count(DISTINCT (paragraph_id, start_offset))::int AS distinct
       FROM framing_hits WHERE article_id = ANY ($1::uuid[])`,
      [ids],
    );
    expect(hits.rows[0].n).toBe(hits.rows[0].distinct);
    const expectedHits = [7, 8, 9]
      .map((n) => analyzeArticle(article(n), { monitor: 'us-china', source: 'Chunk Wire' }))
      .reduce((sum, a) => sum + a.paragraphs.reduce((s, p) => s + p.frames.length, 0), 0);
    expect(hits.rows[0].n).toBe(expectedHits);
  });
});
