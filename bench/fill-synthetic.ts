/**
 * Fills the dashboard benchmark database with a synthetic load:
 *   npm run bench:fill -- --paragraphs 10000000 [--years 2] [--database tonewatch_bench_queries]
 *                        [--server postgres://…/postgres]
 *
 * The database is dropped, created and migrated, then filled by
 * server-side INSERT … SELECT over generate_series. For speed the load runs with
 * session_replication_role = replica, which skips foreign-key checks and the rollup
 * triggers (rows are consistent by construction), and with secondary indexes dropped; the
 * indexes are then recreated from their saved definitions and the rollups rebuilt from the
 * raw tables in one set-based statement (dashboard_rebuild_rollups()). The articles are then
 * grouped into events (fill-events.ts). *
 * One article in seven (n % 7 = 3) is a wire reprint of the article before it, which is its
 * group's canonical article, so syndication=collapse and syndication=all read different rows.
 */
import { Client } from 'pg';
import { runMigrations } from '../src/database/migrate';
import {
  DATABASE_FLAG,
  SERVER_FLAG,
  benchDatabaseName,
  databaseUrlOn,
  parseFlags,
} from './bench-database';
import { fillEvents } from './fill-events';
import {
  FRAME_SENTENCES,
  MONITOR_SIDES,
  NARRATION,
  OUTLETS,
  SPEAKERS,
  TOPICS,
  VERBS,
} from './synthetic-vocabulary';

const ARTICLES_PER_CHUNK = 50_000;
const FRAMED_SHARE = 0.18;
const NEGATED_SHARE = 0.1;

async function main(): Promise<void> {
  const flags = parseFlags(process.argv.slice(2), {
    paragraphs: '10000000',
    years: '2',
    ...SERVER_FLAG,
    ...DATABASE_FLAG,
  });
  const database = benchDatabaseName(flags.database);
  const paragraphs = Number(flags.paragraphs);
  const years = Number(flags.years);
  if (!Number.isInteger(paragraphs) || paragraphs < 1000)
    throw new Error('--paragraphs must be an integer >= 1000');
  if (!(years > 0 && years <= 20)) throw new Error('--years must be a number from 0 to 20');

  const started = Date.now();
  const log = (message: string) =>
    console.log(`[${((Date.now() - started) / 1000).toFixed(1)} s] ${message}`);

  const admin = new Client({ connectionString: flags.server });
  await admin.connect();
  await admin.query(`DROP DATABASE IF EXISTS ${database} WITH (FORCE)`);
  await admin.query(`CREATE DATABASE ${database}`);
  await admin.end();
  const url = databaseUrlOn(flags.server, database);
  await runMigrations(url);
  log(`created and migrated ${database}`);

  const db = new Client({ connectionString: url });
  await db.connect();
  try {
    await db.query(`SET session_replication_role = replica`);
    await db.query(`SET synchronous_commit = off`);
    await db.query(`SET maintenance_work_mem = '1GB'`);
    await db.query(`SET work_mem = '256MB'`);
    const indexes = await dropSecondaryIndexes(db);
    log(`dropped ${indexes.length} secondary indexes for the load`);

    await loadVocabulary(db);
    const articles = await planArticles(db, paragraphs, years);
    log(`planned ${articles} articles`);

    for (let first = 1; first <= articles; first += ARTICLES_PER_CHUNK) {
      const last = Math.min(articles, first + ARTICLES_PER_CHUNK - 1);
      await db.query(INSERT_ARTICLES, [first, last]);
      await db.query(INSERT_PARAGRAPHS_AND_HITS, [first, last, FRAMED_SHARE, NEGATED_SHARE]);
      log(`articles ${first}–${last} of ${articles}`);
    }
    await fillEvents(db, log);

    for (const { name, definition } of indexes) {
      await db.query(definition);
      log(`index ${name}`);
    }
    await db.query(`SET session_replication_role = origin`);
    await db.query(`SELECT dashboard_rebuild_rollups()`);
    log('rollups rebuilt');
    await db.query(`DROP TABLE bench_articles, bench_speakers, bench_frames`);
    await db.query(`VACUUM ANALYZE`);
    const { rows } = await db.query<{
      paragraphs: string;
      hits: string;
      events: string;
      size: string;
    }>(`
      SELECT (SELECT count(*) FROM paragraphs) AS paragraphs, (SELECT count(*) FROM framing_hits) AS hits,
             (SELECT count(*) FROM events) AS events,
             pg_size_pretty(pg_database_size(current_database())) AS size`);
    log(
      `done: ${rows[0].paragraphs} paragraphs, ${rows[0].hits} framing hits, ${rows[0].events} events, ${rows[0].size}`,
    );
  } finally {
    await db.end();
  }
}

