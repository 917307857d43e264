import { monitorEventLoopDelay } from 'node:perf_hooks';
import { extractHtml } from '../../src/extraction/extract';
import { ExtractionPool } from '../../src/extraction/extraction-pool';
import { checkHtmlShape, MAX_HTML_DEPTH } from '../../src/extraction/html-limits';
import { fastest, nested, PARAGRAPH } from '../support/html-documents';

// Extraction must cost time linear in the document and never hold the event loop: ratios and
// wall-clock bounds, so they run in band with the other timing tests (`npm run test:timing`).

describe('HTML shape check (no DOM)', () => {
  it('scans a 5 MB document in linear time', () => {
    const block = `<div><p class="x">${PARAGRAPH}</p></div>`;
    const small = `<body>${block.repeat(100)}</body>`;
    const large = `<body>${block.repeat(1_000)}</body>`;
    const time = (html: string) => {
      let best = Infinity;
      for (let i = 0; i < 10; i++) {
        const started = performance.now();
        checkHtmlShape(html, { maxDepth: 200, maxElements: 1e9 });
        best = Math.min(best, performance.now() - started);
      }
      return best;
    };
    time(small);
    time(large);
    expect(time(large) / time(small)).toBeLessThan(20);
    const huge = `<body>${'<span>a</span>'.repeat(400_000)}</body>`; // 5.6 MB
    const started = performance.now();
    checkHtmlShape(huge, { maxDepth: 200, maxElements: 1e9 });
    expect(performance.now() - started).toBeLessThan(1_000);
  });
});

describe('extraction off the event loop', () => {
  const pool = new ExtractionPool({ size: 2, deadlineMs: 10_000, idleMs: 30_000, maxHeapMb: 512 });
  const loop = monitorEventLoopDelay({ resolution: 10 });

  beforeAll(async () => {
    loop.enable();
    await extractHtml(nested(5), undefined, pool); // thread start-up is not what is measured
    await extractHtml(nested(5), undefined, pool);
  });
  afterAll(async () => {
    loop.disable();
    await pool.close();
  });

  it('extracts the article text in a worker thread', async () => {
    const article = await extractHtml(nested(20), 'https://news.example/harbour', pool);
    expect(article).toMatchObject({ title: 'Harbour shift', text: `${PARAGRAPH}\n\n${PARAGRAPH}` });
  });

  it('takes at most about 10x longer at 10x the depth, up to the cap; deeper is refused at once', async () => {
    const shallow = Math.round(MAX_HTML_DEPTH / 10);
    const deep = MAX_HTML_DEPTH;
    // both sizes once before timing, so neither pays for a cold code path
    await extractHtml(nested(shallow), undefined, pool);
    await extractHtml(nested(deep), undefined, pool);
    const tShallow = await fastest(5, () => extractHtml(nested(shallow), undefined, pool));
    const tDeep = await fastest(3, () => extractHtml(nested(deep), undefined, pool));
    process.stdout.write(
      `extraction: depth ${shallow} ${tShallow.toFixed(0)} ms, depth ${deep} ${tDeep.toFixed(0)} ms\n`,
    );
    expect(tDeep / tShallow).toBeLessThanOrEqual(10);

    for (const depth of [MAX_HTML_DEPTH + 1, 1_000, 3_000, 100_000]) {
      const html = nested(depth);
      const started = performance.now();
      await expect(extractHtml(html, undefined, pool)).rejects.toMatchObject({
        name: 'HtmlRefusedError',
        kind: 'depth',
      });
      expect(performance.now() - started).toBeLessThan(Math.max(50, tShallow));
    }
  });

  it('never blocks the event loop for longer than a second', () => {
    process.stdout.write(`longest event-loop delay: ${(loop.max / 1e6).toFixed(0)} ms\n`);
    expect(loop.max / 1e6).toBeLessThan(1_000);
  });
});
