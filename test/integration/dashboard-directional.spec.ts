import { type Server } from 'node:http';
import { type INestApplication } from '@nestjs/common';
import { Client } from 'pg';
import request from 'supertest';
import {
  type DirectionalTimeseriesDto,
  type DirectionalToneDto,
} from '../../src/dashboard/dto/directional.dto';
import { rollupsAndRaw, seedArticle } from '../support/dashboard-seed';
import { startTestApi } from '../support/test-app';
import { createTestEnv, type TestEnv } from '../support/test-env';

/**
 * Known rows (us-china unless said otherwise), June 2025, UTC; speaker → targets, tone:
 *   A1 Reuters 06-02 10:30  china → us -0.6 | china → us -0.2 | china → us, china +0.4 | us → china -0.5
 *   A2 Xinhua  06-02 23:20  china → (none) +0.3 | us → china +0.1 | neutral → us, china 0
 *   A3 CNN     06-03 00:10  china → us -0.4 | mixed → us, china -0.3
 *   A4 CNN     06-05 08:00  china → us +0.9   (after the range)
 *   R1 russia-ukraine, Reuters 06-02 12:00  russia → ukraine -0.5   (another monitor)
 *
 * By hand, 06-02 to 06-04: china → us 4 paragraphs, tone sum -0.8, mean -0.2, 3 negative
 * (0.75), 1 positive; china → china 1, +0.4; china → none 1, +0.3; us → china 2, mean -0.2,
 * shares 0.5 / 0.5; mixed → us and mixed → china 1 each, -0.3; neutral → us and neutral →
 * china 1 each, 0, all neutral.
 */
