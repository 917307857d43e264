/**
 * Latency of the dashboard endpoints through the real HTTP API, against the database that
 * `npm run bench:fill` builds:
 *   npm run bench:queries [-- --runs 40] [--only events] [--database tonewatch_bench_queries]
 *                         [--server postgres://…/postgres] [--redis redis://…]
 *
 * The API runs in this process on a loopback port; requests go one at a time (the latency a
 * person at the dashboard sees), after a warm-up, for a 90-day and a 2-year window ending now,
 * the dashboard routes each under syndication=collapse (the default: wire reprints left out) and
 * syndication=all. `--only` keeps the rows whose name starts with it, to measure one family again.
 */
import { cpus, totalmem } from 'node:os';
import { type AddressInfo } from 'node:net';
import { performance } from 'node:perf_hooks';
import { Client } from 'pg';
import { loadConfig } from '../src/config/config';
import { runMigrations } from '../src/database/migrate';
import { createApiApp } from '../src/main';
import {
  DATABASE_FLAG,
  SERVER_FLAG,
  benchDatabaseName,
  databaseUrlOn,
  parseFlags,
} from './bench-database';

const WARM_UP = 3;
const DAY_MS = 86_400_000;

/** `runs` caps slow rows, so one run of the script stays within minutes. */
/** `pages` follows nextCursor that many times and times the last page. */
const ENDPOINTS: { name: string; path: string; runs?: number; pages?: number }[] = [
  { name: 'tone/summary', path: '/api/tone/summary' },
  { name: 'tone/timeseries day', path: '/api/tone/timeseries?bucket=day' },
  {
    name: 'tone/timeseries week, Europe/Paris',
    path: '/api/tone/timeseries?bucket=week&tz=Europe/Paris',
  },
  { name: 'framing phrases', path: '/api/framing?phrases=respectful,serious%20difficulties' },
  { name: 'framing frames', path: '/api/framing?frames=respectful,serious-difficulties' },
  { name: 'framing/top', path: '/api/framing/top' },
  { name: 'sources/breakdown', path: '/api/sources/breakdown' },
  { name: 'tone/directional', path: '/api/tone/directional' },
  { name: 'tone/directional, source', path: '/api/tone/directional?source=Reuters' },
  {
    name: 'tone/directional/timeseries day, one pair',
    path: '/api/tone/directional/timeseries?bucket=day&side=china&target=us',
  },
  {
    name: 'tone/directional/timeseries week',
    path: '/api/tone/directional/timeseries?bucket=week',
  },
  {
    name: 'paragraphs text search',
    path: `/api/paragraphs?q=${encodeURIComponent('"serious difficulties" OR "red line" -Taiwan')}`,
    runs: 5,
  },
  { name: 'paragraphs side+tone', path: '/api/paragraphs?side=china&toneMax=-0.5' },
  { name: 'dashboard/latest-articles', path: '/api/dashboard/latest-articles' },
  { name: 'events', path: '/api/events' },
  { name: 'events, minArticles=8', path: '/api/events?minArticles=8' },
  { name: 'events, q (a top term)', path: '/api/events?q=export' },
  { name: 'events, third page', path: '/api/events', pages: 3 },
  { name: 'events csv, 1000', path: '/api/events?format=csv&limit=1000' },
];

function percentile(sorted: number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)];
}

