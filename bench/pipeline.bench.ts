import { type ChildProcess, spawn } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { cpus, loadavg, totalmem } from 'node:os';
import { join } from 'node:path';
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { Client } from 'pg';
import { from as copyFrom, to as copyTo } from 'pg-copy-streams';
import Sentiment from 'sentiment';
import { splitParagraphs } from '../src/analysis';
import { runMigrations } from '../src/database/migrate';
import { sharedFile } from './support/shared';
import { seededRandom } from './support/stats';

/**
 * End-to-end throughput: articles go through the real HTTP API (batch endpoint), BullMQ on
 * Redis, one worker process with default settings, and Postgres, each service a child process
 * as in production; then a re-analysis of everything stored. Both are compared with the floor
 * measured in the same run: raw `sentiment.analyze` over the same paragraphs, plus one COPY of
 * the stored articles, paragraphs and framing hits into a freshly migrated database with the
 * rollup triggers off and the rollups rebuilt by one statement (dashboard_rebuild_rollups()).
 *
 * `node dist/bench/pipeline.bench.js --articles 20000` runs a larger workload (default 2,000).
 */
const ARTICLES = articlesArgument(process.argv.slice(2));
const BATCH = 250;
const PARALLEL_POSTS = 2;
/** articles posted one at a time at the end, for the single-article latency */
const SINGLES = 10;
const DATABASE = 'tonewatch_bench_pipeline';
const FLOOR_DATABASE = 'tonewatch_bench_floor';
/** the tables the floor copies, parents first */
const STORED_TABLES = ['articles', 'paragraphs', 'framing_hits'];
const SERVER_URL = process.env.BENCH_POSTGRES_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';
const REDIS_URL = process.env.BENCH_REDIS_URL ?? 'redis://127.0.0.1:6379';
const PORT = 3917;
const API_KEY = 'bench-pipeline-key-0123456789';
const ROOT = join(__dirname, '..', '..');

function articlesArgument(args: string[]): number {
  const at = args.indexOf('--articles');
  if (at < 0) return 2_000;
  const n = Number(args[at + 1]);
  if (!Number.isInteger(n) || n < 1) throw new Error('--articles takes a positive integer');
  return n;
}

function databaseUrl(name: string): string {
  const url = new URL(SERVER_URL);
  url.pathname = `/${name}`;
  return url.toString();
}

/** Paragraphs to build articles from: the project sample, the seed article and dev-set prose. */
function paragraphPool(): string[] {
  const pool = splitParagraphs(
    readFileSync(join(ROOT, 'samples/us-china-climate-talks.txt'), 'utf8'),
  ).map((p) => p.text);
  const seed = sharedFile('fixtures/seed-article.txt');
  if (seed) pool.push(...splitParagraphs(readFileSync(seed, 'utf8')).map((p) => p.text));
  const dev = sharedFile('data/nyt-editorial-dev.tsv');
  if (dev) {
    const sentences = readFileSync(dev, 'utf8')
      .trim()
      .split('\n')
      .slice(1)
      .map((l) => l.split('\t').slice(2).join('\t'));
    for (let i = 0; i + 3 <= sentences.length; i += 3)
      pool.push(sentences.slice(i, i + 3).join(' '));
  }
  return pool;
}

/** Distinct articles of 6–12 paragraphs; the dateline makes each one's content unique. */
function buildArticles(pool: string[]): string[] {
  const random = seededRandom(7);
  return Array.from({ length: ARTICLES }, (_, i) => {
    const count = 6 + Math.floor(random() * 7);
    const paragraphs = Array.from(
      { length: count },
      () => pool[Math.floor(random() * pool.length)],
    );
    paragraphs[0] = `WASHINGTON (Wire ${i + 1}) - ${paragraphs[0]}`;
    return paragraphs.join('\n\n');
  });
}

function rawSentimentRate(articles: string[]): {
  paragraphs: number;
  perSecond: number;
  seconds: number;
} {
  const paragraphs = articles.flatMap((a) => splitParagraphs(a).map((p) => p.text));
  const sentiment = new Sentiment();
  for (const p of paragraphs.slice(0, 2_000)) sentiment.analyze(p);
  const start = process.hrtime.bigint();
  for (const p of paragraphs) sentiment.analyze(p);
  const seconds = Number(process.hrtime.bigint() - start) / 1e9;
  return { paragraphs: paragraphs.length, perSecond: paragraphs.length / seconds, seconds };
}

