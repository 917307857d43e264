import { randomUUID } from 'node:crypto';
import { type Client } from 'pg';

export interface SeedFrame {
  frame: string;
  phrase: string;
  side: string;
  negated?: boolean;
}

export interface SeedParagraph {
  side: string;
  tone: number;
  text: string;
  speaker?: string;
  /** the sides the paragraph talks about; none by default */
  targets?: string[];
  frames?: SeedFrame[];
  /** tone evidence, placed where its term is in the text */
  toneTerms?: { term: string; weight: number; source?: string }[];
}

export interface SeedArticle {
  monitor?: string;
  source: string | null;
  occurredAt: string;
  title?: string;
  paragraphs: SeedParagraph[];
}

/**
 * Stores an article as the scoring worker would leave it (scored, paragraphs with their
 * denormalised monitor/source/time, framing hits), with tone labels from the sign of the
 * value and hits placed where their phrase is in the text. Returns the article id.
 */
export async function seedArticle(db: Client, article: SeedArticle): Promise<string> {
  const id = randomUUID();
  const monitor = article.monitor ?? 'us-china';
  const body = article.paragraphs.map((p) => p.text).join('\n\n');
  await db.query(
    `INSERT INTO articles (id, monitors, source, url, title, occurred_at, body, content_hash, status, analysis_version)
     VALUES ($1, ARRAY[$2::text], $3, $4, $5, $6, $7, $8, 'scored', 'test')`,
    [
      id,
      monitor,
      article.source,
      `https://news.example/${id}`,
      article.title ?? `Article ${id}`,
      article.occurredAt,
      body,
      id,
    ],
  );
  let offset = 0;
  for (const [index, p] of article.paragraphs.entries()) {
    const label = p.tone > 0 ? 'positive' : p.tone < 0 ? 'negative' : 'neutral';
    const speakerAt = p.speaker ? p.text.indexOf(p.speaker) : -1;
    const inserted = await db.query<{ id: string }>(
      `INSERT INTO paragraphs (article_id, idx, text, start_offset, end_offset, monitor, source, occurred_at,
                               side, speaker, side_reason, evidence_start, evidence_end, tone_value, tone_score,
                               tone_comparative, tone_label, tone_terms, targets)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, 'seeded', $11, $12, $13, 0, 0, $14, $15, $16)
       RETURNING id`,
      [
        id,
        index,
        p.text,
        offset,
        offset + p.text.length,
        monitor,
        article.source,
        article.occurredAt,
        p.side,
        p.speaker ?? null,
        speakerAt >= 0 ? speakerAt : null,
        speakerAt >= 0 ? speakerAt + (p.speaker?.length ?? 0) : null,
        p.tone,
        label,
        JSON.stringify(
          (p.toneTerms ?? []).map((t) => {
            const start = p.text.indexOf(t.term);
            return {
              term: t.term,
              weight: t.weight,
              source: t.source ?? 'phrase',
              negated: false,
              start,
              end: start + t.term.length,
            };
          }),
        ),
        p.targets ?? [],
      ],
    );
    offset += p.text.length + 2;
    for (const f of p.frames ?? []) {
      const start = p.text.indexOf(f.phrase);
      if (start < 0) throw new Error(`seed: "${f.phrase}" is not in "${p.text}"`);
      await db.query(
        `INSERT INTO framing_hits (paragraph_id, article_id, frame, phrase, side, negated, start_offset,
                                   end_offset, monitor, source, occurred_at)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11)`,
        [
          inserted.rows[0].id,
          id,
          f.frame,
          f.phrase,
          f.side,
          f.negated ?? false,
          start,
          start + f.phrase.length,
          monitor,
          article.source,
          article.occurredAt,
        ],
      );
    }
  }
  return id;
}

