import { type Server } from 'node:http';
import { type INestApplication } from '@nestjs/common';
import { Client } from 'pg';
import request from 'supertest';
import { type FramingDto, type FramingTopDto } from '../../src/dashboard/dto/framing.dto';
import {
  type LatestArticlesDto,
  type ParagraphPageDto,
} from '../../src/dashboard/dto/paragraphs.dto';
import {
  type SourceBreakdownDto,
  type ToneSummaryDto,
  type ToneTimeseriesDto,
} from '../../src/dashboard/dto/tone.dto';
import { seedArticle } from '../support/dashboard-seed';
import { startTestApi } from '../support/test-app';
import { createTestEnv, type TestEnv } from '../support/test-env';

/**
 * Known rows (us-china unless said otherwise), March 2025, UTC:
 *   A1 Reuters 03-10 10:30  us +0.5 respectful | china -0.6 serious difficulties | neutral 0
 *   A2 Xinhua  03-11 23:15  china -0.2 firmly opposes | china +0.4 not respectful | mixed -0.1 red line (us)
 *   A3 Reuters 03-12 00:00  us -0.4 serious difficulties + red line | neutral +0.1
 *   A4 CNN     03-08 06:00  us +0.2 constructive   (previous period of 03-10..03-13)
 *   R1 russia-ukraine, Reuters 03-10 12:00  russia -0.5   (another monitor: never counted)
 */