async function main(): Promise<void> {
  const flags = parseFlags(process.argv.slice(2), {
    runs: '40',
    only: '',
    redis: 'redis://127.0.0.1:6379',
    ...SERVER_FLAG,
    ...DATABASE_FLAG,
  });
  const runs = Number(flags.runs);
  const databaseUrl = databaseUrlOn(flags.server, benchDatabaseName(flags.database));

  // Migrations added since the fill (new indexes) are applied here, timed.
  const migrateStarted = performance.now();
  const applied = await runMigrations(databaseUrl);
  const db = new Client({ connectionString: databaseUrl });
  await db.connect();
  if (applied.length > 0) {
    console.log(
      `applied ${applied.join(', ')} in ${((performance.now() - migrateStarted) / 1000).toFixed(1)} s`,
    );
    // tables a migration just built have no statistics or visibility map until autovacuum
    // comes by; a service runs for longer than that, a benchmark does not wait
    await db.query('VACUUM ANALYZE');
  }
  const { rows } = await db.query<{ paragraphs: string; events: string; version: string }>(
    `SELECT (SELECT count(*) FROM paragraphs)::text AS paragraphs, (SELECT count(*) FROM events)::text AS events,
            current_setting('server_version') AS version`,
  );
  // The event page of a recent event as large as events usually get, and of the largest one.
  const eventIds = await db.query<{ id: string; articles: number }>(`
    (SELECT id, article_count AS articles FROM events WHERE monitor = 'us-china' AND article_count = 5
     ORDER BY ended_at DESC LIMIT 1)
    UNION ALL
    (SELECT id, article_count FROM events WHERE monitor = 'us-china' ORDER BY article_count DESC, ended_at DESC LIMIT 1)`);
  await db.end();
  const detailRows = eventIds.rows.map((e) => ({
    name: `events/:id (${e.articles} articles)`,
    path: `/api/events/${e.id}`,
  }));

  const config = loadConfig({
    DATABASE_URL: databaseUrl,
    REDIS_URL: flags.redis,
    REDIS_PREFIX: 'tonewatch-bench-queries',
    API_KEYS: 'bench-queries-write-key-0000',
    MIGRATE_ON_START: 'false',
    LOG_LEVEL: 'warn',
    RATE_LIMIT_PER_ADDRESS: '0',
    RATE_LIMIT_PER_KEY: '0',
  });
  const app = await createApiApp(config);
  await app.listen(0, '127.0.0.1');
  const { port } = (app.getHttpServer() as { address(): AddressInfo }).address();

  console.log(
    `${rows[0].paragraphs} paragraphs, ${rows[0].events} events; ${cpus().length} × ${cpus()[0]?.model}; ${Math.round(totalmem() / 2 ** 30)} GiB; ` +
      `Node ${process.version}; PostgreSQL ${rows[0].version}; ${runs} sequential requests per row after ${WARM_UP} warm-up`,
  );
  console.log(`| endpoint | window | syndication | p50 ms | p95 ms |\n|---|---|---|---:|---:|`);
  const to = new Date();
  try {
    const kept = (name: string) => name.startsWith(flags.only);
    for (const { name, path, runs: cap, pages } of ENDPOINTS.filter((e) => kept(e.name))) {
      // events group every copy; the dashboard routes count a wire story once or every copy
      const modes = path.startsWith('/api/events') ? ['–'] : ['collapse', 'all'];
      for (const [window, days, syndication] of [
        ['90 days', 90],
        ['2 years', 730],
      ].flatMap(([w, d]) => modes.map((m) => [w, d, m] as [string, number, string]))) {
        const from = new Date(to.getTime() - days * DAY_MS);
        const mode = syndication === '–' ? '' : `&syndication=${syndication}`;
        let url = `http://127.0.0.1:${port}${path}${path.includes('?') ? '&' : '?'}from=${from.toISOString()}&to=${to.toISOString()}${mode}`;
        for (let page = 1; page < (pages ?? 1); page++) {
          const { nextCursor } = (await (await fetch(url)).json()) as { nextCursor: string };
          url = `${url.replace(/&cursor=[^&]*/, '')}&cursor=${nextCursor}`;
        }
        const timings = await time(url, `${name} (${window})`, Math.min(runs, cap ?? runs));
        console.log(`| ${name} | ${window} | ${syndication} | ${row(timings)} |`);
      }
    }
    // One event's page has no window.
    for (const { name, path } of detailRows.filter((e) => kept(e.name))) {
      const timings = await time(`http://127.0.0.1:${port}${path}`, name, runs);
      console.log(`| ${name} | – | – | ${row(timings)} |`);
    }
  } finally {
    await app.close();
  }
}

/** Sorted latencies of `runs` sequential requests after the warm-up. */
async function time(url: string, name: string, runs: number): Promise<number[]> {
  const timings: number[] = [];
  for (let i = 0; i < WARM_UP + runs; i++) {
    const started = performance.now();
    const response = await fetch(url);
    await response.arrayBuffer();
    if (!response.ok) throw new Error(`${name} answered ${response.status}`);
    if (i >= WARM_UP) timings.push(performance.now() - started);
  }
  return timings.sort((a, b) => a - b);
}

function row(timings: number[]): string {
  return `${percentile(timings, 50).toFixed(1)} | ${percentile(timings, 95).toFixed(1)}`;
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