async function recreateDatabase(name: string): Promise<string> {
  const admin = new Client({ connectionString: SERVER_URL });
  await admin.connect();
  try {
    await admin.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
    await admin.query(`CREATE DATABASE ${name}`);
  } finally {
    await admin.end();
  }
  const url = databaseUrl(name);
  await runMigrations(url);
  return url;
}

/** Each stored table as COPY text, read from the pipeline's database. */
async function copyOut(db: Client): Promise<Map<string, Buffer>> {
  const tables = new Map<string, Buffer>();
  for (const table of STORED_TABLES) {
    const chunks: Buffer[] = [];
    const stream = db.query(copyTo(`COPY ${table} TO STDOUT`));
    for await (const chunk of stream) chunks.push(chunk as Buffer);
    tables.set(table, Buffer.concat(chunks));
  }
  return tables;
}

/**
 * The store's floor: the same rows written by one COPY per table into a freshly migrated
 * schema (every index in place) with the rollup triggers off, then the rollups rebuilt by one
 * set-based statement, in one transaction. Seconds from the first COPY to the commit.
 */
async function storeFloor(tables: Map<string, Buffer>): Promise<number> {
  const db = new Client({ connectionString: await recreateDatabase(FLOOR_DATABASE) });
  await db.connect();
  try {
    await db.query(`ALTER TABLE paragraphs DISABLE TRIGGER USER`);
    await db.query(`ALTER TABLE framing_hits DISABLE TRIGGER USER`);
    const start = process.hrtime.bigint();
    await db.query('BEGIN');
    for (const table of STORED_TABLES) {
      await pipeline(
        Readable.from([tables.get(table)!]),
        db.query(copyFrom(`COPY ${table} FROM STDIN`)),
      );
    }
    await db.query(`SELECT dashboard_rebuild_rollups()`);
    await db.query('COMMIT');
    return Number(process.hrtime.bigint() - start) / 1e9;
  } finally {
    await db.end();
  }
}

function start(script: string, env: NodeJS.ProcessEnv): ChildProcess {
  const child = spawn(process.execPath, [join(ROOT, 'dist/src', script)], {
    env: { ...process.env, ...env },
    stdio: ['ignore', 'ignore', 'inherit'],
  });
  child.on('exit', (code, signal) => {
    if (code !== 0 && signal === null) console.error(`${script} exited with ${code}`);
  });
  return child;
}

/** User plus system CPU seconds of a process so far: tells waiting from computing. */
function cpuSeconds(pid: number): number {
  const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1].split(' ');
  return (Number(fields[11]) + Number(fields[12])) / 100;
}

function rssMiB(pid: number): number {
  const status = readFileSync(`/proc/${pid}/status`, 'utf8');
  return Number(/VmRSS:\s+(\d+)/.exec(status)?.[1] ?? 0) / 1024;
}

async function until<T>(
  check: () => Promise<T | undefined>,
  timeoutMs: number,
  what: string,
): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await check().catch(() => undefined);
    if (value !== undefined) return value;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

async function post(articles: string[]): Promise<void> {
  const res = await fetch(`http://127.0.0.1:${PORT}/api/articles/batch`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', 'x-api-key': API_KEY },
    body: JSON.stringify({ articles: articles.map((text) => ({ text, source: 'Bench Wire' })) }),
  });
  if (res.status !== 200) throw new Error(`batch answered ${res.status}: ${await res.text()}`);
  const { results } = (await res.json()) as { results: { error?: string; duplicate?: boolean }[] };
  const bad = results.find((r) => r.error !== undefined || r.duplicate);
  if (bad) throw new Error(`batch item rejected: ${JSON.stringify(bad)}`);
}

/**
 * Once the queue has drained: articles posted one at a time, each waited for, from the start of
 * its POST to its scored_at. New texts (a dateline of their own), so none is a duplicate.
 */
