import { readFileSync } from 'node:fs';
import { type Server } from 'node:http';
import { join } from 'node:path';
import { type INestApplication } from '@nestjs/common';
import request from 'supertest';
import { startTestApi } from '../support/test-app';
import { createTestEnv, TEST_API_KEY, type TestEnv } from '../support/test-env';

const SAMPLE = readFileSync(join(__dirname, '../../samples/us-china-climate-talks.txt'), 'utf8');
const UUID = /^[0-9a-f-]{36}$/;

/** The HTTP contract of ingestion, without a worker: articles stay queued here. */
describe('articles API', () => {
  let env: TestEnv;
  let app: INestApplication;
  let server: Server;
  const post = (path: string, body: unknown) =>
    request(server)
      .post(path)
      .set('x-api-key', TEST_API_KEY)
      .send(body as object);

  beforeAll(async () => {
    env = await createTestEnv({ MAX_ARTICLE_BYTES: '5000', MAX_BATCH_SIZE: '5' });
    app = await startTestApi(env.config);
    server = app.getHttpServer() as Server;
  });
  afterAll(async () => {
    await app?.close();
    await env?.drop();
  });

  it('accepts an article with 202 and shows it queued', async () => {
    const res = await post('/api/articles', {
      text: SAMPLE,
      title: 'Climate talks',
      source: 'Wire',
      publishedAt: '2024-05-07T15:00:00Z',
    }).expect(202);
    expect(res.body).toEqual({ id: expect.stringMatching(UUID), status: 'queued' });

    const got = await request(server).get(`/api/articles/${res.body.id}`).expect(200);
    expect(got.body).toMatchObject({
      id: res.body.id,
      status: 'queued',
      monitor: 'us-china',
      title: 'Climate talks',
      source: 'Wire',
      publishedAt: '2024-05-07T15:00:00.000Z',
      occurredAt: '2024-05-07T15:00:00.000Z',
      text: SAMPLE,
      paragraphs: [],
    });
  });

  it('answers 200 with the existing id for the same content, even retyped, or the same url', async () => {
    const first = await post('/api/articles', {
      text: 'The ministry said talks were “useful”.\n\nNothing else happened.',
      url: 'https://example.com/a/1',
    }).expect(202);
    const sameContent = await post('/api/articles', {
      text: '  The ministry said talks were "useful".\n\n\nNothing   else happened. ',
    }).expect(200);
    expect(sameContent.body).toEqual({ id: first.body.id, status: 'queued', duplicate: true });
    const sameUrl = await post('/api/articles', {
      text: 'A corrected version of the story.',
      url: 'https://example.com/a/1',
    }).expect(200);
    expect(sameUrl.body.id).toBe(first.body.id);
  });

  it('stores one row when the same article is posted concurrently', async () => {
    const text = 'Concurrent posting of one story.\n\nSecond paragraph.';
    const responses = await Promise.all(
      Array.from({ length: 8 }, () => post('/api/articles', { text })),
    );
    const ids = new Set(responses.map((r) => r.body.id as string));
    expect(ids.size).toBe(1);
    expect(responses.filter((r) => r.status === 202)).toHaveLength(1);
    expect(responses.filter((r) => r.status === 200)).toHaveLength(7);
  });

  it('extracts the article from html', async () => {
    const html = `<html><head><title>Page</title></head><body><nav>Home | World</nav>
      <article><h1>Talks resume</h1>
      <p>The foreign ministry said on Monday that talks with Washington would resume next week after a pause of several months.</p>
      <p>"We hope the US side will meet us halfway," the spokesperson said, adding that the dialogue had been candid and constructive.</p>
      <p>The State Department did not comment on the announcement, which came after weeks of quiet contacts between the delegations.</p>
      </article><footer>Copyright</footer></body></html>`;
    const res = await post('/api/articles', { html }).expect(202);
    const got = await request(server).get(`/api/articles/${res.body.id}`).expect(200);
    expect((got.body.text as string).split('\n\n')).toEqual([
      'Talks resume',
      expect.stringContaining('The foreign ministry said on Monday'),
      expect.stringContaining('meet us halfway'),
      expect.stringContaining('The State Department did not comment'),
    ]);
    expect(got.body.text).not.toContain('Copyright');
  });

  it('takes a batch and answers per item, in order', async () => {
    const res = await post('/api/articles/batch', {
      articles: [
        { text: 'Batch item one.' },
        { text: 'Batch item two.', publishedAt: 'yesterday' },
        { text: 'Batch item one.' },
        { text: 'Batch item four.', monitor: 'nowhere' },
        { html: '<p>x</p>', text: 'both' },
      ],
    }).expect(200);
    const [one, two, three, four, five] = res.body.results;
    expect(one).toEqual({
      index: 0,
      id: expect.stringMatching(UUID),
      status: 'queued',
      duplicate: false,
    });
    expect(two).toEqual({
      index: 1,
      error: expect.stringMatching(/^articles\[1\]: publishedAt must be/),
    });
    expect(three).toEqual({ index: 2, id: one.id, status: 'queued', duplicate: true });
    expect(four.error).toMatch(/monitor "nowhere" is not a known monitor/);
    expect(five.error).toMatch(/exactly one of text or html/);
  });

  it('lists with filters and a cursor that walks every page once', async () => {
    for (let i = 0; i < 5; i++) {
      await post('/api/articles', {
        text: `Paged article ${i}.`,
        source: 'Pager',
        publishedAt: `2023-01-0${i + 1}T00:00:00Z`,
      }).expect(202);
    }
    const seen: string[] = [];
    let cursor: string | null = null;
    do {
      const query: Record<string, string> = { source: 'Pager', limit: '2' };
      if (cursor) query.cursor = cursor;
      const page = await request(server).get('/api/articles').query(query).expect(200);
      const body = page.body as { items: { publishedAt: string }[]; nextCursor: string | null };
      seen.push(...body.items.map((a) => a.publishedAt));
      cursor = body.nextCursor;
    } while (cursor);
    expect(seen).toEqual([5, 4, 3, 2, 1].map((d) => `2023-01-0${d}T00:00:00.000Z`));

    const ranged = await request(server)
      .get('/api/articles')
      .query({ source: 'Pager', from: '2023-01-02T00:00:00Z', to: '2023-01-04T00:00:00Z' })
      .expect(200);
    expect(ranged.body.items).toHaveLength(2);
    const queued = await request(server)
      .get('/api/articles')
      .query({ status: 'scored' })
      .expect(200);
    expect(queued.body.items).toEqual([]);
  });

  describe('rejects bad input with a message naming the problem', () => {
    const cases: [string, unknown, number, RegExp][] = [
      ['no text', { title: 'x' }, 400, /exactly one of text or html/],
      ['text and html', { text: 'a', html: '<p>a</p>' }, 400, /exactly one of text or html/],
      ['blank text', { text: '   ' }, 400, /text must not be blank/],
      ['text of the wrong type', { text: 42 }, 400, /text must be a string/],
      [
        'text over the limit',
        { text: 'x'.repeat(6000) },
        413,
        /text is 6000 bytes; the limit is 5000/,
      ],
      [
        'a bad date',
        { text: 'a', publishedAt: '2024-13-45' },
        400,
        /publishedAt must be a valid ISO 8601/,
      ],
      ['an unknown field', { text: 'a', author: 'me' }, 400, /property author should not exist/],
      [
        'an unknown monitor',
        { text: 'a', monitor: 'mars-venus' },
        400,
        /monitor "mars-venus" is not a known monitor/,
      ],
      ['a bad url', { text: 'a', url: 'not a url' }, 400, /url must be a URL/],
      [
        'html without an article',
        { html: '<html><body></body></html>' },
        400,
        /html: no article text/,
      ],
    ];
    it.each(cases)('%s', async (_name, body, status, message) => {
      const res = await post('/api/articles', body).expect(status);
      expect([res.body.message].flat().join('; ')).toMatch(message);
    });

    it('malformed JSON', async () => {
      const res = await request(server)
        .post('/api/articles')
        .set('x-api-key', TEST_API_KEY)
        .set('content-type', 'application/json')
        .send('{"text": "unterminated')
        .expect(400);
      expect(res.body.message).toMatch(/not valid JSON/);
      expect(res.body.requestId).toEqual(expect.any(String));
    });

    it('a body that is not JSON', async () => {
      const res = await request(server)
        .post('/api/articles')
        .set('x-api-key', TEST_API_KEY)
        .set('content-type', 'text/plain')
        .send('just text')
        .expect(415);
      expect(res.body.message).toMatch(/must be application\/json \(got text\/plain\)/);
    });

    it('a body over the parser limit', async () => {
      const res = await post('/api/articles/batch', {
        articles: [{ text: 'x'.repeat(400_000) }],
      }).expect(413);
      expect(res.body.message).toMatch(/larger than the limit/);
    });

    it('a batch too large, empty or malformed', async () => {
      const six = Array.from({ length: 6 }, (_, i) => ({ text: `t${i}` }));
      expect(
        (await post('/api/articles/batch', { articles: six }).expect(413)).body.message,
      ).toMatch(/articles holds 6 items; the limit is 5/);
      expect(
        JSON.stringify((await post('/api/articles/batch', { articles: [] }).expect(400)).body),
      ).toMatch(/articles should not be empty/);
      expect(
        JSON.stringify((await post('/api/articles/batch', { articles: ['x'] }).expect(400)).body),
      ).toMatch(/each item of articles must be an object/);
    });

    it('an id that is not a UUID, and an unknown one', async () => {
      const bad = await request(server).get('/api/articles/42').expect(400);
      expect(bad.body.message).toBe('id must be a UUID');
      await request(server).get('/api/articles/00000000-0000-4000-8000-000000000000').expect(404);
    });

    it('bad list filters and cursors', async () => {
      expect(
        JSON.stringify((await request(server).get('/api/articles?status=done').expect(400)).body),
      ).toMatch(/status must be one of/);
      expect(
        JSON.stringify((await request(server).get('/api/articles?from=monday').expect(400)).body),
      ).toMatch(/from must be a valid ISO 8601/);
      expect(
        JSON.stringify((await request(server).get('/api/articles?limit=0').expect(400)).body),
      ).toMatch(/limit must not be less than 1/);
      expect(
        (await request(server).get('/api/articles?cursor=abc').expect(400)).body.message,
      ).toMatch(/cursor is not a cursor/);
      expect(
        JSON.stringify(
          (await request(server).get('/api/articles?from=2024-05-02&to=2024-05-01').expect(400))
            .body,
        ),
      ).toMatch(/to must be after from/);
      await request(server).get('/api/articles?from=2024-05-01&to=2024-05-02').expect(200);
    });
  });

  it('needs the write key to post: 401 without it and with a wrong one', async () => {
    await request(server).post('/api/articles').send({ text: 'a' }).expect(401);
    await request(server)
      .post('/api/articles')
      .set('x-api-key', 'wrong-key-wrong-key-1234')
      .send({ text: 'a' })
      .expect(401);
    await request(server)
      .post('/api/articles/batch')
      .send({ articles: [{ text: 'a' }] })
      .expect(401);
  });
});
