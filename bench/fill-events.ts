/**
 * The events part of `bench:fill`: groups the synthetic articles into events in a few
 * set-based statements, where the worker would place them one at a time.
 *
 * Synthetic articles share no real content, so the grouping cannot be the service's TF-IDF;
 * it reproduces its shape instead. Each article draws one of a monitor's occurrences from a
 * seeded draw, and articles of one occurrence within one 3-day window form an event: an
 * event spans at most 3 days (the service allows 7 but joins within 72 hours), and about 5
 * articles fall in each event, a share of them alone (as unrelated stories are). The figures
 * the list shows (asymmetry, tone gap) are computed from the event's paragraphs and framing
 * hits as docs/events.md defines them; only the term divergence, which needs the text's
 * vocabulary, is drawn, since the synthetic text repeats a handful of sentences.
 */
import { type Client } from 'pg';
import { TOPICS } from './synthetic-vocabulary';

const WINDOW_DAYS = 3;
const ARTICLES_PER_EVENT = 5;

/** Reads bench_articles and the loaded paragraphs and hits; writes events, event_articles, event_term_days. */
export async function fillEvents(db: Client, log: (message: string) => void): Promise<void> {
  const topicWords = TOPICS.map((t) =>
    t
      .split(/\W+/)
      .filter((w) => w.length > 5)
      .slice(0, 4),
  );
  await db.query(
    `
    CREATE UNLOGGED TABLE bench_event_members AS
    WITH windows AS (
      SELECT a.n, a.monitor, a.occurred_at, a.side_a, a.side_b,
             floor(extract(epoch FROM a.occurred_at) / ($1 * 86400))::bigint AS window_no
      FROM bench_articles a
    ), occurrences AS (
      -- as many occurrences per window as make the mean event about $2 articles; the draw
      -- below is squared so that a few occurrences draw many articles and some only one
      SELECT monitor, greatest(1, round(count(*)::numeric / count(DISTINCT window_no) / $2))::bigint AS per_window
      FROM windows GROUP BY monitor
    )
    SELECT w.n, lpad(to_hex(w.n), 32, '0')::uuid AS article_id, w.monitor, w.occurred_at,
           w.side_a, w.side_b,
           -- version and variant digits set, as the API accepts only well-formed UUIDs
           overlay(overlay(md5(w.monitor || ':' || w.window_no || ':' || floor(o.per_window * random() ^ 2))
                           placing '4' from 13) placing '8' from 17)::uuid AS event_id
    FROM windows w JOIN occurrences o USING (monitor)`,
    [WINDOW_DAYS, ARTICLES_PER_EVENT],
  );
  await db.query(`CREATE INDEX ON bench_event_members (article_id)`);
  log('events: articles placed');

  await db.query(
    `
    INSERT INTO events (id, monitor, started_at, ended_at, article_count, central_article_id, title,
                        top_terms, centroid, created_at, updated_at)
    SELECT g.event_id, g.monitor, g.started_at, g.ended_at, g.articles, g.first_article,
           'Synthetic ' || g.monitor || ' report ' || g.first_n,
           t.words, jsonb_build_object(t.words[1], 0.5, t.words[2], 0.4, 'synthetic', 0.3),
           g.ended_at, g.ended_at
    FROM (
      SELECT event_id, monitor, min(occurred_at) AS started_at, max(occurred_at) AS ended_at,
             count(*)::int AS articles, min(n) AS first_n,
             (array_agg(article_id ORDER BY occurred_at, n))[1] AS first_article
      FROM bench_event_members GROUP BY event_id, monitor
    ) g
    JOIN json_to_recordset($1) AS t(pick int, words text[]) ON t.pick = g.first_n % $2`,
    [JSON.stringify(topicWords.map((words, pick) => ({ pick, words }))), topicWords.length],
  );
  await db.query(`
    INSERT INTO event_articles (article_id, event_id, monitor, occurred_at, similarity, terms, vector, assigned_at)
    SELECT m.article_id, m.event_id, m.monitor, m.occurred_at, 0.2 + 0.6 * random(),
           e.top_terms || ARRAY['synthetic'], e.centroid, m.occurred_at
    FROM bench_event_members m JOIN events e ON e.id = m.event_id`);
  await db.query(`
    INSERT INTO event_term_days (monitor, term, day, df)
    SELECT ea.monitor, t.term, (ea.occurred_at AT TIME ZONE 'UTC')::date, count(*)
    FROM event_articles ea CROSS JOIN LATERAL unnest(ea.terms) AS t(term)
    GROUP BY 1, 2, 3`);
  log('events: events, members and term frequencies written');

  await db.query(ASYMMETRY);
  await db.query(`DROP TABLE bench_event_members`);
  log('events: asymmetry computed');
}

/**
 * Tone gap between the monitor's two sides (the one with more paragraphs first) and the
 * asymmetry score 0.5 × min(1, |gap|) + 0.3 × frame divergence + 0.2 × term divergence.
 */
const ASYMMETRY = `
  WITH tone AS (
    SELECT m.event_id, m.side_a, m.side_b,
           count(*) FILTER (WHERE p.side = m.side_a) AS n_a, avg(p.tone_value) FILTER (WHERE p.side = m.side_a) AS tone_a,
           count(*) FILTER (WHERE p.side = m.side_b) AS n_b, avg(p.tone_value) FILTER (WHERE p.side = m.side_b) AS tone_b
    FROM bench_event_members m JOIN paragraphs p ON p.article_id = m.article_id
    GROUP BY m.event_id, m.side_a, m.side_b
  ), frame_use AS (
    SELECT m.event_id, h.frame, h.negated, bool_or(h.side = m.side_a) AS in_a, bool_or(h.side = m.side_b) AS in_b
    FROM bench_event_members m JOIN framing_hits h ON h.article_id = m.article_id
    WHERE h.side IN (m.side_a, m.side_b)
    GROUP BY m.event_id, h.frame, h.negated
  ), frames AS (
    SELECT event_id, count(*) FILTER (WHERE in_a <> in_b)::float8 / count(*) AS divergence
    FROM frame_use GROUP BY event_id
  ), scored AS (
    SELECT t.event_id,
           CASE WHEN t.n_a >= t.n_b THEN t.tone_a - t.tone_b ELSE t.tone_b - t.tone_a END AS gap,
           CASE WHEN t.n_a >= t.n_b THEN ARRAY[t.side_a, t.side_b] ELSE ARRAY[t.side_b, t.side_a] END AS sides,
           coalesce(f.divergence, 0) AS frame_divergence
    FROM tone t LEFT JOIN frames f USING (event_id)
    WHERE t.n_a > 0 AND t.n_b > 0
  )
  UPDATE events e
  SET tone_gap = s.gap, asymmetry_sides = s.sides,
      asymmetry = 0.5 * least(1, abs(s.gap)) + 0.3 * s.frame_divergence + 0.2 * (0.3 + 0.5 * random())
  FROM scored s WHERE e.id = s.event_id`;
