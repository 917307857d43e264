import { type Server } from 'node:http';
import { type INestApplication } from '@nestjs/common';
import { Client } from 'pg';
import request from 'supertest';
import { type DataSource } from 'typeorm';
import { parseFilter } from '../../src/dashboard/dashboard-filter';
import { type FramingDto } from '../../src/dashboard/dto/framing.dto';
import {
  type ParagraphSearch,
  ParagraphSearchRepository,
} from '../../src/dashboard/paragraph-search.repository';
import { createDataSource } from '../../src/database/data-source';
import { seedArticle } from '../support/dashboard-seed';
import { startTestApi } from '../support/test-app';
import { createTestEnv, type TestEnv } from '../support/test-env';

/**
 * The fast paths of framing by phrase (day rollup for frame-id matches, a partial index for
 * matched text under another frame id) and of text search (a walk over the newest rows before
 * the full-text index) give exactly what the plain queries give.
 */
describe('dashboard search paths', () => {
  let env: TestEnv;
  let app: INestApplication;
  let db: Client;
  let dataSource: DataSource;
  const get = (path: string) => request(app.getHttpServer() as Server).get(path);

  beforeAll(async () => {
    env = await createTestEnv();
    db = new Client({ connectionString: env.databaseUrl });
    await db.connect();
    const days = ['2025-03-09', '2025-03-10', '2025-03-11', '2025-03-12'];
    for (const [d, day] of days.entries()) {
      for (const [h, hour] of ['06:00', '12:30', '23:45'].entries()) {
        const source = (d + h) % 2 === 0 ? 'Reuters' : 'Xinhua';
        await seedArticle(db, {
          source,
          occurredAt: `${day}T${hour}:00Z`,
          paragraphs: [
            {
              side: 'us',
              tone: 0.3,
              text: 'Officials said the red line on chips was clear.',
              frames: [{ frame: 'red-line', phrase: 'red line', side: 'us' }],
            },
            {
              side: 'china',
              tone: -0.4,
              text: 'Beijing warned against meddling in its Internal Affairs and a red line.',
              frames: [
                { frame: 'interference', phrase: 'Internal Affairs', side: 'china' },
                // the matched text of one frame, counted under another frame id
                { frame: 'firmly-opposes', phrase: 'red line', side: 'china', negated: h === 1 },
              ],
            },
            { side: 'neutral', tone: 0, text: 'Trade talks resumed on Tuesday.' },
            ...(h === 2
              ? [{ side: 'mixed', tone: -0.1, text: 'Both sides spoke of serious difficulties.' }]
              : []),
          ],
        });
      }
    }
    await seedArticle(db, {
      monitor: 'russia-ukraine',
      source: 'Reuters',
      occurredAt: '2025-03-10T12:00:00Z',
      paragraphs: [
        {
          side: 'russia',
          tone: -0.5,
          text: 'Moscow spoke of internal affairs and a red line.',
          frames: [{ frame: 'interference', phrase: 'internal affairs', side: 'russia' }],
        },
      ],
    });
    dataSource = createDataSource(env.databaseUrl, 2);
    await dataSource.initialize();
    app = await startTestApi(env.config);
  }, 30_000);

  afterAll(async () => {
    await app?.close();
    await dataSource?.destroy();
    await db?.end();
    await env?.drop();
  }, 30_000);

  describe('framing by phrase', () => {
    /** The hits matching each phrase by frame id or by text, counted from the raw rows. */
    async function rawCounts(query: URLSearchParams, phrases: string[]) {
      const filter = parseFilter(Object.fromEntries(query), 'us-china');
      const { rows } = await db.query<{
        key: string;
        side: string;
        negated: boolean;
        hits: number;
      }>(
        `SELECT w.term AS key, h.side, h.negated, count(*)::int AS hits
         FROM unnest($1::text[]) AS w(term)
         JOIN framing_hits h ON (h.frame = replace(w.term, ' ', '-') OR lower(h.phrase) = w.term)
         WHERE h.monitor = $2 AND h.occurred_at >= $3 AND h.occurred_at < $4
           AND ($5::text IS NULL OR h.side = $5) AND ($6::text IS NULL OR h.source = $6)
         GROUP BY 1, 2, 3`,
        [phrases, filter.monitor, filter.from, filter.to, filter.side, filter.source],
      );
      return phrases.map((phrase) => {
        const tally = (negated: boolean) =>
          Object.fromEntries(
            (filter.side === null ? filter.sides : [filter.side]).map((side) => [
              side,
              rows.find((r) => r.key === phrase && r.side === side && r.negated === negated)
                ?.hits ?? 0,
            ]),
          );
        return { phrase, sides: tally(false), negated: tally(true) };
      });
    }

    it.each([
      'from=2025-03-09&to=2025-03-13',
      'from=2025-03-09T12:00:00Z&to=2025-03-12T13:00:00Z',
      'from=2025-03-10T07:00:00Z&to=2025-03-10T23:00:00Z',
      'from=2025-03-09&to=2025-03-13&side=china',
      'from=2025-03-09T10:00:00Z&to=2025-03-13&source=Xinhua',
      'from=2025-03-09&to=2025-03-13&monitor=russia-ukraine',
    ])('counts hits matched by frame id or text exactly (%s)', async (range) => {
      const phrases = ['red line', 'internal affairs', 'interference', 'serious difficulties'];
      const query = new URLSearchParams(range);
      const res = await get(
        `/api/framing?${range}&phrases=${encodeURIComponent(phrases.join(','))}`,
      ).expect(200);
      const body = res.body as FramingDto;
      expect(
        body.phrases?.map(({ phrase, sides, negated }) => ({ phrase, sides, negated })),
      ).toEqual(await rawCounts(query, phrases));
    });

    it('counts a hit once when it matches a phrase both ways, and gives the latest examples', async () => {
      const body = (
        await get('/api/framing?from=2025-03-09&to=2025-03-13&phrases=red%20line').expect(200)
      ).body as FramingDto;
      const [redLine] = body.phrases ?? [];
      // 12 us hits by frame id; 12 china hits by text under firmly-opposes, 4 of them negated
      expect(redLine.sides).toEqual({ us: 12, china: 8, mixed: 0, neutral: 0 });
      expect(redLine.negated).toEqual({ us: 0, china: 4, mixed: 0, neutral: 0 });
      expect(redLine.examples.map((e) => [e.occurredAt, e.side])).toEqual([
        ['2025-03-12T23:45:00.000Z', expect.any(String)],
        ['2025-03-12T23:45:00.000Z', expect.any(String)],
        ['2025-03-12T12:30:00.000Z', expect.any(String)],
      ]);
      expect(new Set(redLine.examples.slice(0, 2).map((e) => e.side))).toEqual(
        new Set(['us', 'china']),
      );
      const affairs = (
        await get('/api/framing?from=2025-03-09&to=2025-03-13&phrases=internal%20affairs').expect(
          200,
        )
      ).body as FramingDto;
      expect(affairs.phrases?.[0].examples.map((e) => e.phrase)).toEqual([
        'Internal Affairs',
        'Internal Affairs',
        'Internal Affairs',
      ]);
    });
  });

  describe('text search', () => {
    function searchOf(query: Record<string, string>, text: string | null, limit: number) {
      return (after: ParagraphSearch['after']): ParagraphSearch => ({
        filter: parseFilter(query, 'us-china'),
        text,
        frame: null,
        toneMin: null,
        toneMax: null,
        after,
        limit,
      });
    }

    /** Every page in turn, through the cursor position of each page's last row. */
    async function allPages(
      repository: ParagraphSearchRepository,
      search: (after: ParagraphSearch['after']) => ParagraphSearch,
    ): Promise<string[][]> {
      const pages: string[][] = [];
      let after: ParagraphSearch['after'] = null;
      for (;;) {
        const rows = await repository.search(search(after));
        pages.push(rows.map((r) => r.id));
        if (rows.length < search(null).limit) return pages;
        const last = rows[rows.length - 1];
        after = { occurredAtMicros: last.occurredAtMicros, id: last.id };
      }
    }

    async function expected(query: Record<string, string>, text: string): Promise<string[]> {
      const filter = parseFilter(query, 'us-china');
      const { rows } = await db.query<{ id: string }>(
        `SELECT p.id::text AS id FROM paragraphs p
         WHERE p.monitor = $1 AND p.occurred_at >= $2 AND p.occurred_at < $3
           AND ($4::text IS NULL OR p.side = $4)
           AND to_tsvector('english', p.text) @@ websearch_to_tsquery('english', $5)
         ORDER BY p.occurred_at DESC, p.id DESC`,
        [filter.monitor, filter.from, filter.to, filter.side, text],
      );
      return rows.map((r) => r.id);
    }

    it.each([
      [{ from: '2025-03-09', to: '2025-03-13' }, '"red line" -chips'],
      [{ from: '2025-03-09', to: '2025-03-13' }, '"serious difficulties" OR "internal affairs"'],
      [{ from: '2025-03-10T07:00:00Z', to: '2025-03-12T13:00:00Z', side: 'us' }, 'chips'],
      [{ from: '2025-03-09', to: '2025-03-13' }, 'tuesday OR "red line"'],
      [{ from: '2025-03-09', to: '2025-03-13' }, '"difficulties serious"'],
    ])(
      'walking the newest rows or using the index, gives the same pages (%j %s)',
      async (query, text) => {
        const want = await expected(query, text);
        for (const limit of [1, 2, 5, 100]) {
          for (const probeRows of [1, 3, 8, 20_000]) {
            const repository = new ParagraphSearchRepository(dataSource, probeRows);
            const pages = await allPages(repository, searchOf(query, text, limit));
            expect(pages.flat()).toEqual(want);
            expect(pages.slice(0, -1).every((page) => page.length === limit)).toBe(true);
          }
        }
      },
    );
  });
});