/** Indexes that no constraint depends on, with the statements that recreate them. */
async function dropSecondaryIndexes(db: Client): Promise<{ name: string; definition: string }[]> {
  const { rows } = await db.query<{ name: string; definition: string }>(`
    SELECT i.indexname AS name, i.indexdef AS definition
    FROM pg_indexes i
    WHERE i.schemaname = 'public' AND i.tablename IN ('articles', 'paragraphs', 'framing_hits', 'events', 'event_articles')
      AND NOT EXISTS (SELECT 1 FROM pg_constraint c WHERE c.conname = i.indexname)`);
  for (const { name } of rows) await db.query(`DROP INDEX ${name}`);
  return rows;
}

async function loadVocabulary(db: Client): Promise<void> {
  const speakers = Object.entries(SPEAKERS).flatMap(([side, names]) =>
    names.map((speaker, pick) => ({ side, pick, speaker })),
  );
  await db.query(
    `
    CREATE UNLOGGED TABLE bench_speakers AS
    SELECT * FROM json_to_recordset($1) AS s(side text, pick int, speaker text)`,
    [JSON.stringify(speakers)],
  );
  const frames = FRAME_SENTENCES.map((f, pick) => ({ ...f, pick }));
  await db.query(
    `
    CREATE UNLOGGED TABLE bench_frames AS
    SELECT * FROM json_to_recordset($1) AS f(pick int, frame text, phrase text, sentence text)`,
    [JSON.stringify(frames)],
  );
}

/**
 * One row per article: 6 to 18 paragraphs (the last article trimmed so the total is exact),
 * times spread evenly over the period ending now, outlets drawn by their share.
 */
async function planArticles(db: Client, paragraphs: number, years: number): Promise<number> {
  const outlets = JSON.stringify(
    OUTLETS.map((o, ord) => ({
      ...o,
      ord,
      sides: MONITOR_SIDES[o.monitor],
      weight: (o.monitor === 'us-china' ? 0.9 : 0.1) * o.share,
    })),
  );
  const seconds = years * 365.25 * 86_400;
  await db.query(`SELECT setseed(0.4242)`);
  await db.query(
    `
    CREATE UNLOGGED TABLE bench_articles AS
    WITH counts AS (
      SELECT n, 6 + floor(random() * 13)::int AS k, random() AS outlet_draw
      FROM generate_series(1, ceil($1::numeric / 6)::int + 1) AS n
    ), placed AS (
      SELECT n, k, outlet_draw, sum(k) OVER (ORDER BY n) - k AS first_paragraph FROM counts
    ), outlets AS (
      -- each outlet's slice of [0, 1): monitor share times outlet share, cumulated
      SELECT o.monitor, o.source, o.lean, o.sides,
             sum(o.weight) OVER (ORDER BY o.ord) - o.weight AS lower_bound,
             sum(o.weight) OVER (ORDER BY o.ord) AS upper_bound
      FROM json_to_recordset($3) AS o(ord int, monitor text, source text, lean text, sides text[], weight float8)
    )
    SELECT p.n, least(p.k, $1 - p.first_paragraph) AS k,
           o.monitor, o.source, o.lean, o.sides[1] AS side_a, o.sides[2] AS side_b,
           now() - make_interval(secs => $2) + make_interval(secs => (p.n - 1 + random()) * $2 / max(p.n) OVER ()) AS occurred_at
    FROM placed p
    JOIN outlets o ON p.outlet_draw >= o.lower_bound AND p.outlet_draw < o.upper_bound
    WHERE p.first_paragraph < $1`,
    [paragraphs, seconds, outlets],
  );
  await db.query(`CREATE UNIQUE INDEX ON bench_articles (n)`);
  const count = await db.query<{ articles: number }>(
    `SELECT count(*)::int AS articles FROM bench_articles`,
  );
  return count.rows[0].articles;
}