/** Rollup rows with paragraphs, and the same figures computed from the raw tables. */
export async function rollupsAndRaw(db: Client): Promise<{ rollups: unknown[]; raw: unknown[] }> {
  const paragraphColumns = `monitor, hour, side, source, paragraphs, articles, round(tone_sum::numeric, 5) AS tone_sum, positive, negative, neutral`;
  const rollups = await db.query(
    `SELECT ${paragraphColumns} FROM paragraph_rollups WHERE paragraphs > 0 ORDER BY 1, 2, 3, 4`,
  );
  const raw = await db.query(
    `SELECT ${paragraphColumns} FROM (
       SELECT monitor, date_trunc('hour', occurred_at, 'UTC') AS hour, side, source, count(*)::int AS paragraphs,
              count(DISTINCT article_id)::int AS articles, sum(tone_value::float8) AS tone_sum,
              (count(*) FILTER (WHERE tone_label = 'positive'))::int AS positive,
              (count(*) FILTER (WHERE tone_label = 'negative'))::int AS negative,
              (count(*) FILTER (WHERE tone_label = 'neutral'))::int AS neutral
       FROM paragraphs GROUP BY 1, 2, 3, 4) r
     ORDER BY 1, 2, 3, 4`,
  );
  const hitRollups = await db.query(
    `SELECT monitor, day, frame, side, negated, source, hits FROM framing_rollups WHERE hits > 0 ORDER BY 1, 2, 3, 4, 5, 6`,
  );
  const hitRaw = await db.query(
    `SELECT monitor, date_trunc('day', occurred_at, 'UTC') AS day, frame, side, negated, source, count(*)::int AS hits
     FROM framing_hits GROUP BY 1, 2, 3, 4, 5, 6 ORDER BY 1, 2, 3, 4, 5, 6`,
  );
  const sideRollups = await db.query(
    `SELECT monitor, hour, side, paragraphs, articles, round(tone_sum::numeric, 5) AS tone_sum, positive, negative, neutral
     FROM paragraph_side_rollups WHERE paragraphs > 0 ORDER BY 1, 2, 3`,
  );
  const sideRaw = await db.query(
    `SELECT monitor, date_trunc('hour', occurred_at, 'UTC') AS hour, side, count(*)::int AS paragraphs,
            count(DISTINCT article_id)::int AS articles, round(sum(tone_value::float8)::numeric, 5) AS tone_sum,
            (count(*) FILTER (WHERE tone_label = 'positive'))::int AS positive,
            (count(*) FILTER (WHERE tone_label = 'negative'))::int AS negative,
            (count(*) FILTER (WHERE tone_label = 'neutral'))::int AS neutral
     FROM paragraphs GROUP BY 1, 2, 3 ORDER BY 1, 2, 3`,
  );
  // directional: each paragraph once per target, or once under NULL when it names none
  const targetColumns = `monitor, hour, side, target, source, paragraphs, round(tone_sum::numeric, 5) AS tone_sum, positive, negative, neutral`;
  const targetRollups = await db.query(
    `SELECT ${targetColumns} FROM paragraph_target_rollups WHERE paragraphs > 0 ORDER BY 1, 2, 3, 4, 5`,
  );
  const targetRaw = await db.query(
    `SELECT ${targetColumns} FROM (
       SELECT monitor, date_trunc('hour', occurred_at, 'UTC') AS hour, side, target, source,
              count(*)::int AS paragraphs, sum(tone_value::float8) AS tone_sum,
              (count(*) FILTER (WHERE tone_label = 'positive'))::int AS positive,
              (count(*) FILTER (WHERE tone_label = 'negative'))::int AS negative,
              (count(*) FILTER (WHERE tone_label = 'neutral'))::int AS neutral
       FROM (SELECT p.*, t.target FROM paragraphs p
             LEFT JOIN LATERAL unnest(p.targets) AS t(target) ON true) exploded
       GROUP BY 1, 2, 3, 4, 5) r
     ORDER BY 1, 2, 3, 4, 5`,
  );
  const targetSideRollups = await db.query(
    `SELECT monitor, hour, side, target, sum(paragraphs)::int AS paragraphs,
            round(sum(tone_sum)::numeric, 5) AS tone_sum, sum(positive)::int AS positive,
            sum(negative)::int AS negative, sum(neutral)::int AS neutral
     FROM paragraph_target_side_rollups WHERE paragraphs > 0 GROUP BY 1, 2, 3, 4 ORDER BY 1, 2, 3, 4`,
  );
  const targetSideFromSource = await db.query(
    `SELECT monitor, hour, side, target, sum(paragraphs)::int AS paragraphs,
            round(sum(tone_sum)::numeric, 5) AS tone_sum, sum(positive)::int AS positive,
            sum(negative)::int AS negative, sum(neutral)::int AS neutral
     FROM paragraph_target_rollups WHERE paragraphs > 0 GROUP BY 1, 2, 3, 4 ORDER BY 1, 2, 3, 4`,
  );
  const targetDaily = await db.query(
    `SELECT monitor, day, side, target, paragraphs, round(tone_sum::numeric, 5) AS tone_sum,
            positive, negative, neutral
     FROM paragraph_target_daily_rollups WHERE paragraphs > 0 ORDER BY 1, 2, 3, 4`,
  );
  const targetDailyFromHours = await db.query(
    `SELECT monitor, date_trunc('day', hour, 'UTC') AS day, side, target,
            sum(paragraphs)::int AS paragraphs, round(sum(tone_sum)::numeric, 5) AS tone_sum,
            sum(positive)::int AS positive, sum(negative)::int AS negative,
            sum(neutral)::int AS neutral
     FROM paragraph_target_side_rollups WHERE paragraphs > 0 GROUP BY 1, 2, 3, 4 ORDER BY 1, 2, 3, 4`,
  );
  // the daily tables, each against the raw rows grouped by UTC day
  const toneByDay = (table: string, source: string) =>
    Promise.all([
      db.query(
        `SELECT monitor, day, side, ${source} paragraphs, articles,
                round(tone_sum::numeric, 5) AS tone_sum, positive, negative, neutral
         FROM ${table} WHERE paragraphs > 0 ORDER BY 1, 2, 3${source ? ', 4' : ''}`,
      ),
      db.query(
        `SELECT monitor, date_trunc('day', occurred_at, 'UTC') AS day, side, ${source}
                count(*)::int AS paragraphs, count(DISTINCT article_id)::int AS articles,
                round(sum(tone_value::float8)::numeric, 5) AS tone_sum,
                (count(*) FILTER (WHERE tone_label = 'positive'))::int AS positive,
                (count(*) FILTER (WHERE tone_label = 'negative'))::int AS negative,
                (count(*) FILTER (WHERE tone_label = 'neutral'))::int AS neutral
         FROM paragraphs GROUP BY 1, 2, 3${source ? ', 4' : ''} ORDER BY 1, 2, 3${source ? ', 4' : ''}`,
      ),
    ]);
  const [daily, dailyRaw] = await toneByDay('paragraph_daily_rollups', 'source,');
  const [sideDaily, sideDailyRaw] = await toneByDay('paragraph_side_daily_rollups', '');
  const hitSideDaily = await db.query(
    `SELECT monitor, day, frame, side, negated, hits FROM framing_side_rollups WHERE hits > 0
     ORDER BY 1, 2, 3, 4, 5`,
  );
  const hitSideDailyRaw = await db.query(
    `SELECT monitor, date_trunc('day', occurred_at, 'UTC') AS day, frame, side, negated,
            count(*)::int AS hits
     FROM framing_hits GROUP BY 1, 2, 3, 4, 5 ORDER BY 1, 2, 3, 4, 5`,
  );
  const targetSourceDaily = await db.query(
    `SELECT monitor, source, day, side, target, paragraphs, round(tone_sum::numeric, 5) AS tone_sum,
            positive, negative, neutral
     FROM paragraph_target_source_daily_rollups WHERE paragraphs > 0 ORDER BY 1, 2, 3, 4, 5`,
  );
  const targetSourceDailyFromHours = await db.query(
    `SELECT monitor, source, date_trunc('day', hour, 'UTC') AS day, side, target,
            sum(paragraphs)::int AS paragraphs, round(sum(tone_sum)::numeric, 5) AS tone_sum,
            sum(positive)::int AS positive, sum(negative)::int AS negative,
            sum(neutral)::int AS neutral
     FROM paragraph_target_rollups WHERE paragraphs > 0 GROUP BY 1, 2, 3, 4, 5 ORDER BY 1, 2, 3, 4, 5`,
  );
  return {
    rollups: [
      ...rollups.rows,
      ...sideRollups.rows,
      ...hitRollups.rows,
      ...targetRollups.rows,
      ...targetSideRollups.rows,
      ...targetDaily.rows,
      ...daily.rows,
      ...sideDaily.rows,
      ...hitSideDaily.rows,
      ...targetSourceDaily.rows,
    ],
    raw: [
      ...raw.rows,
      ...sideRaw.rows,
      ...hitRaw.rows,
      ...targetRaw.rows,
      ...targetSideFromSource.rows,
      ...targetDailyFromHours.rows,
      ...dailyRaw.rows,
      ...sideDailyRaw.rows,
      ...hitSideDailyRaw.rows,
      ...targetSourceDailyFromHours.rows,
    ],
  };
}