describe('directional tone API', () => {
  let env: TestEnv;
  let app: INestApplication;
  let db: Client;
  const ids: Record<string, string> = {};
  const get = (path: string) => request(app.getHttpServer() as Server).get(path);
  const ok = async <T>(path: string): Promise<T> => (await get(path).expect(200)).body as T;
  const range = 'from=2025-06-02&to=2025-06-04';

  const cell = (m: DirectionalToneDto, side: string, target: string | null) => {
    const found = m.cells.find((c) => c.side === side && c.target === target);
    if (!found) throw new Error(`no cell ${side} → ${target}`);
    return found;
  };
  const figures = (m: DirectionalToneDto, side: string, target: string | null) => {
    const c = cell(m, side, target);
    return [c.paragraphs, c.meanTone, c.negativeShare, c.positiveShare, c.neutralShare];
  };

  beforeAll(async () => {
    env = await createTestEnv();
    db = new Client({ connectionString: env.databaseUrl });
    await db.connect();
    ids.a1 = await seedArticle(db, {
      source: 'Reuters',
      occurredAt: '2025-06-02T10:30:00Z',
      paragraphs: [
        {
          side: 'china',
          tone: -0.6,
          targets: ['us'],
          text: 'The ministry spokeswoman said Washington had gone back on its word about the port fees.',
        },
        {
          side: 'china',
          tone: -0.2,
          targets: ['us'],
          text: 'She added that the American side kept moving the goalposts.',
        },
        {
          side: 'china',
          tone: 0.4,
          targets: ['us', 'china'],
          text: 'Both capitals, she said, still had every reason to keep the ferry talks going.',
        },
        {
          side: 'us',
          tone: -0.5,
          targets: ['china'],
          text: 'A trade office aide said Beijing had stalled the inspection schedule again.',
        },
      ],
    });
    ids.a2 = await seedArticle(db, {
      source: 'Xinhua',
      occurredAt: '2025-06-02T23:20:00Z',
      paragraphs: [
        {
          side: 'china',
          tone: 0.3,
          text: 'A vice minister said the harvest season had gone well in the coastal provinces.',
        },
        {
          side: 'us',
          tone: 0.1,
          targets: ['china'],
          text: 'The embassy said it welcomed the new customs desk that Beijing opened.',
        },
        {
          side: 'neutral',
          tone: 0,
          targets: ['us', 'china'],
          text: 'Delegations from the two countries met for three hours on Monday.',
        },
      ],
    });
    ids.a3 = await seedArticle(db, {
      source: 'CNN',
      occurredAt: '2025-06-03T00:10:00Z',
      paragraphs: [
        {
          side: 'china',
          tone: -0.4,
          targets: ['us'],
          text: 'The foreign ministry said the American patrols were needlessly provocative.',
        },
        {
          side: 'mixed',
          tone: -0.3,
          targets: ['us', 'china'],
          text: 'Officials in both capitals said the other had soured the mood of the summit.',
        },
      ],
    });
    await seedArticle(db, {
      source: 'CNN',
      occurredAt: '2025-06-05T08:00:00Z',
      paragraphs: [
        {
          side: 'china',
          tone: 0.9,
          targets: ['us'],
          text: 'The spokesman said the American visit had been a warm success.',
        },
      ],
    });
    await seedArticle(db, {
      monitor: 'russia-ukraine',
      source: 'Reuters',
      occurredAt: '2025-06-02T12:00:00Z',
      paragraphs: [
        {
          side: 'russia',
          tone: -0.5,
          targets: ['ukraine'],
          text: 'The Kremlin said Kyiv had ignored the grain corridor terms.',
        },
      ],
    });
    app = await startTestApi(env.config);
  }, 30_000);

  afterAll(async () => {
    await app?.close();
    await db?.end();
    await env?.drop();
  }, 30_000);

  describe('GET /api/tone/directional', () => {
    it('gives every speaker × target cell with the hand-computed figures', async () => {
      const m = await ok<DirectionalToneDto>(`/api/tone/directional?${range}`);
      expect(m.monitor).toBe('us-china');
      expect(m.period).toEqual({
        from: '2025-06-02T00:00:00.000Z',
        to: '2025-06-04T00:00:00.000Z',
      });
      expect(m.speakers).toEqual(['us', 'china', 'mixed', 'neutral']);
      expect(m.targets).toEqual(['us', 'china', null]);
      expect(m.cells).toHaveLength(12);
      expect(m.cells.slice(0, 3).map((c) => [c.side, c.target])).toEqual([
        ['us', 'us'],
        ['us', 'china'],
        ['us', null],
      ]);
      expect(figures(m, 'china', 'us')).toEqual([4, -0.2, 0.75, 0.25, 0]);
      expect(figures(m, 'china', 'china')).toEqual([1, 0.4, 0, 1, 0]);
      expect(figures(m, 'china', null)).toEqual([1, 0.3, 0, 1, 0]);
      expect(figures(m, 'us', 'china')).toEqual([2, -0.2, 0.5, 0.5, 0]);
      expect(figures(m, 'us', 'us')).toEqual([0, null, null, null, null]);
      expect(figures(m, 'us', null)).toEqual([0, null, null, null, null]);
      expect(figures(m, 'mixed', 'us')).toEqual([1, -0.3, 1, 0, 0]);
      expect(figures(m, 'mixed', 'china')).toEqual([1, -0.3, 1, 0, 0]);
      expect(figures(m, 'mixed', null)).toEqual([0, null, null, null, null]);
      expect(figures(m, 'neutral', 'us')).toEqual([1, 0, 0, 0, 1]);
      expect(figures(m, 'neutral', 'china')).toEqual([1, 0, 0, 0, 1]);
    });

    it('is the same when the range ends inside hours (raw paragraphs at the edges)', async () => {
      const whole = await ok<DirectionalToneDto>(`/api/tone/directional?${range}`);
      // A1 (10:30) and A3 (00:10) fall in the partial hours, A2 in the whole ones
      const edges = await ok<DirectionalToneDto>(
        '/api/tone/directional?from=2025-06-02T10:15:00Z&to=2025-06-03T00:30:00Z',
      );
      expect(edges.cells).toEqual(whole.cells);
      const none = await ok<DirectionalToneDto>(
        '/api/tone/directional?from=2025-06-02T10:31:00Z&to=2025-06-02T23:00:00Z',
      );
      expect(none.cells.every((c) => c.paragraphs === 0 && c.meanTone === null)).toBe(true);
    });

    it('narrows by source, speaking side and target (- for no side named)', async () => {
      const reuters = await ok<DirectionalToneDto>(`/api/tone/directional?${range}&source=Reuters`);
      expect(figures(reuters, 'china', 'us')).toEqual([3, -0.1333, 0.6667, 0.3333, 0]);
      expect(figures(reuters, 'us', 'china')).toEqual([1, -0.5, 1, 0, 0]);
      expect(cell(reuters, 'china', null).paragraphs).toBe(0);

      const pair = await ok<DirectionalToneDto>(
        `/api/tone/directional?${range}&side=china&target=us`,
      );
      expect(pair.speakers).toEqual(['china']);
      expect(pair.targets).toEqual(['us']);
      expect(pair.cells).toEqual([
        cell(await ok<DirectionalToneDto>(`/api/tone/directional?${range}`), 'china', 'us'),
      ]);

      const untargeted = await ok<DirectionalToneDto>(`/api/tone/directional?${range}&target=-`);
      expect(untargeted.targets).toEqual([null]);
      expect(untargeted.cells.map((c) => [c.side, c.paragraphs, c.meanTone])).toEqual([
        ['us', 0, null],
        ['china', 1, 0.3],
        ['mixed', 0, null],
        ['neutral', 0, null],
      ]);

      const other = await ok<DirectionalToneDto>(
        `/api/tone/directional?${range}&monitor=russia-ukraine`,
      );
      expect(figures(other, 'russia', 'ukraine')).toEqual([1, -0.5, 1, 0, 0]);
    });

    it('refuses a target that is no side of the monitor, and the other filters as elsewhere', async () => {
      const taiwan = await get(`/api/tone/directional?${range}&target=taiwan`).expect(400);
      expect(JSON.stringify(taiwan.body)).toContain(
        'target must be one of us, china or - (no side named) for monitor us-china (got \\"taiwan\\")',
      );
      await get(`/api/tone/directional?${range}&target=mixed`).expect(400);
      await get(`/api/tone/directional?${range}&side=taiwan`).expect(400);
      await get(`/api/tone/directional?${range}&tz=Mars/Olympus`).expect(400);
      await get('/api/tone/directional?from=2025-06-04&to=2025-06-02').expect(400);
      await get(`/api/tone/directional?${range}&speaker=china`).expect(400);
    });
  });

  describe('GET /api/tone/directional/timeseries', () => {
    it('gives one pair per day bucket, empty buckets counting zero', async () => {
      const s = await ok<DirectionalTimeseriesDto>(
        `/api/tone/directional/timeseries?${range}&bucket=day&side=china&target=us`,
      );
      expect(s.bucket).toBe('day');
      expect(s.tz).toBe('UTC');
      expect(s.buckets).toEqual(['2025-06-02T00:00:00.000Z', '2025-06-03T00:00:00.000Z']);
      expect(s.series).toEqual([
        {
          side: 'china',
          target: 'us',
          paragraphs: [3, 1],
          meanTone: [-0.1333, -0.4],
          negativeShare: [0.6667, 1],
        },
      ]);
    });

    it('gives the same days when the range ends inside hours (daily, hourly and raw rows together)', async () => {
      const s = await ok<DirectionalTimeseriesDto>(
        '/api/tone/directional/timeseries?from=2025-06-01T22:30:00Z&to=2025-06-03T00:30:00Z&bucket=day&side=china&target=us',
      );
      expect(s.buckets).toEqual([
        '2025-06-01T00:00:00.000Z',
        '2025-06-02T00:00:00.000Z',
        '2025-06-03T00:00:00.000Z',
      ]);
      expect(s.series[0].paragraphs).toEqual([0, 3, 1]);
      expect(s.series[0].meanTone).toEqual([null, -0.1333, -0.4]);
      // the same zone offset under another name (Africa/Abidjan is UTC all year)
      const abidjan = await ok<DirectionalTimeseriesDto>(
        `/api/tone/directional/timeseries?${range}&bucket=day&side=china&target=us&tz=Africa/Abidjan`,
      );
      expect(abidjan.series[0].paragraphs).toEqual([3, 1]);
    });

    it('buckets local days in tz, and answers a pair without paragraphs with zeros', async () => {
      // 06-02 and 06-03 in New York (UTC-4): A3 at 00:10 UTC is still 06-02 there
      const s = await ok<DirectionalTimeseriesDto>(
        `/api/tone/directional/timeseries?${range}&side=china&target=us&tz=America/New_York`,
      );
      expect(s.buckets).toEqual(['2025-06-02T04:00:00.000Z', '2025-06-03T04:00:00.000Z']);
      expect(s.series[0].paragraphs).toEqual([4, 0]);
      expect(s.series[0].meanTone).toEqual([-0.2, null]);

      const empty = await ok<DirectionalTimeseriesDto>(
        `/api/tone/directional/timeseries?${range}&side=us&target=us`,
      );
      expect(empty.series).toEqual([
        {
          side: 'us',
          target: 'us',
          paragraphs: [0, 0],
          meanTone: [null, null],
          negativeShare: [null, null],
        },
      ]);
    });

    it('without a pair, gives every pair with paragraphs in matrix order; hours from the rollups and the edges', async () => {
      const all = await ok<DirectionalTimeseriesDto>(
        `/api/tone/directional/timeseries?${range}&bucket=week`,
      );
      expect(all.buckets).toEqual(['2025-06-02T00:00:00.000Z']);
      expect(all.series.map((p) => [p.side, p.target, p.paragraphs[0]])).toEqual([
        ['us', 'china', 2],
        ['china', 'us', 4],
        ['china', 'china', 1],
        ['china', null, 1],
        ['mixed', 'us', 1],
        ['mixed', 'china', 1],
        ['neutral', 'us', 1],
        ['neutral', 'china', 1],
      ]);

      const hours = await ok<DirectionalTimeseriesDto>(
        '/api/tone/directional/timeseries?from=2025-06-02T10:15:00Z&to=2025-06-03T00:30:00Z&bucket=hour&side=china',
      );
      expect(hours.buckets).toHaveLength(15);
      const us = hours.series.find((p) => p.target === 'us');
      expect(us?.paragraphs[0]).toBe(3);
      expect(us?.paragraphs[14]).toBe(1);
      expect(us?.paragraphs.reduce((a, b) => a + b)).toBe(4);
      expect(hours.series.find((p) => p.target === null)?.paragraphs[13]).toBe(1);

      const none = await ok<DirectionalTimeseriesDto>(
        '/api/tone/directional/timeseries?from=2025-06-10&to=2025-06-12',
      );
      expect(none.buckets).toHaveLength(2);
      expect(none.series).toEqual([]);
    });

    it('refuses a bad bucket or target, and too many buckets', async () => {
      await get(`/api/tone/directional/timeseries?${range}&bucket=month`).expect(400);
      await get(`/api/tone/directional/timeseries?${range}&target=nobody`).expect(400);
      await get(
        '/api/tone/directional/timeseries?bucket=hour&from=2020-01-01&to=2025-01-01',
      ).expect(400);
    });
  });

  it('follows a re-analysis that changes targets and the deletion of an article, rollups staying exact', async () => {
    await db.query(
      `UPDATE paragraphs SET targets = '{us}', tone_value = -0.3, tone_label = 'negative'
       WHERE article_id = $1 AND idx = 0`,
      [ids.a2],
    );
    let m = await ok<DirectionalToneDto>(`/api/tone/directional?${range}`);
    expect(figures(m, 'china', null)).toEqual([0, null, null, null, null]);
    expect(figures(m, 'china', 'us')).toEqual([5, -0.22, 0.8, 0.2, 0]);

    // a re-analysis as scoring stores it: delete and insert in one transaction
    await db.query('BEGIN');
    const { rows } = await db.query<Record<string, unknown>>(
      `DELETE FROM paragraphs WHERE article_id = $1 RETURNING *`,
      [ids.a3],
    );
    for (const row of rows) {
      await db.query(
        `INSERT INTO paragraphs (article_id, idx, text, start_offset, end_offset, monitor, source,
           occurred_at, side, side_reason, targets, tone_value, tone_score, tone_comparative, tone_label)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, 'reanalysed', $10, $11, 0, 0, $12)`,
        [
          row.article_id,
          row.idx,
          row.text,
          row.start_offset,
          row.end_offset,
          row.monitor,
          row.source,
          row.occurred_at,
          row.side === 'mixed' ? 'us' : row.side,
          row.targets,
          row.tone_value,
          row.tone_label,
        ],
      );
    }
    await db.query('COMMIT');
    m = await ok<DirectionalToneDto>(`/api/tone/directional?${range}`);
    expect(cell(m, 'mixed', 'us').paragraphs).toBe(0);
    expect(figures(m, 'us', 'us')).toEqual([1, -0.3, 1, 0, 0]);
    expect(figures(m, 'us', 'china')).toEqual([3, -0.2333, 0.6667, 0.3333, 0]);

    await db.query(`DELETE FROM articles WHERE id = $1`, [ids.a1]);
    m = await ok<DirectionalToneDto>(`/api/tone/directional?${range}`);
    expect(figures(m, 'china', 'us')).toEqual([2, -0.35, 1, 0, 0]);
    expect(cell(m, 'china', 'china').paragraphs).toBe(0);

    const { rollups, raw } = await rollupsAndRaw(db);
    expect(rollups).toEqual(raw);
    await db.query(`SELECT dashboard_rebuild_rollups()`);
    expect((await rollupsAndRaw(db)).rollups).toEqual(rollups);
    expect(await ok(`/api/tone/directional?${range}`)).toEqual(m);
  });
});