/** n % 7 = 3 reprints article n - 1 (n % 7 = 2), the canonical article of their group. */
const REPRINT = (n: string) => `(${n} % 7 = 3)`;
const WIRE_GROUP = (n: string) =>
  `CASE ${n} % 7 WHEN 2 THEN lpad(to_hex(${n}), 32, '0')::uuid WHEN 3 THEN lpad(to_hex(${n} - 1), 32, '0')::uuid END`;

const INSERT_ARTICLES = `
  INSERT INTO articles (id, monitor, source, url, title, published_at, occurred_at, body, content_hash,
                        status, attempts, analysis_version, analysis_run, scored_at, created_at, updated_at,
                        wire_group_id)
  SELECT lpad(to_hex(a.n), 32, '0')::uuid, a.monitor, a.source, 'https://bench.example/articles/' || a.n,
         'Synthetic ' || a.monitor || ' report ' || a.n, a.occurred_at, a.occurred_at,
         'Synthetic benchmark article ' || a.n || ' with ' || a.k || ' paragraphs.', md5(a.n::text),
         'scored', 1, 'bench', 1, a.occurred_at, a.occurred_at, a.occurred_at, ${WIRE_GROUP('a.n')}
  FROM bench_articles a
  WHERE a.n BETWEEN $1 AND $2`;

/**
 * Paragraphs with a side drawn per article kind (state media lean to their side), a tone
 * that drifts slowly per side with noise around it, text from the vocabulary, and framing
 * sentences in some of them; the framing hits are written from the same draws.
 */