describe('dashboard API', () => {
  let env: TestEnv;
  let app: INestApplication;
  let db: Client;
  const ids: Record<string, string> = {};
  const get = (path: string) => request(app.getHttpServer() as Server).get(path);
  const ok = async <T>(path: string): Promise<T> => (await get(path).expect(200)).body as T;
  const range = 'from=2025-03-10&to=2025-03-13';

  beforeAll(async () => {
    env = await createTestEnv();
    db = new Client({ connectionString: env.databaseUrl });
    await db.connect();
    ids.a1 = await seedArticle(db, {
      source: 'Reuters',
      occurredAt: '2025-03-10T10:30:00Z',
      paragraphs: [
        {
          side: 'us',
          tone: 0.5,
          text: 'The official called the talks "respectful", officials said.',
          speaker: 'The official',
          frames: [{ frame: 'respectful', phrase: 'respectful', side: 'us' }],
        },
        {
          side: 'china',
          tone: -0.6,
          text: 'Xi said US policy caused serious difficulties.',
          speaker: 'Xi',
          frames: [
            { frame: 'serious-difficulties', phrase: 'serious difficulties', side: 'china' },
          ],
        },
        { side: 'neutral', tone: 0, text: 'The meeting lasted two hours.' },
      ],
    });
    ids.a2 = await seedArticle(db, {
      source: 'Xinhua',
      occurredAt: '2025-03-11T23:15:00Z',
      paragraphs: [
        {
          side: 'china',
          tone: -0.2,
          text: 'The foreign ministry firmly opposes the sanctions over Taiwan.',
          frames: [{ frame: 'firmly-opposes', phrase: 'firmly opposes', side: 'china' }],
        },
        {
          side: 'china',
          tone: 0.4,
          text: 'Beijing said the talks were not respectful.',
          frames: [{ frame: 'respectful', phrase: 'respectful', side: 'china', negated: true }],
        },
        {
          side: 'mixed',
          tone: -0.1,
          text: 'Both sides traded accusations about a red line.',
          frames: [{ frame: 'red-line', phrase: 'red line', side: 'us' }],
        },
      ],
    });
    ids.a3 = await seedArticle(db, {
      source: 'Reuters',
      occurredAt: '2025-03-12T00:00:00Z',
      paragraphs: [
        {
          side: 'us',
          tone: -0.4,
          text: 'Washington warned of serious difficulties over Taiwan and a red line on chips.',
          frames: [
            { frame: 'serious-difficulties', phrase: 'serious difficulties', side: 'us' },
            { frame: 'red-line', phrase: 'red line', side: 'us' },
          ],
        },
        { side: 'neutral', tone: 0.1, text: 'Markets were calm.' },
      ],
    });
    ids.a4 = await seedArticle(db, {
      source: 'CNN',
      occurredAt: '2025-03-08T06:00:00Z',
      paragraphs: [
        {
          side: 'us',
          tone: 0.2,
          text: 'Officials described the exchange as constructive.',
          frames: [{ frame: 'constructive', phrase: 'constructive', side: 'us' }],
        },
      ],
    });
    await seedArticle(db, {
      monitor: 'russia-ukraine',
      source: 'Reuters',
      occurredAt: '2025-03-10T12:00:00Z',
      paragraphs: [
        { side: 'russia', tone: -0.5, text: 'The Kremlin said the talks were respectful.' },
      ],
    });
    app = await startTestApi(env.config);
  }, 30_000);

  afterAll(async () => {
    await app?.close();
    await db?.end();
    await env?.drop();
  }, 30_000);

  describe('GET /api/tone/summary', () => {
    it('gives per side paragraphs, articles, mean tone and shares, with the previous period', async () => {
      const res = await ok<ToneSummaryDto>(`/api/tone/summary?${range}`);
      expect(res.monitor).toBe('us-china');
      expect(res.period).toEqual({
        from: '2025-03-10T00:00:00.000Z',
        to: '2025-03-13T00:00:00.000Z',
      });
      expect(res.previousPeriod).toEqual({
        from: '2025-03-07T00:00:00.000Z',
        to: '2025-03-10T00:00:00.000Z',
      });
      const bySide = Object.fromEntries(res.sides.map((s) => [s.side, s]));
      expect(Object.keys(bySide)).toEqual(['us', 'china', 'mixed', 'neutral']);
      expect(bySide.us.current).toEqual({
        paragraphs: 2,
        articles: 2,
        meanTone: 0.05,
        positiveShare: 0.5,
        negativeShare: 0.5,
        neutralShare: 0,
      });
      expect(bySide.us.previous).toEqual({
        paragraphs: 1,
        articles: 1,
        meanTone: 0.2,
        positiveShare: 1,
        negativeShare: 0,
        neutralShare: 0,
      });
      expect(bySide.us.change).toEqual({
        paragraphs: 1,
        paragraphsRatio: 1,
        meanTone: -0.15,
        positiveShare: -0.5,
        negativeShare: 0.5,
        neutralShare: 0,
      });
      expect(bySide.china.current).toEqual({
        paragraphs: 3,
        articles: 2,
        meanTone: -0.1333,
        positiveShare: 0.3333,
        negativeShare: 0.6667,
        neutralShare: 0,
      });
      expect(bySide.china.previous).toEqual({
        paragraphs: 0,
        articles: 0,
        meanTone: null,
        positiveShare: null,
        negativeShare: null,
        neutralShare: null,
      });
      expect(bySide.china.change).toMatchObject({
        paragraphs: 3,
        paragraphsRatio: null,
        meanTone: null,
      });
      expect(bySide.mixed.current).toMatchObject({ paragraphs: 1, articles: 1, meanTone: -0.1 });
      expect(bySide.neutral.current).toMatchObject({
        paragraphs: 2,
        articles: 2,
        meanTone: 0.05,
        neutralShare: 0.5,
      });
    });

    it('is exact for ranges that start and end inside an hour (raw rows at the edges)', async () => {
      const res = await ok<ToneSummaryDto>(
        '/api/tone/summary?from=2025-03-10T10:45:00Z&to=2025-03-11T23:20:00Z',
      );
      const figures = Object.fromEntries(
        res.sides.map((s: { side: string; current: { paragraphs: number } }) => [
          s.side,
          s.current.paragraphs,
        ]),
      );
      // A1 (10:30) is before the start; A2 (23:15) is inside the last, partial hour
      expect(figures).toEqual({ us: 0, china: 2, mixed: 1, neutral: 0 });
    });

    it('filters by side and source, and reads dates without offset in tz', async () => {
      const bySource = await ok<ToneSummaryDto>(
        `/api/tone/summary?${range}&source=Reuters&side=us`,
      );
      expect(bySource.sides).toHaveLength(1);
      expect(bySource.sides[0]).toMatchObject({
        side: 'us',
        current: { paragraphs: 2, meanTone: 0.05 },
      });
      // Tokyo midnight of 03-12 is 03-11 15:00 UTC: A2 and A3 only
      const tokyo = await ok<ToneSummaryDto>(
        '/api/tone/summary?from=2025-03-12&to=2025-03-13&tz=Asia/Tokyo',
      );
      expect(tokyo.period.from).toBe('2025-03-11T15:00:00.000Z');
      expect(
        tokyo.sides.map((s: { current: { paragraphs: number } }) => s.current.paragraphs),
      ).toEqual([1, 2, 1, 1]);
    });

    it('counts another monitor only when asked for it', async () => {
      const res = await ok<ToneSummaryDto>(`/api/tone/summary?${range}&monitor=russia-ukraine`);
      expect(res.sides.map((s) => s.side)).toEqual(['russia', 'ukraine', 'mixed', 'neutral']);
      expect(res.sides[0].current).toMatchObject({ paragraphs: 1, meanTone: -0.5 });
    });
  });

  describe('GET /api/tone/timeseries', () => {
    const seriesOf = (body: {
      series: { side: string; paragraphs: number[]; meanTone: (number | null)[] }[];
    }) =>
      Object.fromEntries(
        body.series.map((s) => [s.side, { paragraphs: s.paragraphs, meanTone: s.meanTone }]),
      );

    it('gives every day bucket, empty ones as zero', async () => {
      const res = await ok<ToneTimeseriesDto>(`/api/tone/timeseries?${range}&bucket=day`);
      expect(res.buckets).toEqual([
        '2025-03-10T00:00:00.000Z',
        '2025-03-11T00:00:00.000Z',
        '2025-03-12T00:00:00.000Z',
      ]);
      expect(seriesOf(res)).toEqual({
        us: { paragraphs: [1, 0, 1], meanTone: [0.5, null, -0.4] },
        china: { paragraphs: [1, 2, 0], meanTone: [-0.6, 0.1, null] },
        mixed: { paragraphs: [0, 1, 0], meanTone: [null, -0.1, null] },
        neutral: { paragraphs: [1, 0, 1], meanTone: [0, null, 0.1] },
      });
    });

    it('buckets by local day in a whole-hour zone (rollups) and in a half-hour zone (raw rows)', async () => {
      const tokyo = await ok<ToneTimeseriesDto>(
        `/api/tone/timeseries?${range}&bucket=day&tz=Asia/Tokyo`,
      );
      expect(tokyo.buckets).toEqual([
        '2025-03-09T15:00:00.000Z',
        '2025-03-10T15:00:00.000Z',
        '2025-03-11T15:00:00.000Z',
      ]);
      expect(seriesOf(tokyo).china.paragraphs).toEqual([1, 0, 2]);
      expect(seriesOf(tokyo).mixed.paragraphs).toEqual([0, 0, 1]);
      const kolkata = await ok<ToneTimeseriesDto>(
        `/api/tone/timeseries?${range}&bucket=day&tz=Asia/Kolkata`,
      );
      expect(kolkata.buckets).toEqual([
        '2025-03-09T18:30:00.000Z',
        '2025-03-10T18:30:00.000Z',
        '2025-03-11T18:30:00.000Z',
      ]);
      expect(seriesOf(kolkata).china.paragraphs).toEqual([1, 0, 2]);
      expect(seriesOf(kolkata).us.meanTone).toEqual([0.5, null, -0.4]);
    });

    it('buckets by hour and by week (weeks start on Monday)', async () => {
      const hours = await ok<ToneTimeseriesDto>(
        '/api/tone/timeseries?from=2025-03-10T10:00:00Z&to=2025-03-10T13:00:00Z&bucket=hour',
      );
      expect(hours.buckets).toEqual([
        '2025-03-10T10:00:00.000Z',
        '2025-03-10T11:00:00.000Z',
        '2025-03-10T12:00:00.000Z',
      ]);
      expect(seriesOf(hours).us.paragraphs).toEqual([1, 0, 0]);
      const weeks = await ok<ToneTimeseriesDto>(
        '/api/tone/timeseries?from=2025-03-03&to=2025-03-17&bucket=week&side=us',
      );
      expect(weeks.buckets).toEqual(['2025-03-03T00:00:00.000Z', '2025-03-10T00:00:00.000Z']);
      expect(weeks.series).toEqual([{ side: 'us', paragraphs: [1, 2], meanTone: [0.2, 0.05] }]);
    });
  });

  describe('GET /api/framing', () => {
    it('counts phrases per side with negated hits apart, and gives examples', async () => {
      const res = await ok<FramingDto>(
        `/api/framing?${range}&phrases=respectful,serious%20difficulties`,
      );
      const [respectful, difficulties] = res.phrases ?? [];
      expect(respectful.phrase).toBe('respectful');
      expect(respectful.sides).toEqual({ us: 1, china: 0, mixed: 0, neutral: 0 });
      expect(respectful.negated).toEqual({ us: 0, china: 1, mixed: 0, neutral: 0 });
      expect(respectful.examples.map((e) => e.articleId)).toEqual([ids.a2, ids.a1]);
      expect(respectful.examples[1]).toMatchObject({
        side: 'us',
        negated: false,
        phrase: 'respectful',
        text: 'The official called the talks "respectful", officials said.',
        source: 'Reuters',
        occurredAt: '2025-03-10T10:30:00.000Z',
      });
      expect(difficulties.phrase).toBe('serious difficulties');
      expect(difficulties.sides).toEqual({ us: 1, china: 1, mixed: 0, neutral: 0 });
      expect(difficulties.negated).toEqual({ us: 0, china: 0, mixed: 0, neutral: 0 });
    });

    it('counts frames from day rollups and exact partial days', async () => {
      const all = await ok<FramingDto>(`/api/framing?${range}&frames=red-line,respectful`);
      expect((all.frames ?? []).map((f) => [f.frame, f.sides])).toEqual([
        ['red-line', { us: 2, china: 0, mixed: 0, neutral: 0 }],
        ['respectful', { us: 1, china: 0, mixed: 0, neutral: 0 }],
      ]);
      const partial = await ok<FramingDto>(
        '/api/framing?from=2025-03-10T11:00:00Z&to=2025-03-11T23:20:00Z&frames=red-line,respectful',
      );
      expect(partial.frames?.[0].sides.us).toBe(1);
      expect(partial.frames?.[1].sides.us).toBe(0);
      expect(partial.frames?.[1].negated.china).toBe(1);
    });
  });

  describe('GET /api/framing/top', () => {
    it('ranks each side’s frames by hits', async () => {
      const res = await ok<FramingTopDto>(`/api/framing/top?${range}`);
      expect(res.sides).toEqual([
        {
          side: 'us',
          frames: [
            { frame: 'red-line', hits: 2, negated: 0 },
            { frame: 'respectful', hits: 1, negated: 0 },
            { frame: 'serious-difficulties', hits: 1, negated: 0 },
          ],
        },
        {
          side: 'china',
          frames: [
            { frame: 'firmly-opposes', hits: 1, negated: 0 },
            { frame: 'serious-difficulties', hits: 1, negated: 0 },
            { frame: 'respectful', hits: 0, negated: 1 },
          ],
        },
        { side: 'mixed', frames: [] },
        { side: 'neutral', frames: [] },
      ]);
      const limited = await ok<FramingTopDto>(`/api/framing/top?${range}&side=us&limit=1`);
      expect(limited.sides).toEqual([
        { side: 'us', frames: [{ frame: 'red-line', hits: 2, negated: 0 }] },
      ]);
    });
  });

  describe('GET /api/sources/breakdown', () => {
    it('answers 200 (not shadowed by /api/sources/:id) with paragraphs and mean tone per source and side', async () => {
      const res = await ok<SourceBreakdownDto>(`/api/sources/breakdown?${range}`);
      expect(res.sources).toEqual([
        {
          source: 'Reuters',
          paragraphs: 5,
          meanTone: -0.08,
          sides: [
            { side: 'us', paragraphs: 2, meanTone: 0.05 },
            { side: 'china', paragraphs: 1, meanTone: -0.6 },
            { side: 'mixed', paragraphs: 0, meanTone: null },
            { side: 'neutral', paragraphs: 2, meanTone: 0.05 },
          ],
        },
        {
          source: 'Xinhua',
          paragraphs: 3,
          meanTone: 0.0333,
          sides: [
            { side: 'us', paragraphs: 0, meanTone: null },
            { side: 'china', paragraphs: 2, meanTone: 0.1 },
            { side: 'mixed', paragraphs: 1, meanTone: -0.1 },
            { side: 'neutral', paragraphs: 0, meanTone: null },
          ],
        },
      ]);
    });
  });

  describe('GET /api/paragraphs', () => {
    const textsOf = (body: { items: { text: string }[] }) => body.items.map((i) => i.text);

    it('searches with phrase, OR and exclusion syntax, newest first', async () => {
      const search = async (q: string) =>
        textsOf(await ok<ParagraphPageDto>(`/api/paragraphs?${range}&q=${encodeURIComponent(q)}`));
      // as in web search, AND (and -exclusion) binds tighter than OR
      expect(await search('"serious difficulties" OR "red line" -Taiwan')).toEqual([
        'Washington warned of serious difficulties over Taiwan and a red line on chips.',
        'Both sides traded accusations about a red line.',
        'Xi said US policy caused serious difficulties.',
      ]);
      expect(await search('"red line" -Taiwan')).toEqual([
        'Both sides traded accusations about a red line.',
      ]);
      // a phrase needs its words in order: "difficulties serious" matches nothing
      expect(await search('"difficulties serious"')).toEqual([]);
      expect(await search('sanctions')).toEqual([
        'The foreign ministry firmly opposes the sanctions over Taiwan.',
      ]);
    });

    it('filters by side, tone range and frame, and returns evidence and frames', async () => {
      const negativeChina = await ok<ParagraphPageDto>(
        `/api/paragraphs?${range}&side=china&toneMax=0`,
      );
      expect(textsOf(negativeChina)).toEqual([
        'The foreign ministry firmly opposes the sanctions over Taiwan.',
        'Xi said US policy caused serious difficulties.',
      ]);
      const respectful = await get(`/api/paragraphs?${range}&frame=respectful&toneMin=0.45`).expect(
        200,
      );
      expect(respectful.body.items).toHaveLength(1);
      expect(respectful.body.items[0]).toMatchObject({
        articleId: ids.a1,
        index: 0,
        side: 'us',
        speaker: 'The official',
        evidence: { start: 0, end: 12 },
        toneValue: 0.5,
        toneLabel: 'positive',
        source: 'Reuters',
        frames: [
          {
            frame: 'respectful',
            phrase: 'respectful',
            side: 'us',
            negated: false,
            start: 31,
            end: 41,
          },
        ],
      });
    });

    it('pages with a cursor without losing or repeating rows', async () => {
      const seen: string[] = [];
      let cursor: string | null = null;
      let pages = 0;
      do {
        const res: ParagraphPageDto = await ok<ParagraphPageDto>(
          `/api/paragraphs?${range}&limit=3${cursor ? `&cursor=${cursor}` : ''}`,
        );
        seen.push(...res.items.map((i) => i.id));
        cursor = res.nextCursor;
        pages += 1;
      } while (cursor);
      expect(pages).toBe(3);
      expect(seen).toHaveLength(8);
      expect(new Set(seen).size).toBe(8);
      const all = await ok<ParagraphPageDto>(`/api/paragraphs?${range}&limit=8`);
      expect(all.items.map((i) => i.id)).toEqual(seen);
    });

    it('exports CSV with quoting, by format=csv or Accept: text/csv', async () => {
      const res = await get(`/api/paragraphs?${range}&frame=respectful&format=csv`).expect(200);
      expect(res.headers['content-type']).toBe('text/csv; charset=utf-8');
      const lines = res.text.trimEnd().split('\r\n');
      expect(lines[0]).toBe(
        'id,article_id,article_title,occurred_at,monitor,source,index,side,speaker,tone_value,tone_label,tone_terms,frames,text',
      );
      expect(lines).toHaveLength(3);
      expect(lines[2]).toContain(
        `,2025-03-10T10:30:00.000Z,us-china,Reuters,0,us,The official,0.5,positive,,respectful (us),"The official called the talks ""respectful"", officials said."`,
      );
      expect(lines[1]).toContain(
        ',not respectful (china),Beijing said the talks were not respectful.',
      );
      const accepted = await get(`/api/paragraphs?${range}&frame=respectful`)
        .set('accept', 'text/csv')
        .expect(200);
      expect(accepted.text).toBe(res.text);
      const paged = await get(`/api/paragraphs?${range}&format=csv&limit=1`).expect(200);
      expect(paged.headers['x-next-cursor']).toEqual(expect.any(String));
    });
  });

  describe('GET /api/dashboard/latest-articles', () => {
    it('gives the newest scored articles with their paragraphs in order', async () => {
      const res = await ok<LatestArticlesDto>(`/api/dashboard/latest-articles?${range}&limit=2`);
      expect(res.articles.map((a) => a.id)).toEqual([ids.a3, ids.a2]);
      expect(res.articles[1].paragraphs.map((p) => [p.index, p.side])).toEqual([
        [0, 'china'],
        [1, 'china'],
        [2, 'mixed'],
      ]);
      expect(res.articles[1].paragraphs[2].frames).toEqual([
        { frame: 'red-line', phrase: 'red line', side: 'us', negated: false, start: 38, end: 46 },
      ]);
    });
  });

  describe('GET /api/monitors', () => {
    it('lists the shipped monitors with their sides, and the default', async () => {
      const res = await get('/api/monitors').expect(200);
      const body = res.body as {
        defaultMonitor: string;
        monitors: { id: string; sides: { id: string }[] }[];
      };
      expect(body.defaultMonitor).toBe('us-china');
      expect(
        body.monitors.map((m) => ({ id: m.id, sides: m.sides.map((side) => side.id) })),
      ).toEqual([
        { id: 'us-china', sides: ['us', 'china'] },
        { id: 'russia-ukraine', sides: ['russia', 'ukraine'] },
      ]);
    });
  });

  describe('pages served beside the API', () => {
    it('serves the dashboard at / and the OpenAPI document at /docs-json, without a key', async () => {
      const page = await get('/').expect(200);
      expect(page.headers['content-type']).toMatch(/^text\/html/);
      expect(page.text).toContain('<title>Tonewatch</title>');
      await get('/vendor/chart.umd.js')
        .expect(200)
        .expect('content-type', /javascript/);
      const docs = await ok<{ paths: Record<string, unknown> }>('/docs-json');
      expect(Object.keys(docs.paths)).toEqual(
        expect.arrayContaining([
          '/api/tone/summary',
          '/api/tone/timeseries',
          '/api/framing',
          '/api/paragraphs',
        ]),
      );
    });
  });

  describe('bad parameters', () => {
    it.each([
      [
        '/api/tone/summary?side=martians',
        /^side must be one of us, china, mixed, neutral for monitor us-china \(got "martians"\)$/,
      ],
      [
        '/api/tone/summary?from=2025-03-10&to=2025-03-01',
        /^to \(2025-03-01T00:00:00.000Z\) must be after from \(2025-03-10T00:00:00.000Z\)$/,
      ],
      ['/api/tone/summary?from=2025-02-30', /^from must be an ISO 8601 date or date-time/],
      ['/api/tone/summary?to=yesterday', /^to must be an ISO 8601 date or date-time/],
      ['/api/tone/summary?tz=Mars/Olympus_Mons', /^tz must be an IANA time zone name/],
      ['/api/tone/summary?tz=%2B05:00', /^tz must be an IANA time zone name/],
      ['/api/tone/summary?monitor=atlantis', /^monitor: unknown monitor 'atlantis'/],
      ['/api/tone/summary?source=', /^source must be a non-empty name/],
      ['/api/tone/summary?colour=red', /property colour should not exist/],
      [
        '/api/tone/timeseries?bucket=month',
        /bucket must be one of the following values: hour, day, week/,
      ],
      [
        '/api/tone/timeseries?bucket=hour&from=2020-01-01&to=2025-01-01',
        /^bucket=hour from 2020-01-01T00:00:00.000Z to 2025-01-01T00:00:00.000Z gives about 43849 buckets; the limit is 5000/,
      ],
      ['/api/framing', /^phrases or frames is required/],
      ['/api/framing?phrases=a&frames=respectful', /^give phrases or frames, not both$/],
      ['/api/framing?frames=bluster', /^frames: unknown frame "bluster"/],
      ['/api/framing?phrases=,', /^phrases must list at least one item$/],
      ['/api/framing?phrases=a,b,c,d,e,f,g,h,i,j,k', /^phrases lists 11 items; the limit is 10$/],
      ['/api/framing/top?limit=0', /^limit must be a whole number from 1 to 50 \(got "0"\)$/],
      ['/api/framing/top?limit=ten', /^limit must be a whole number from 1 to 50$/],
      ['/api/sources/breakdown?side=us&side=china', /side must be a string/],
      ['/api/paragraphs?toneMin=2', /^toneMin must be a number from -1 to 1 \(got "2"\)$/],
      [
        '/api/paragraphs?toneMin=0.5&toneMax=0',
        /^toneMin \(0.5\) must not be above toneMax \(0\)$/,
      ],
      ['/api/paragraphs?frame=bluster', /^frame: unknown frame "bluster"/],
      ['/api/paragraphs?cursor=bm90LWEtY3Vyc29y', /^cursor is not valid/],
      ['/api/paragraphs?limit=501', /^limit must be a whole number from 1 to 500 \(got "501"\)$/],
      ['/api/paragraphs?format=xml', /format must be one of the following values: json, csv/],
      ['/api/dashboard/latest-articles?limit=21', /^limit must be a whole number from 1 to 20/],
    ])('%s → 400', async (path, message) => {
      const res = await get(path).expect(400);
      const { message: actual } = res.body as { message: string | string[] };
      const text = Array.isArray(actual) ? actual.join('; ') : actual;
      expect(text).toMatch(message);
    });
  });
});
