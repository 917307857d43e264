import { type Client } from 'pg';

/**
 * Set-based writers for the rollup tests: many articles, and all their paragraphs in ONE
 * statement, the shape of a chunked store or a backfill. Articles spread over 48 hours, five
 * sources and no source, four sides, three kinds of targets and all tone labels, so a
 * statement touches many rollup keys and every article several of them.
 */
export async function insertBulkArticles(db: Client, articles: number, tag: string): Promise<void> {
  await db.query(
    `INSERT INTO articles (monitors, source, occurred_at, body, content_hash, status)
     SELECT '{us-china}', CASE WHEN g % 7 = 0 THEN NULL ELSE 'Wire ' || (g % 5) END,
            timestamptz '2026-01-01' + make_interval(mins => (g * 37) % 2880),
            'Bulk body ' || g, $2 || '-' || g, 'scored'
     FROM generate_series(1, $1::int) g`,
    [articles, tag],
  );
}

/**
 * One INSERT of `perArticle` paragraphs for each of the (at most `limit`) articles whose hash
 * starts with the tag, from index `firstIdx` on; `variant` shifts sides and tone so that a
 * re-analysis writes other figures. Returns the number of rows written.
 */
export async function insertBulkParagraphs(
  db: Client,
  options: { tag: string; perArticle: number; firstIdx?: number; variant?: number; limit?: number },
): Promise<number> {
  const result = await db.query(
    `INSERT INTO paragraphs (article_id, monitor, source, occurred_at, idx, text, start_offset,
       end_offset, side, side_reason, targets, tone_value, tone_score, tone_comparative, tone_label)
     SELECT a.id, a.monitors[1], a.source, a.occurred_at, $3 + i, 'Plain words number ' || i, 0, 20,
            (ARRAY['us', 'china', 'neutral', 'mixed'])[1 + (i * 3 + $4 + hashtext(a.content_hash) & 1023) % 4],
            'bulk',
            CASE (i + $4) % 3 WHEN 0 THEN '{}'::text[] WHEN 1 THEN ARRAY['us'] ELSE ARRAY['us', 'china'] END,
            ((i + $4) % 5 - 2) / 2.0, 0, 0,
            (ARRAY['negative', 'negative', 'neutral', 'positive', 'positive'])[1 + (i + $4) % 5]
     FROM (SELECT * FROM articles WHERE starts_with(content_hash, $1 || '-') ORDER BY id LIMIT $5) a
     CROSS JOIN generate_series(0, $2::int - 1) i`,
    [
      options.tag,
      options.perArticle,
      options.firstIdx ?? 0,
      options.variant ?? 0,
      options.limit ?? null,
    ],
  );
  return result.rowCount ?? 0;
}

/** One INSERT of a framing hit for every paragraph of the tagged articles whose idx is even. */
export async function insertBulkHits(db: Client, tag: string): Promise<number> {
  const result = await db.query(
    `INSERT INTO framing_hits (paragraph_id, article_id, frame, phrase, side, negated,
       start_offset, end_offset, monitor, source, occurred_at)
     SELECT p.id, p.article_id, (ARRAY['restraint', 'pressure'])[1 + p.idx % 4 / 2], 'words', p.side,
            p.idx % 3 = 0, 6, 11, p.monitor, p.source, p.occurred_at
     FROM paragraphs p JOIN articles a ON a.id = p.article_id
     WHERE starts_with(a.content_hash, $1 || '-') AND p.idx % 2 = 0`,
    [tag],
  );
  return result.rowCount ?? 0;
}

const ROLLUP_TABLES: { table: string; key: string }[] = [
  { table: 'paragraph_rollups', key: 'monitor, reprint, hour, side, source' },
  { table: 'paragraph_side_rollups', key: 'monitor, reprint, hour, side' },
  { table: 'paragraph_daily_rollups', key: 'monitor, reprint, day, side, source' },
  { table: 'paragraph_side_daily_rollups', key: 'monitor, reprint, day, side' },
  { table: 'paragraph_target_rollups', key: 'monitor, source, reprint, hour, side, target' },
  { table: 'paragraph_target_side_rollups', key: 'monitor, reprint, hour, side, target' },
  { table: 'paragraph_target_daily_rollups', key: 'monitor, reprint, day, side, target' },
  {
    table: 'paragraph_target_source_daily_rollups',
    key: 'monitor, source, reprint, day, side, target',
  },
  { table: 'framing_rollups', key: 'monitor, reprint, day, frame, side, negated, source' },
  { table: 'framing_side_rollups', key: 'monitor, reprint, day, frame, side, negated' },
];

/**
 * Every rollup table's rows that count something, tone sums rounded (float addition order
 * differs between a trigger's deltas and a rebuild); keys whose counts went back to zero are
 * kept by the triggers and dropped by a rebuild, so they are left out.
 */
export async function rollupSnapshot(db: Client): Promise<Record<string, unknown[]>> {
  const snapshot: Record<string, unknown[]> = {};
  for (const { table, key } of ROLLUP_TABLES) {
    const measure = table.startsWith('framing_') ? 'hits' : 'paragraphs';
    const row =
      measure === 'hits'
        ? 'to_jsonb(t)'
        : `(to_jsonb(t) - 'tone_sum') || jsonb_build_object('tone_sum', round(t.tone_sum::numeric, 4))`;
    const { rows } = await db.query(
      `SELECT ${row} AS row FROM ${table} t WHERE ${measure} <> 0 ORDER BY ${key}`,
    );
    snapshot[table] = rows.map((r: { row: unknown }) => r.row);
  }
  return snapshot;
}