const INSERT_PARAGRAPHS_AND_HITS = `
  WITH drawn AS MATERIALIZED (
    SELECT a.n, a.monitor, a.source, a.occurred_at, a.side_a, a.side_b, g.idx,
           CASE WHEN a.lean IS NULL THEN
                  CASE WHEN d.side_draw < 0.30 THEN a.side_a WHEN d.side_draw < 0.55 THEN a.side_b
                       WHEN d.side_draw < 0.63 THEN 'mixed' ELSE 'neutral' END
                ELSE
                  CASE WHEN d.side_draw < 0.55 THEN a.lean
                       WHEN d.side_draw < 0.65 THEN CASE WHEN a.lean = a.side_a THEN a.side_b ELSE a.side_a END
                       WHEN d.side_draw < 0.70 THEN 'mixed' ELSE 'neutral' END
           END AS side,
           d.noise, d.speaker_pick, d.verb_pick, d.topic_pick, d.framed, d.frame_pick, d.negated, d.mixed_first
    FROM bench_articles a
    CROSS JOIN LATERAL generate_series(0, a.k - 1) AS g(idx)
    CROSS JOIN LATERAL (
      SELECT random() + 0 * g.idx AS side_draw,
             random() + random() + random() - 1.5 AS noise,
             floor(random() * 8)::int AS speaker_pick,
             floor(random() * ${VERBS.length})::int AS verb_pick,
             floor(random() * ${TOPICS.length})::int AS topic_pick,
             random() < $3 AS framed,
             floor(random() * ${FRAME_SENTENCES.length})::int AS frame_pick,
             random() < $4 AS negated,
             random() < 0.5 AS mixed_first
    ) d
    WHERE a.n BETWEEN $1 AND $2
  ), written AS MATERIALIZED (
    SELECT d.*, f.frame, f.phrase,
           f.phrase IS NOT NULL AND d.negated AND strpos(f.sentence, '{neg}') > 0 AS frame_negated,
           CASE WHEN d.side = 'neutral' THEN NULL WHEN d.side = 'mixed' THEN sa.speaker ELSE s.speaker END AS speaker,
           concat_ws(' ',
             CASE WHEN d.side = 'neutral'
                    THEN (ARRAY[${NARRATION.map((t) => `'${t.replace(/'/g, "''")}'`).join(', ')}])[d.topic_pick % ${NARRATION.length} + 1]
                  WHEN d.side = 'mixed'
                    THEN sa.speaker || ' ' || v.verb || ' that ' || t.topic || ', while ' || sb.speaker || ' said the other side was to blame.'
                  ELSE s.speaker || ' ' || v.verb || ' that ' || t.topic || '.'
             END,
             replace(f.sentence, '{neg}', CASE WHEN d.negated THEN 'not ' ELSE '' END)
           ) AS text,
           -- tone drifts slowly per side (months-long waves) so the charts have something to show
           greatest(-1, least(1,
             CASE d.side
               WHEN d.side_a THEN -0.04 + 0.10 * sin(extract(epoch FROM d.occurred_at) / 86400 / 45)
               WHEN d.side_b THEN -0.12 + 0.15 * sin(extract(epoch FROM d.occurred_at) / 86400 / 60 + 1)
               WHEN 'mixed' THEN -0.08
               ELSE 0.01
             END + 0.45 * d.noise
           )) AS tone_value
    FROM drawn d
    JOIN (VALUES ${VERBS.map((verb, i) => `(${i}, '${verb}')`).join(', ')}) AS v(pick, verb) ON v.pick = d.verb_pick
    JOIN (VALUES ${TOPICS.map((topic, i) => `(${i}, '${topic}')`).join(', ')}) AS t(pick, topic) ON t.pick = d.topic_pick
    LEFT JOIN bench_speakers s ON s.side = d.side AND s.pick = d.speaker_pick
    LEFT JOIN bench_speakers sa ON sa.side = CASE WHEN d.mixed_first THEN d.side_a ELSE d.side_b END AND sa.pick = d.speaker_pick
    LEFT JOIN bench_speakers sb ON sb.side = CASE WHEN d.mixed_first THEN d.side_b ELSE d.side_a END AND sb.pick = (d.speaker_pick + 3) % 8
    LEFT JOIN bench_frames f ON d.framed AND f.pick = d.frame_pick
  ), inserted AS (
    INSERT INTO paragraphs (article_id, idx, text, start_offset, end_offset, monitor, source, occurred_at,
                            side, speaker, side_reason, evidence_start, evidence_end, targets,
                            tone_value, tone_score, tone_comparative, tone_label, reprint)
    SELECT lpad(to_hex(w.n), 32, '0')::uuid, w.idx, w.text, w.idx * 400, w.idx * 400 + length(w.text),
           w.monitor, w.source, w.occurred_at, w.side, w.speaker,
           CASE WHEN w.speaker IS NULL THEN 'narration' ELSE 'synthetic speaker' END,
           CASE WHEN w.speaker IS NULL THEN NULL ELSE 0 END, length(w.speaker),
           ARRAY[w.side_a, w.side_b], w.tone_value, round(w.tone_value * 10), w.tone_value / 5,
           CASE WHEN w.tone_value > 0.05 THEN 'positive' WHEN w.tone_value < -0.05 THEN 'negative' ELSE 'neutral' END,
           ${REPRINT('w.n')}
    FROM written w
    ORDER BY w.n, w.idx
    RETURNING id, article_id, idx, text
  )
  INSERT INTO framing_hits (paragraph_id, article_id, frame, phrase, side, negated, start_offset, end_offset,
                            monitor, source, occurred_at, reprint)
  SELECT i.id, i.article_id, w.frame, w.phrase,
         CASE WHEN w.side = 'mixed' THEN CASE WHEN w.mixed_first THEN w.side_a ELSE w.side_b END ELSE w.side END,
         w.frame_negated, strpos(i.text, w.phrase) - 1, strpos(i.text, w.phrase) - 1 + length(w.phrase),
         w.monitor, w.source, w.occurred_at, ${REPRINT('w.n')}
  FROM inserted i
  JOIN written w ON lpad(to_hex(w.n), 32, '0')::uuid = i.article_id AND w.idx = i.idx
  WHERE w.frame IS NOT NULL`;

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
