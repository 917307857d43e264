import { type Server } from 'node:http';
import { type INestApplication } from '@nestjs/common';
import { Client } from 'pg';
import request from 'supertest';
import { type DirectionalToneDto } from '../../src/dashboard/dto/directional.dto';
import { type FramingTopDto } from '../../src/dashboard/dto/framing.dto';
import {
  type SourceBreakdownDto,
  type ToneSummaryDto,
  type ToneTimeseriesDto,
} from '../../src/dashboard/dto/tone.dto';
import { seedArticle, type SeedParagraph } from '../support/dashboard-seed';
import { startTestApi } from '../support/test-app';
import { createTestEnv, type TestEnv } from '../support/test-env';

/**
 * The dashboard reads a range from three tables at once: daily rollups for whole UTC days (those
 * no bucket boundary of the zone cuts), hourly rollups for the other whole hours, paragraphs for
 * the partial hours at the ends. Every figure must equal the same figure computed from the raw
 * rows in one GROUP BY, for zones that are at UTC, east and west of it, change offset on a DST
 * day, or sit half an hour off (which reads raw rows only), for both syndication modes.
 */
describe('dashboard figures from daily, hourly and raw parts', () => {
  let env: TestEnv;
  let app: INestApplication;
  let db: Client;
  const get = async <T>(path: string): Promise<T> =>
    (
      await request(app.getHttpServer() as Server)
        .get(`/api${path}`)
        .expect(200)
    ).body as T;

  const FROM = '2025-03-02T05:30:00.000Z';
  const TO = '2025-04-18T17:45:00.000Z';
  const range = `from=${FROM}&to=${TO}`;
  const ZONES = ['UTC', 'Europe/Paris', 'Asia/Tokyo', 'America/New_York', 'Asia/Kolkata'];
  const MODES = ['collapse', 'all'] as const;
  const SIDES = ['us', 'china', 'mixed', 'neutral'];
  const SOURCES = ['Outlet One', 'Outlet Two', 'Outlet Three', null];
  const FRAMES = ['respectful', 'serious-difficulties', 'red-line'];

  /** A fixed pseudo-random sequence, so a failure repeats. */
  function sequence(seed: number): () => number {
    let state = seed;
    return () => {
      state = (state * 1_103_515_245 + 12_345) % 2_147_483_648;
      return state / 2_147_483_648;
    };
  }

  const reprintCondition = (mode: (typeof MODES)[number]) =>
    mode === 'collapse' ? 'AND NOT reprint' : '';

  beforeAll(async () => {
    env = await createTestEnv();
    db = new Client({ connectionString: env.databaseUrl });
    await db.connect();
    const next = sequence(7);
    const start = Date.parse('2025-03-01T00:00:00Z');
    const span = Date.parse('2025-04-20T00:00:00Z') - start;
    const ids: string[] = [];
    for (let i = 0; i < 160; i++) {
      // whole minutes, some exactly on an hour or a UTC midnight
      const minute = Math.floor(next() * (span / 60_000));
      const at = start + (i % 10 === 0 ? Math.floor(minute / 1440) * 1440 : minute) * 60_000;
      const paragraphs: SeedParagraph[] = Array.from({ length: 1 + Math.floor(next() * 3) }, () => {
        const frame = next() < 0.4 ? FRAMES[Math.floor(next() * FRAMES.length)] : null;
        const side = SIDES[Math.floor(next() * SIDES.length)];
        const target = next() < 0.5 ? ['us', 'china'][Math.floor(next() * 2)] : null;
        return {
          side,
          targets: target ? [target] : [],
          tone: Math.round((next() * 2 - 1) * 100) / 100,
          text: frame ? `The envoy spoke of ${frame.replace(/-/g, ' ')} today.` : 'Talks went on.',
          frames: frame
            ? [{ frame, phrase: frame.replace(/-/g, ' '), side, negated: next() < 0.2 }]
            : [],
        };
      });
      ids.push(
        await seedArticle(db, {
          source: SOURCES[Math.floor(next() * SOURCES.length)],
          occurredAt: new Date(at).toISOString(),
          paragraphs,
        }),
      );
    }
    // one article in five a wire reprint: the triggers move its figures to the reprint keys
    for (const table of ['paragraphs', 'framing_hits']) {
      await db.query(`UPDATE ${table} SET reprint = true WHERE article_id = ANY($1::uuid[])`, [
        ids.filter((_, i) => i % 5 === 2),
      ]);
    }
    app = await startTestApi(env.config);
  }, 60_000);

  afterAll(async () => {
    await app?.close();
    await db?.end();
    await env?.drop();
  }, 30_000);

  it.each(ZONES.flatMap((zone) => MODES.map((mode) => [zone, mode] as const)))(
    'timeseries by day and by week in %s (%s) equal the raw rows',
    async (zone, mode) => {
      for (const bucket of ['day', 'week']) {
        const res = await get<ToneTimeseriesDto>(
          `/tone/timeseries?${range}&bucket=${bucket}&tz=${zone}&syndication=${mode}`,
        );
        const raw = await db.query<{ start: Date; side: string; n: number; mean: number }>(
          `SELECT date_trunc($1, occurred_at, $2) AS start, side, count(*)::int AS n,
                  avg(tone_value::float8) AS mean
           FROM paragraphs
           WHERE monitor = 'us-china' AND occurred_at >= $3 AND occurred_at < $4 ${reprintCondition(mode)}
           GROUP BY 1, 2`,
          [bucket, zone, FROM, TO],
        );
        const expected = new Map(
          raw.rows.map((r) => [`${r.start.toISOString()} ${r.side}`, r] as const),
        );
        let compared = 0;
        for (const series of res.series) {
          res.buckets.forEach((start, i) => {
            const row = expected.get(`${start} ${series.side}`);
            expect([bucket, start, series.side, series.paragraphs[i]]).toEqual([
              bucket,
              start,
              series.side,
              row?.n ?? 0,
            ]);
            if (row) {
              expect(series.meanTone[i]).toBeCloseTo(row.mean, 3);
              compared++;
            }
          });
        }
        expect(compared).toBe(raw.rows.length);
      }
    },
  );

  it.each(MODES)('summary, sources and framing counts (%s) equal the raw rows', async (mode) => {
    const summary = await get<ToneSummaryDto>(`/tone/summary?${range}&syndication=${mode}`);
    const sides = await db.query<{ side: string; n: number; articles: number }>(
      `SELECT side, count(*)::int AS n, count(DISTINCT article_id)::int AS articles FROM paragraphs
       WHERE monitor = 'us-china' AND occurred_at >= $1 AND occurred_at < $2 ${reprintCondition(mode)}
       GROUP BY side ORDER BY side`,
      [FROM, TO],
    );
    expect(
      summary.sides
        .filter((s) => s.current.paragraphs > 0)
        .map((s) => ({ side: s.side, n: s.current.paragraphs, articles: s.current.articles }))
        .sort((a, b) => a.side.localeCompare(b.side)),
    ).toEqual(sides.rows);

    const breakdown = await get<SourceBreakdownDto>(
      `/sources/breakdown?${range}&syndication=${mode}`,
    );
    const sources = await db.query<{ source: string | null; n: number }>(
      `SELECT source, count(*)::int AS n FROM paragraphs
       WHERE monitor = 'us-china' AND occurred_at >= $1 AND occurred_at < $2 ${reprintCondition(mode)}
       GROUP BY source`,
      [FROM, TO],
    );
    expect(
      Object.fromEntries(breakdown.sources.map((s) => [String(s.source), s.paragraphs])),
    ).toEqual(Object.fromEntries(sources.rows.map((s) => [String(s.source), s.n])));

    for (const source of [null, 'Outlet Two']) {
      const top = await get<FramingTopDto>(
        `/framing/top?${range}&syndication=${mode}${source ? `&source=${encodeURIComponent(source)}` : ''}`,
      );
      const hits = await db.query<{ side: string; frame: string; hits: number; negated: number }>(
        `SELECT side, frame, (count(*) FILTER (WHERE NOT negated))::int AS hits,
                (count(*) FILTER (WHERE negated))::int AS negated
         FROM framing_hits
         WHERE monitor = 'us-china' AND occurred_at >= $1 AND occurred_at < $2
           AND ($3::text IS NULL OR source = $3) ${reprintCondition(mode)}
         GROUP BY side, frame`,
        [FROM, TO, source],
      );
      const got = top.sides.flatMap((s) =>
        s.frames.map((f) => `${s.side} ${f.frame} ${f.hits} ${f.negated}`),
      );
      expect(got.sort()).toEqual(
        hits.rows.map((h) => `${h.side} ${h.frame} ${h.hits} ${h.negated}`).sort(),
      );
      expect(got.length).toBeGreaterThan(3);
    }
  });

  it.each(MODES)(
    'the directional matrix (%s), of every outlet and of one, equals the raw rows',
    async (mode) => {
      for (const source of [null, 'Outlet Three']) {
        const matrix = await get<DirectionalToneDto>(
          `/tone/directional?${range}&syndication=${mode}${source ? `&source=${encodeURIComponent(source)}` : ''}`,
        );
        const raw = await db.query<{ side: string; target: string | null; n: number }>(
          `SELECT side, targets[1] AS target, count(*)::int AS n FROM paragraphs
         WHERE monitor = 'us-china' AND occurred_at >= $1 AND occurred_at < $2
           AND ($3::text IS NULL OR source = $3) ${reprintCondition(mode)}
         GROUP BY 1, 2`,
          [FROM, TO, source],
        );
        const got = matrix.cells
          .filter((c) => c.paragraphs > 0)
          .map((c) => `${c.side} ${c.target} ${c.paragraphs}`);
        expect(got.sort()).toEqual(raw.rows.map((r) => `${r.side} ${r.target} ${r.n}`).sort());
        expect(got.length).toBeGreaterThan(3);
      }
    },
  );
});