async function singleLatencies(db: Client, texts: string[]): Promise<number[]> {
  const latencies: number[] = [];
  for (const [i, text] of texts.entries()) {
    const posted = Date.now();
    const res = await fetch(`http://127.0.0.1:${PORT}/api/articles`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'x-api-key': API_KEY },
      body: JSON.stringify({ text: `SINGLE ${i + 1} - ${text}`, source: 'Bench Wire' }),
    });
    if (res.status !== 202) throw new Error(`single POST answered ${res.status}`);
    const { id } = (await res.json()) as { id: string };
    const scoredAt = await until(
      async () => {
        const { rows } = await db.query<{ scored_at: Date | null }>(
          `SELECT scored_at FROM articles WHERE id = $1 AND status = 'scored'`,
          [id],
        );
        return rows[0]?.scored_at ?? undefined;
      },
      30_000,
      'a single article to be scored',
    );
    latencies.push(scoredAt.getTime() - posted);
  }
  return latencies;
}

function median(xs: number[]): number {
  const sorted = [...xs].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)];
}

async function main(): Promise<void> {
  const articles = buildArticles(paragraphPool());
  const raw = rawSentimentRate(articles);
  const url = await recreateDatabase(DATABASE);
  const env = {
    DATABASE_URL: url,
    REDIS_URL,
    REDIS_PREFIX: `tonewatch-bench:${process.pid}`,
    API_KEYS: API_KEY,
    PORT: String(PORT),
    HOST: '127.0.0.1',
    MIGRATE_ON_START: 'false',
    LOG_LEVEL: 'warn',
    // One client posting thousands of articles a minute is the point here, not abuse.
    RATE_LIMIT_PER_ADDRESS: '0',
    RATE_LIMIT_PER_KEY: '0',
    METRICS_PORT: '0',
  };
  const api = start('main.js', env);
  const worker = start('worker.js', env);
  const db = new Client({ connectionString: url });
  await db.connect();
  const rss: number[] = [];
  const sampler = setInterval(() => rss.push(rssMiB(worker.pid!)), 250);
  try {
    await until(
      async () =>
        (await fetch(`http://127.0.0.1:${PORT}/api/articles?limit=1`)).ok ? true : undefined,
      30_000,
      'the API',
    );
    await new Promise((r) => setTimeout(r, 1_000)); // the worker connects to Redis
    rss.push(rssMiB(worker.pid!));

    const batches: string[][] = [];
    for (let i = 0; i < articles.length; i += BATCH) batches.push(articles.slice(i, i + BATCH));
    const firstPost = Date.now();
    for (let i = 0; i < batches.length; i += PARALLEL_POSTS) {
      await Promise.all(batches.slice(i, i + PARALLEL_POSTS).map(post));
    }
    const posted = Date.now();
    const done = await until(
      async () => {
        const { rows } = await db.query<{
          scored: number;
          failed: number;
          last: Date | null;
          paragraphs: number;
        }>(
          `SELECT count(*) FILTER (WHERE status = 'scored')::int AS scored,
                  count(*) FILTER (WHERE status = 'failed')::int AS failed,
                  max(scored_at) AS last,
                  (SELECT count(*)::int FROM paragraphs) AS paragraphs
           FROM articles`,
        );
        const row = rows[0];
        if (row.failed > 0) throw new Error(`${row.failed} article(s) failed`);
        return row.scored === articles.length ? row : undefined;
      },
      1_800_000,
      'every article to be scored',
    );
    rss.push(rssMiB(worker.pid!));
    const cpu = { api: cpuSeconds(api.pid!), worker: cpuSeconds(worker.pid!) };
    const seconds = (done.last!.getTime() - firstPost) / 1000;
    const endToEnd = done.paragraphs / seconds;

    // Re-analysis of everything the run stored: from the request to the last article scored.
    const reanalysisStart = Date.now();
    const res = await fetch(`http://127.0.0.1:${PORT}/api/admin/reanalyze`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'x-api-key': API_KEY },
      body: JSON.stringify({ olderThanVersion: false, limit: 1_000_000 }),
    });
    if (res.status !== 202)
      throw new Error(`reanalyze answered ${res.status}: ${await res.text()}`);
    const { requeued } = (await res.json()) as { requeued: number };
    if (requeued !== articles.length) throw new Error(`reanalyze requeued ${requeued}`);
    const redone = await until(
      async () => {
        const { rows } = await db.query<{ scored: number; failed: number; last: Date | null }>(
          `SELECT count(*) FILTER (WHERE status = 'scored' AND analysis_run = 1)::int AS scored,
                  count(*) FILTER (WHERE status = 'failed')::int AS failed,
                  max(scored_at) AS last
           FROM articles`,
        );
        const row = rows[0];
        if (row.failed > 0) throw new Error(`${row.failed} article(s) failed in re-analysis`);
        return row.scored === articles.length ? row : undefined;
      },
      1_800_000,
      'every article to be scored again',
    );
    rss.push(rssMiB(worker.pid!));
    const reanalysisSeconds = (redone.last!.getTime() - reanalysisStart) / 1000;
    const reanalysis = done.paragraphs / reanalysisSeconds;

    const stored = await copyOut(db);
    const { rows: counts } = await db.query<{ paragraphs: number; hits: number }>(
      `SELECT (SELECT count(*)::int FROM paragraphs) AS paragraphs,
              (SELECT count(*)::int FROM framing_hits) AS hits`,
    );
    const single = await singleLatencies(db, articles.slice(0, SINGLES));
    const storeSeconds = await storeFloor(stored);
    const floorSeconds = raw.seconds + storeSeconds;
    const floor = done.paragraphs / floorSeconds;
    const load = loadavg()
      .map((l) => l.toFixed(2))
      .join(' ');
    const quarter = Math.round(rss.length / 4);
    const mean = (xs: number[]) => xs.reduce((a, b) => a + b, 0) / xs.length;

    console.log(
      `machine: ${cpus().length} × ${cpus()[0]?.model ?? 'cpu'}, ${Math.round(totalmem() / 2 ** 30)} GiB, Node ${process.version}`,
    );
    console.log(
      `articles: ${articles.length} (${done.paragraphs} paragraphs), posted in batches of ${BATCH}, ${PARALLEL_POSTS} at a time`,
    );
    console.log(
      `posting took ${((posted - firstPost) / 1000).toFixed(1)} s; first POST to last scored ${seconds.toFixed(1)} s`,
    );
    console.log(
      `end-to-end:            ${endToEnd.toFixed(0)} paragraphs/s (${(articles.length / seconds).toFixed(0)} articles/s)`,
    );
    console.log(
      `raw sentiment.analyze: ${raw.perSecond.toFixed(0)} paragraphs/s on the same ${raw.paragraphs} paragraphs, one process`,
    );
    console.log(
      `CPU seconds over the run: api ${cpu.api.toFixed(1)}, worker ${cpu.worker.toFixed(1)}`,
    );
    console.log(
      `floor:                 ${floor.toFixed(0)} paragraphs/s = raw sentiment ${raw.seconds.toFixed(2)} s + one COPY of ${articles.length} articles, ${counts[0].paragraphs} paragraphs and ${counts[0].hits} framing hits into a fresh schema, triggers off, rollups rebuilt: ${storeSeconds.toFixed(2)} s`,
    );
    console.log(
      `end-to-end / floor:    ${(endToEnd / floor).toFixed(2)} (${seconds.toFixed(1)} s against ${floorSeconds.toFixed(1)} s)`,
    );
    console.log(
      `re-analysis:           ${reanalysis.toFixed(0)} paragraphs/s, request to last scored ${reanalysisSeconds.toFixed(1)} s; / floor ${(reanalysis / floor).toFixed(2)}`,
    );
    console.log(
      `single POST on the idle service, POST to scored_at: median ${median(single).toFixed(0)} ms, max ${Math.max(...single).toFixed(0)} ms over ${single.length} articles posted one after another`,
    );
    console.log(`load average at the end (1, 5, 15 min): ${load}`);
    console.log(
      `worker RSS MiB: start ${rss[0].toFixed(0)}, peak ${Math.max(...rss).toFixed(0)}, end ${rss[rss.length - 1].toFixed(0)}; ` +
        `mean of first quarter ${mean(rss.slice(0, quarter)).toFixed(0)}, last quarter ${mean(rss.slice(-quarter)).toFixed(0)}`,
    );
  } finally {
    clearInterval(sampler);
    await db.end();
    api.kill('SIGTERM');
    worker.kill('SIGTERM');
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
