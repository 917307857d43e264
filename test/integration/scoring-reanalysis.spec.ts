import { type Server } from 'node:http';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { type INestApplication, type INestApplicationContext } from '@nestjs/common';
import { Client } from 'pg';
import request from 'supertest';
import { ANALYSIS_VERSION } from '../../src/analysis';
import { runCli } from '../../src/cli';
import { startTestApi, startTestWorker, waitFor } from '../support/test-app';
import { createTestEnv, TEST_API_KEY, type TestEnv } from '../support/test-env';

const SAMPLE = readFileSync(join(__dirname, '../../samples/us-china-climate-talks.txt'), 'utf8');

interface RunState {
  status: string;
  analysis_version: string | null;
  analysis_run: number;
  paragraphs: number;
}

describe('re-analysis', () => {
  let env: TestEnv;
  let api: INestApplication;
  let server: Server;
  let worker: INestApplicationContext;
  let db: Client;
  let id: string;

  const state = async (): Promise<RunState> => {
    const { rows } = await db.query<RunState>(
      `SELECT status, analysis_version, analysis_run,
              (SELECT count(*)::int FROM paragraphs WHERE article_id = a.id) AS paragraphs
       FROM articles a WHERE id = $1`,
      [id],
    );
    return rows[0];
  };
  const scoredInRun = (run: number) =>
    waitFor(async () => {
      const s = await state();
      return s.status === 'scored' && s.analysis_run === run ? s : undefined;
    });
  const pretendOldVersion = () =>
    db.query(`UPDATE articles SET analysis_version = '0.0.0-old' WHERE id = $1`, [id]);

  beforeAll(async () => {
    env = await createTestEnv();
    [api, worker] = await Promise.all([startTestApi(env.config), startTestWorker(env.config)]);
    server = api.getHttpServer() as Server;
    db = new Client({ connectionString: env.databaseUrl });
    await db.connect();
    const res = await request(server)
      .post('/api/articles')
      .set('x-api-key', TEST_API_KEY)
      .send({ text: SAMPLE })
      .expect(202);
    id = res.body.id as string;
    await scoredInRun(0);
  });
  afterAll(async () => {
    await db?.end();
    await worker?.close();
    await api?.close();
    await env?.drop();
  });

  it('re-queues only articles of an older version, under a new job id, replacing their paragraphs', async () => {
    const admin = () => request(server).post('/api/admin/reanalyze').set('x-api-key', TEST_API_KEY);
    expect((await admin().send({}).expect(202)).body).toEqual({
      requeued: 0,
      analysisVersion: ANALYSIS_VERSION,
    });

    const before = await state();
    await pretendOldVersion();
    expect((await admin().send({ monitor: 'us-china' }).expect(202)).body.requeued).toBe(1);
    // A completed job from run 0 is still retained in Redis; run 1 must not be ignored.
    const after = await scoredInRun(1);
    expect(after).toEqual({ ...before, analysis_run: 1, analysis_version: ANALYSIS_VERSION });
  });

  it('picks an article another transaction holds at the moment, once it is let go', async () => {
    await scoredInRun(1);
    await pretendOldVersion();
    const holder = new Client({ connectionString: env.databaseUrl });
    await holder.connect();
    try {
      // a chunk's store or a wire link holds the row as the re-analysis picks
      await holder.query('BEGIN');
      await holder.query('SELECT 1 FROM articles WHERE id = $1 FOR NO KEY UPDATE', [id]);
      const released = new Promise((resolve) => setTimeout(resolve, 400)).then(() =>
        holder.query('COMMIT'),
      );
      const res = await request(server)
        .post('/api/admin/reanalyze')
        .set('x-api-key', TEST_API_KEY)
        .send({})
        .expect(202);
      await released;
      expect(res.body.requeued).toBe(1);
    } finally {
      await holder.end();
    }
    expect((await scoredInRun(2)).analysis_version).toBe(ANALYSIS_VERSION);
  });

  it('rejects bad requests and callers without the write key', async () => {
    await request(server).post('/api/admin/reanalyze').send({}).expect(401);
    const unknown = await request(server)
      .post('/api/admin/reanalyze')
      .set('x-api-key', TEST_API_KEY)
      .send({ monitor: 'mars-venus' })
      .expect(400);
    expect(unknown.body.message).toMatch(/monitor "mars-venus" is not a known monitor/);
    const badLimit = await request(server)
      .post('/api/admin/reanalyze')
      .set('x-api-key', TEST_API_KEY)
      .send({ limit: 0, olderThanVersion: 'yes' })
      .expect(400);
    expect(JSON.stringify(badLimit.body.message)).toMatch(/limit must not be less than 1/);
    expect(JSON.stringify(badLimit.body.message)).toMatch(/olderThanVersion must be a boolean/);
  });

  it('runs from the CLI with the same configuration variables as the services', async () => {
    const run = (await state()).analysis_run;
    await pretendOldVersion();
    const saved = { ...process.env };
    Object.assign(process.env, {
      DATABASE_URL: env.config.database.url,
      REDIS_URL: env.config.queue.redisUrl,
      REDIS_PREFIX: env.config.queue.redisPrefix,
      API_KEYS: TEST_API_KEY,
    });
    const out: string[] = [];
    try {
      const code = await runCli(['reanalyze', '--limit', '10'], {
        stdin: (async function* () {})(),
        stdout: (t) => out.push(t),
        stderr: (t) => out.push(t),
      });
      expect({ code, out: out.join('') }).toEqual({
        code: 0,
        out: `requeued 1 article(s) for analysis version ${ANALYSIS_VERSION}\n`,
      });
    } finally {
      process.env = saved;
    }
    await scoredInRun(run + 1);
  });
});
