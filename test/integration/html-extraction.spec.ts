import { createServer, type Server as HttpServer } from 'node:http';
import { type Server } from 'node:http';
import { type AddressInfo } from 'node:net';
import { monitorEventLoopDelay } from 'node:perf_hooks';
import { type INestApplication, type INestApplicationContext } from '@nestjs/common';
import request from 'supertest';
import { MAX_HTML_DEPTH, MAX_HTML_ELEMENTS } from '../../src/extraction/html-limits';
import { isSettled, sourcesClient } from '../support/sources-client';
import { startTestApi, startTestWorker, waitFor } from '../support/test-app';
import { createTestEnv, TEST_API_KEY, type TestEnv } from '../support/test-env';

const YEARLY = '0 0 1 1 *';
const SENTENCE =
  'The port authority said on Monday that the ferry timetable would change from next month, ' +
  'and the operators said they had been told of it only a day before.';

/** An article page nested `depth` elements deep (html, body, divs, p). */
function page(depth: number): string {
  const levels = depth - 3;
  return (
    `<html><head><title>Ferry timetable</title></head><body>${'<div>'.repeat(levels)}` +
    `<p>${SENTENCE}</p><p>${SENTENCE} ${SENTENCE}</p>${'</div>'.repeat(levels)}</body></html>`
  );
}

/**
 * Deeply nested and oversized HTML through the API's `html` field and through a page source:
 * refused with a reason (422 / a failed run), quickly, without blocking the event loop.
 */
describe('HTML extraction limits', () => {
  let env: TestEnv;
  let api: INestApplication;
  let worker: INestApplicationContext;
  let pages: HttpServer;
  let pagesUrl: string;
  const loop = monitorEventLoopDelay({ resolution: 10 });

  beforeAll(async () => {
    pages = createServer((req, res) => {
      const url = new URL(req.url ?? '/', 'http://x');
      if (url.pathname === '/feed.xml') {
        res
          .writeHead(200, { 'content-type': 'application/rss+xml; charset=utf-8' })
          .end(
            `<?xml version="1.0"?><rss version="2.0"><channel><title>Ferry news</title>` +
              `<link>${pagesUrl}/</link><description>Timetables</description>` +
              `<item><title>Timetable change</title><link>${pagesUrl}/deep?depth=3000</link>` +
              `<guid>ferry-1</guid></item></channel></rss>`,
          );
        return;
      }
      const depth = Number(url.searchParams.get('depth'));
      res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' }).end(page(depth));
    });
    await new Promise<void>((resolve) => pages.listen(0, '127.0.0.1', resolve));
    pagesUrl = `http://127.0.0.1:${(pages.address() as AddressInfo).port}`;
    env = await createTestEnv({ ALLOW_PRIVATE_TARGETS: 'true', JOB_ATTEMPTS: '1' });
    api = await startTestApi(env.config);
    worker = await startTestWorker(env.config);
    loop.enable();
  });
  afterAll(async () => {
    loop.disable();
    await worker?.close();
    await api?.close();
    await new Promise((resolve) => pages?.close(resolve));
    await env?.drop();
  });

  const post = (html: string) =>
    request(api.getHttpServer() as Server)
      .post('/api/articles')
      .set('x-api-key', TEST_API_KEY)
      .send({ html });

  it('accepts a page at the depth cap', async () => {
    const res = await post(page(MAX_HTML_DEPTH)).expect(202);
    expect(res.body).toMatchObject({ status: 'queued' });
  });

  it.each([
    ['one level over the cap', page(MAX_HTML_DEPTH + 1), /nest more than 64 levels deep/],
    ['1,000 levels', page(1_000), /nest more than 64 levels deep/],
    ['3,000 levels (overflowed the stack before)', page(3_000), /nest more than 64 levels deep/],
    ['100,000 unclosed spans', `<body>${'<span>'.repeat(100_000)}x</body>`, /levels deep/],
    [
      'more elements than the cap',
      `<body>${'<p>x</p>'.repeat(MAX_HTML_ELEMENTS + 1)}</body>`,
      /more than 30000 elements/,
    ],
  ])('answers 422 with the reason for %s, at once', async (_name, html, reason) => {
    const started = Date.now();
    const res = await post(html).expect(422);
    expect(Date.now() - started).toBeLessThan(1_000);
    expect(res.body.message).toMatch(/^html: the HTML is refused: /);
    expect(res.body.message).toMatch(reason);
  });

  it('records a page source whose page is too deep as failed with that reason, without retrying', async () => {
    const sources = sourcesClient(api.getHttpServer() as Server);
    const id = await sources.create({
      name: 'Deep page',
      kind: 'page',
      url: `${pagesUrl}/deep?depth=2000`,
      schedule: YEARLY,
    });
    await sources.poll(id);
    const run = await waitFor(async () => {
      const runs = await sources.runs(id);
      return runs[0] && isSettled(runs[0]) ? runs[0] : undefined;
    });
    expect(run).toMatchObject({ httpStatus: 200, itemsSeen: 0, newArticles: 0 });
    expect(run.error).toMatch(/the HTML is refused: its elements nest more than 64 levels deep/);
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect(await sources.runs(id)).toHaveLength(1);
  });

  it('records a feed item whose page is too deep as a failed item with that reason', async () => {
    const sources = sourcesClient(api.getHttpServer() as Server);
    const id = await sources.create({
      name: 'Ferry feed',
      kind: 'rss',
      url: `${pagesUrl}/feed.xml`,
      schedule: YEARLY,
    });
    await sources.poll(id);
    const run = await waitFor(async () => {
      const runs = await sources.runs(id);
      return runs[0] && isSettled(runs[0]) ? runs[0] : undefined;
    });
    expect(run).toMatchObject({ itemsSeen: 1, newArticles: 0, failedItems: 1 });
    expect(run.error).toMatch(
      /deep\?depth=3000: the HTML is refused: its elements nest more than 64 levels deep/,
    );
  });

  it('kept the event loop free throughout', () => {
    process.stdout.write(`longest event-loop delay: ${(loop.max / 1e6).toFixed(0)} ms\n`);
    expect(loop.max / 1e6).toBeLessThan(1_000);
  });
});
