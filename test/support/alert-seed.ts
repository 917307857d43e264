import { randomUUID } from 'node:crypto';
import { type Client } from 'pg';
import { projectPool } from '../../bench/alert-streams';
import { runCli } from '../../src/cli';

const DAY_MS = 86_400_000;

/** Four weeks of ordinary Chinese-side paragraphs, so the detectors are armed. */
export async function seedBaseline(db: Client): Promise<void> {
  const paragraphs = projectPool().groups.flat();
  const articles = 160;
  const ids: string[] = [];
  const times: Date[] = [];
  const sources: string[] = [];
  for (let i = 0; i < articles; i++) {
    ids.push(randomUUID());
    times.push(new Date(Date.now() - 3 * DAY_MS - (i / articles) * 22 * DAY_MS));
    sources.push(`outlet-${i % 4}`);
  }
  await db.query(
    `INSERT INTO articles (id, monitors, source, occurred_at, body, content_hash, status)
     SELECT id, '{us-china}', source, at, 'seeded', 'seed-' || id, 'scored'
       FROM unnest($1::uuid[], $2::text[], $3::timestamptz[]) AS a (id, source, at)`,
    [ids, sources, times],
  );
  const rows = ids.flatMap((id, i) =>
    [0, 1].map((idx) => ({
      id,
      idx,
      source: sources[i],
      at: times[i],
      p: paragraphs[(i * 2 + idx) % paragraphs.length],
    })),
  );
  await db.query(
    `INSERT INTO paragraphs (article_id, idx, text, start_offset, end_offset, monitor, source, occurred_at,
                             side, side_reason, tone_value, tone_score, tone_comparative, tone_label)
     SELECT article_id, idx, text, 0, length(text), 'us-china', source, at, 'china', 'seeded', tone, 0, 0, label
       FROM unnest($1::uuid[], $2::int[], $3::text[], $4::text[], $5::timestamptz[], $6::real[], $7::text[])
            AS p (article_id, idx, text, source, at, tone, label)`,
    [
      rows.map((r) => r.id),
      rows.map((r) => r.idx),
      rows.map((r) => r.p.text),
      rows.map((r) => r.source),
      rows.map((r) => r.at),
      rows.map((r) => r.p.value),
      rows.map((r) => (r.p.negative ? 'negative' : r.p.value > 0.05 ? 'positive' : 'neutral')),
    ],
  );
}

export function hostileArticle(tag: string): string {
  return [
    `China's foreign ministry condemned the new US sanctions as illegal and dangerous, warning of serious consequences (${tag}).`,
    // the tag in both paragraphs: two posts are two stories, not one wire story reprinted
    `Chinese Foreign Ministry spokesman Wang Wenbin said the decision was a grave mistake that had destroyed trust and hurt both peoples (${tag}).`,
  ].join('\n\n');
}

/** `backtest --json` of a rule file over the last hour (and the next minute) of a database. */
export async function backtestLastHour(
  databaseUrl: string,
  file: string,
  extra: string[] = [],
): Promise<{ code: number; out: string; err: string }> {
  let out = '';
  let err = '';
  const code = await runCli(
    [
      'backtest',
      '--rule',
      file,
      '--since',
      new Date(Date.now() - 3_600_000).toISOString(),
      '--until',
      new Date(Date.now() + 60_000).toISOString(),
      '--database-url',
      databaseUrl,
      '--json',
      ...extra,
    ],
    { stdin: [], stdout: (t) => (out += t), stderr: (t) => (err += t) },
  );
  return { code, out, err };
}
