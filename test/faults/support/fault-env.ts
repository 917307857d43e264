import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { Client } from 'pg';
import { analyzeArticle } from '../../../src/analysis';
import { createTestEnv, TEST_API_KEY, type TestEnv } from '../../support/test-env';
import { freePort, ServiceProcess } from './service-process';
import { FAULT_REDIS_URL } from './services';

const SAMPLE = readFileSync(
  join(__dirname, '..', '..', '..', 'samples', 'us-china-climate-talks.txt'),
  'utf8',
);

/** Distinct articles (a different closing paragraph each), so none is a duplicate of another. */
export function articleText(n: number): string {
  return `${SAMPLE.trim()}\n\nEditor's note ${n}: this report was filed as dispatch number ${n}.`;
}

/** What one fresh, in-process analysis of an article stores: the yardstick for every run. */
export function expectedRows(n: number): { paragraphs: number; frames: number } {
  const analysis = analyzeArticle(articleText(n), { monitor: 'us-china' });
  return {
    paragraphs: analysis.paragraphs.length,
    frames: analysis.paragraphs.reduce((sum, p) => sum + p.frames.length, 0),
  };
}

export interface Tally {
  articles: number;
  scored: number;
  failed: number;
  waiting: number;
  /** articles a worker is in the middle of (status scoring) */
  scoring: number;
  /** articles a worker claimed more than once (a retry, or a takeover from a dead worker) */
  claimedAgain: number;
  /** (article, paragraph index) pairs stored more than once */
  duplicateParagraphs: number;
  /** scored articles whose stored paragraphs or framing hits differ from a fresh analysis */
  mismatched: number;
}

/** A database and Redis prefix of its own, the built API and workers, and a way to count rows. */
export class FaultEnv {
  db: Client;
  private readonly children: ServiceProcess[] = [];

  private constructor(
    readonly env: TestEnv,
    private readonly overrides: Record<string, string>,
  ) {
    this.db = new Client({ connectionString: env.databaseUrl });
  }

  static async create(overrides: Record<string, string> = {}): Promise<FaultEnv> {
    const fault = new FaultEnv(await createTestEnv(), overrides);
    await fault.db.connect();
    // A restarted Postgres drops this connection too; the tests reconnect when they need it.
    fault.db.on('error', () => undefined);
    return fault;
  }

  /** A fresh connection for counting, after a Postgres restart closed the old one. */
  async reconnect(): Promise<void> {
    await this.db.end().catch(() => undefined);
    this.db = new Client({ connectionString: this.env.databaseUrl });
    this.db.on('error', () => undefined);
    await this.db.connect();
  }

  processEnv(extra: Record<string, string> = {}): Record<string, string> {
    return {
      NODE_ENV: 'production',
      HOST: '127.0.0.1',
      DATABASE_URL: this.env.databaseUrl,
      REDIS_URL: FAULT_REDIS_URL,
      REDIS_PREFIX: this.env.config.queue.redisPrefix,
      API_KEYS: TEST_API_KEY,
      MIGRATE_ON_START: 'false',
      LOG_LEVEL: 'warn',
      METRICS_PORT: '0',
      ...this.overrides,
      ...extra,
    };
  }

  async startApi(
    extra: Record<string, string> = {},
  ): Promise<{ api: ServiceProcess; url: string }> {
    const port = await freePort();
    const api = await ServiceProcess.start(
      'api',
      this.processEnv({ PORT: String(port), ...extra }),
    );
    this.children.push(api);
    return { api, url: `http://127.0.0.1:${port}` };
  }

  async startWorker(extra: Record<string, string> = {}): Promise<ServiceProcess> {
    const worker = await ServiceProcess.start('worker', this.processEnv(extra));
    this.children.push(worker);
    return worker;
  }

  async tally(): Promise<Tally> {
    const expected = expectedRows(0);
    const { rows } = await this.db.query<Record<keyof Tally, string>>(
      `WITH stored AS (
         SELECT a.id, a.status,
                (SELECT count(*) FROM paragraphs p WHERE p.article_id = a.id) AS paragraphs,
                (SELECT count(*) FROM framing_hits f WHERE f.article_id = a.id) AS frames,
                a.attempts
           FROM articles a)
       SELECT count(*) AS articles,
              count(*) FILTER (WHERE status = 'scored') AS scored,
              count(*) FILTER (WHERE status = 'failed') AS failed,
              count(*) FILTER (WHERE status IN ('queued', 'scoring')) AS waiting,
              count(*) FILTER (WHERE status = 'scoring') AS scoring,
              count(*) FILTER (WHERE attempts > 1) AS "claimedAgain",
              (SELECT count(*) FROM (SELECT 1 FROM paragraphs GROUP BY article_id, idx HAVING count(*) > 1) d)
                AS "duplicateParagraphs",
              count(*) FILTER (WHERE status = 'scored' AND (paragraphs <> $1 OR frames <> $2))
                AS mismatched
         FROM stored`,
      [expected.paragraphs, expected.frames],
    );
    return Object.fromEntries(
      Object.entries(rows[0]).map(([k, v]) => [k, Number(v)]),
    ) as unknown as Tally;
  }

  async stop(): Promise<void> {
    await Promise.all(this.children.map((child) => child.stop()));
    await this.db.end().catch(() => undefined);
    await this.env.drop();
  }
}

/** Posts one article on its own; returns the HTTP status and the id when accepted. */
export async function postOne(url: string, n: number): Promise<{ status: number; id?: string }> {
  try {
    const res = await fetch(`${url}/api/articles`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'x-api-key': TEST_API_KEY },
      body: JSON.stringify({ text: articleText(n), source: `Wire ${n % 7}` }),
    });
    const body = (await res.json()) as { id?: string };
    return { status: res.status, id: body.id };
  } catch {
    return { status: 0 };
  }
}

/** Posts articles `from`..`to-1` through the batch endpoint; returns the ids accepted. */
export async function postBatches(
  url: string,
  from: number,
  to: number,
  batchSize = 100,
): Promise<string[]> {
  const ids: string[] = [];
  for (let start = from; start < to; start += batchSize) {
    const articles = [];
    for (let n = start; n < Math.min(to, start + batchSize); n++) {
      articles.push({ text: articleText(n), source: `Wire ${n % 7}` });
    }
    const res = await fetch(`${url}/api/articles/batch`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'x-api-key': TEST_API_KEY },
      body: JSON.stringify({ articles }),
    });
    if (res.status !== 200) throw new Error(`batch answered ${res.status}: ${await res.text()}`);
    const body = (await res.json()) as { results: { id?: string; error?: unknown }[] };
    for (const item of body.results) {
      if (!item.id) throw new Error(`batch item refused: ${JSON.stringify(item)}`);
      ids.push(item.id);
    }
  }
  return ids;
}

export async function until<T>(
  check: () => Promise<T | undefined>,
  timeoutMs: number,
  what: string,
): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await check();
    if (value !== undefined) return value;
    if (Date.now() > deadline)
      throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

/** One line per scenario, collected by the reporter in RELIABILITY.md. */
export function report(scenario: string, figures: Record<string, number | string>): void {
  process.stdout.write(`\nFAULT ${scenario}: ${JSON.stringify(figures)}\n`);
}
