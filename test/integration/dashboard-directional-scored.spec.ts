import { type Server } from 'node:http';
import { type INestApplication, type INestApplicationContext } from '@nestjs/common';
import request from 'supertest';
import { type DirectionalToneDto } from '../../src/dashboard/dto/directional.dto';
import { startTestApi, startTestWorker, waitFor } from '../support/test-app';
import { createTestEnv, TEST_API_KEY, type TestEnv } from '../support/test-env';

interface StoredParagraph {
  side: string;
  targets: string[];
  tone: { value: number; label: string };
}

/** Articles written for this test; every name and event in them is invented. */
const ARTICLES = [
  {
    source: 'Harbour Ledger',
    publishedAt: '2025-07-01T08:20:00Z',
    text: [
      'Talks on the shipping lanes resumed on Tuesday after a pause of two months.',
      "China's foreign ministry spokesperson said the United States had wrecked months of careful work and must stop its provocations.",
      'A State Department spokesperson said Washington welcomed the decision by China to reopen the consular office in the port city.',
      'The delegations met for four hours in a hotel by the harbour.',
    ].join('\n\n'),
  },
  {
    source: 'Lantern Daily',
    publishedAt: '2025-07-01T14:45:00Z',
    text: [
      'A US trade official said Beijing was breaking its promises on farm purchases, calling the delay deeply disappointing.',
      'China valued its friendly and fruitful cooperation with the United States, the Chinese commerce ministry said in a statement.',
    ].join('\n\n'),
  },
  {
    source: 'Harbour Ledger',
    publishedAt: '2025-07-02T09:05:00Z',
    text: [
      'The Chinese embassy said American warships had sailed dangerously close to the islands and accused Washington of reckless behaviour.',
      'Fishermen in the area said the weather had been calm all week.',
    ].join('\n\n'),
  },
];

const round = (value: number) => Math.round(value * 10_000) / 10_000 || 0;

/**
 * Articles posted through the API (two at the same moment) and scored by the worker: the
 * directional matrix equals the figures computed by hand from the paragraphs the worker
 * stored, each counted once per side it talks about, or once with no side named.
 */
describe('directional tone of articles scored by the worker', () => {
  let env: TestEnv;
  let api: INestApplication;
  let server: Server;
  let worker: INestApplicationContext;

  beforeAll(async () => {
    env = await createTestEnv();
    [api, worker] = await Promise.all([startTestApi(env.config), startTestWorker(env.config)]);
    server = api.getHttpServer() as Server;
  }, 30_000);

  afterAll(async () => {
    await worker?.close();
    await api?.close();
    await env?.drop();
  }, 30_000);

  it('gives the figures of the stored paragraphs', async () => {
    const submit = async (body: object): Promise<string> =>
      (
        await request(server)
          .post('/api/articles')
          .set('x-api-key', TEST_API_KEY)
          .send(body)
          .expect(202)
      ).body.id as string;
    const ids = [
      ...(await Promise.all(ARTICLES.slice(0, 2).map(submit))),
      await submit(ARTICLES[2]),
    ];
    const paragraphs: StoredParagraph[] = [];
    for (const id of ids) {
      const article = await waitFor(
        async () => {
          const res = await request(server).get(`/api/articles/${id}`).expect(200);
          const body = res.body as { status: string; paragraphs: StoredParagraph[] };
          return body.status === 'scored' ? body : undefined;
        },
        30_000,
        `article ${id} to be scored`,
      );
      paragraphs.push(...article.paragraphs);
    }
    // the analysis finds sides talked about: some paragraphs name the other side
    expect(paragraphs.some((p) => p.targets.length > 0)).toBe(true);
    expect(
      paragraphs.some((p) => p.side !== 'neutral' && p.targets.some((t) => t !== p.side)),
    ).toBe(true);

    const byPair = new Map<string, { n: number; sum: number; negative: number }>();
    for (const p of paragraphs) {
      for (const target of p.targets.length > 0 ? [...new Set(p.targets)] : [null]) {
        const key = JSON.stringify([p.side, target]);
        const cell = byPair.get(key) ?? { n: 0, sum: 0, negative: 0 };
        cell.n += 1;
        cell.sum += p.tone.value;
        if (p.tone.label === 'negative') cell.negative += 1;
        byPair.set(key, cell);
      }
    }

    const res = await request(server)
      .get('/api/tone/directional?from=2025-07-01&to=2025-07-03')
      .expect(200);
    const matrix = res.body as DirectionalToneDto;
    expect(matrix.targets).toEqual(['us', 'china', null]);
    for (const cell of matrix.cells) {
      const expected = byPair.get(JSON.stringify([cell.side, cell.target]));
      expect([cell.side, cell.target, cell.paragraphs, cell.meanTone, cell.negativeShare]).toEqual([
        cell.side,
        cell.target,
        expected?.n ?? 0,
        expected ? round(expected.sum / expected.n) : null,
        expected ? round(expected.negative / expected.n) : null,
      ]);
    }
    const counted = matrix.cells.reduce((sum, c) => sum + c.paragraphs, 0);
    expect(counted).toBe([...byPair.values()].reduce((sum, c) => sum + c.n, 0));
    expect(counted).toBeGreaterThanOrEqual(paragraphs.length);
  }, 60_000);
});
