import { execFileSync } from 'node:child_process';
import { mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { monitorEventLoopDelay } from 'node:perf_hooks';
import { transformSync } from '@swc/core';
import { extractHtml } from '../../../src/extraction/extract';
import { ExtractionPool, extractionWorkerScript } from '../../../src/extraction/extraction-pool';
import { ExtractionUnavailableError, HtmlRefusedError } from '../../../src/extraction/errors';
import {
  checkHtmlShape,
  MAX_HTML_DEPTH,
  MAX_HTML_ELEMENTS,
} from '../../../src/extraction/html-limits';

const ROOT = join(__dirname, '..', '..', '..');
const PARAGRAPH =
  'The harbour authority said on Tuesday that the night shift would resume once the cranes ' +
  'were inspected, and the union said its members were ready to return.';

/**
 * A document `depth` elements deep (html, body, `depth - 3` divs, p) with nothing in it but two
 * paragraphs at the bottom: Readability's worst shape.
 */
function nested(depth: number, tag = 'div'): string {
  const levels = depth - 3;
  return (
    `<html><head><title>Harbour shift</title></head><body>${`<${tag}>`.repeat(levels)}` +
    `<p>${PARAGRAPH}</p><p>${PARAGRAPH}</p>${`</${tag}>`.repeat(levels)}</body></html>`
  );
}

function refusal(fn: () => unknown): HtmlRefusedError | undefined {
  try {
    fn();
    return undefined;
  } catch (error) {
    if (error instanceof HtmlRefusedError) return error;
    throw error;
  }
}

async function timed<T>(run: () => Promise<T>): Promise<number> {
  const started = performance.now();
  await run();
  return performance.now() - started;
}

/** The fastest of a few runs: what the work costs, with the least of the machine's other load. */
async function fastest(runs: number, run: () => Promise<unknown>): Promise<number> {
  let best = Infinity;
  for (let i = 0; i < runs; i++) best = Math.min(best, await timed(run));
  return best;
}

describe('HTML shape check (no DOM)', () => {
  it('counts nesting depth and elements', () => {
    expect(checkHtmlShape(nested(13))).toEqual({ depth: 13, elements: 16 });
  });

  it('follows implied end tags, so unclosed p, li, td and option do not add depth', () => {
    const sloppy =
      '<body>' +
      '<p>one'.repeat(500) +
      '<ul>' +
      '<li>item'.repeat(500) +
      '</ul><table>' +
      '<tr><td>a<td>b'.repeat(300) +
      '</table><select>' +
      '<option>x'.repeat(300) +
      '</select><dl>' +
      '<dt>t<dd>d'.repeat(200) +
      '</dl></body>';
    expect(checkHtmlShape(sloppy).depth).toBeLessThan(8);
  });

  it('ignores markup in comments, scripts, styles and attribute values', () => {
    const hidden =
      `<body><!-- ${'<div>'.repeat(500)} -->` +
      `<script>const s = "${'<div>'.repeat(500)}";</script>` +
      `<style>/* ${'<div>'.repeat(500)} */</style>` +
      `<a title="${'<div>'.repeat(500)}">link</a><p>${PARAGRAPH}</p></body>`;
    expect(checkHtmlShape(hidden).depth).toBeLessThan(4);
  });

  it('takes tag names that are also property names as plain tags', () => {
    const names = ['constructor', 'tostring', 'hasownproperty', 'valueof', 'proto'];
    const html = `<body>${names.map((n) => `<${n}>x</${n}>`).join('')}</body>`;
    expect(checkHtmlShape(html)).toEqual({ depth: 2, elements: 6 });
  });

  it('ends on any mix of markup fragments, refusing or measuring, never throwing anything else', () => {
    const pieces = [
      '<',
      '>',
      '</',
      '<div',
      '<p>',
      '</p>',
      '<!--',
      '-->',
      '<!',
      '<?',
      '"',
      "'",
      '/>',
      '<script>',
      '</script',
      '<svg>',
      '</svg>',
      '<li>',
      '<td>',
      ' a=',
      'text',
      '<constructor>',
      '\n',
    ];
    let seed = 12345;
    const next = () => (seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31;
    for (let doc = 0; doc < 2_000; doc++) {
      let html = '';
      const length = Math.floor(next() * 200);
      for (let i = 0; i < length; i++) html += pieces[Math.floor(next() * pieces.length)];
      try {
        const shape = checkHtmlShape(html);
        expect(shape.depth).toBeLessThanOrEqual(MAX_HTML_DEPTH);
      } catch (error) {
        expect(error).toBeInstanceOf(HtmlRefusedError);
      }
    }
  });

  it('counts <div/> as an open div (as HTML parses it), self-closing only inside svg', () => {
    expect(checkHtmlShape(`<body>${'<div/>'.repeat(50)}</body>`).depth).toBe(51);
    expect(checkHtmlShape(`<body><svg>${'<path/>'.repeat(50)}</svg></body>`).depth).toBe(2);
  });

  it(`refuses deeper than ${MAX_HTML_DEPTH} levels and more than ${MAX_HTML_ELEMENTS} elements`, () => {
    expect(checkHtmlShape(nested(MAX_HTML_DEPTH)).depth).toBe(MAX_HTML_DEPTH);
    expect(refusal(() => checkHtmlShape(nested(MAX_HTML_DEPTH + 1)))?.kind).toBe('depth');
    expect(refusal(() => checkHtmlShape(nested(MAX_HTML_DEPTH + 1, 'span')))?.kind).toBe('depth');
    const wide = `<body>${'<p>x</p>'.repeat(MAX_HTML_ELEMENTS + 1)}</body>`;
    const refused = refusal(() => checkHtmlShape(wide));
    expect(refused?.kind).toBe('elements');
    expect(refused?.message).toBe(
      `the HTML is refused: it holds more than ${MAX_HTML_ELEMENTS} elements (the limit for extraction)`,
    );
  });

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

describe('extraction deadline', () => {
  it('terminates a thread that runs past its deadline and refuses the document; the next one works', async () => {
    const options = { size: 1, deadlineMs: 30_000, idleMs: 30_000, maxHeapMb: 512 };
    const pool = new ExtractionPool(options);
    try {
      // A warm thread first (a busy machine's first parse is slow), then the short deadline.
      await pool.extract(nested(5));
      options.deadlineMs = 400;
      // Within the caps, but many deep chains: seconds of Readability.
      const slow = `<body>${nested(MAX_HTML_DEPTH - 5).repeat(60)}</body>`;
      expect(() => checkHtmlShape(slow)).not.toThrow();
      const started = performance.now();
      const error = (await pool.extract(slow).catch((e: unknown) => e)) as HtmlRefusedError;
      expect(error).toBeInstanceOf(HtmlRefusedError);
      expect(error.kind).toBe('deadline');
      expect(error.message).toMatch(/took longer than 400 ms/);
      expect(performance.now() - started).toBeLessThan(3_000);
      expect(pool.threads).toBe(0);
      options.deadlineMs = 30_000; // a new, cold thread's first parse is slow on a busy machine
      await expect(pool.extract(nested(5))).resolves.toMatchObject({ title: 'Harbour shift' });
    } finally {
      await pool.close();
    }
  });
});

describe('extraction pool', () => {
  it('starts its threads one at a time and serves tasks queued meanwhile', async () => {
    const pool = new ExtractionPool({
      size: 2,
      deadlineMs: 30_000,
      idleMs: 30_000,
      maxHeapMb: 512,
    });
    try {
      const pending = [5, 6, 7, 8, 9].map((depth) => pool.extract(nested(depth)));
      expect(pool.threads).toBe(1); // the second waits until the first has started
      const articles = await Promise.all(pending);
      expect(articles.map((a) => a.title)).toEqual(Array(5).fill('Harbour shift'));
      expect(pool.threads).toBeLessThanOrEqual(2);
    } finally {
      await pool.close();
    }
  });
});

describe('a parser thread that does not start', () => {
  it('fails the task as unavailable (worth a retry), not as a refused document', async () => {
    const script = join(ROOT, 'node_modules', '.cache', `tonewatch-never-ready-${process.pid}.js`);
    mkdirSync(join(ROOT, 'node_modules', '.cache'), { recursive: true });
    writeFileSync(script, 'setInterval(() => undefined, 1000);\n');
    const pool = new ExtractionPool(
      { size: 1, deadlineMs: 10_000, idleMs: 1_000, maxHeapMb: 64, startupMs: 300 },
      script,
    );
    try {
      const error = await pool.extract(nested(5)).catch((e: unknown) => e);
      expect(error).toBeInstanceOf(ExtractionUnavailableError);
      expect((error as Error).message).toBe(
        'HTML extraction is unavailable for now: the parser thread did not start within 300 ms',
      );
      expect(pool.threads).toBe(0);
    } finally {
      await pool.close();
      rmSync(script, { force: true });
    }
  });
});

describe('the worker script resolves from sources and from the build', () => {
  it('is the .ts file next to the pool under jest', () => {
    expect(extractionWorkerScript()).toBe(join(ROOT, 'src', 'extraction', 'extraction.worker.ts'));
  });

  it('runs as compiled .js, the way dist/ holds it', async () => {
    // src/extraction compiled to CommonJS in a folder under the project, so packages resolve.
    const out = join(ROOT, 'node_modules', '.cache', `tonewatch-extraction-${process.pid}`);
    mkdirSync(out, { recursive: true });
    try {
      for (const file of readdirSync(join(ROOT, 'src', 'extraction'))) {
        if (!file.endsWith('.ts')) continue;
        const source = join(ROOT, 'src', 'extraction', file);
        const { code } = transformSync(readFileSync(source, 'utf8'), {
          filename: source,
          swcrc: false,
          jsc: { parser: { syntax: 'typescript' }, target: 'es2022' },
          module: { type: 'commonjs' },
        });
        writeFileSync(join(out, file.replace(/\.ts$/, '.js')), code);
      }
      // The compiled pool finds its own .js worker script.
      const script = execFileSync(
        process.execPath,
        [
          '-e',
          `process.stdout.write(require(${JSON.stringify(join(out, 'extraction-pool.js'))}).extractionWorkerScript())`,
        ],
        { encoding: 'utf8' },
      );
      expect(script).toBe(join(out, 'extraction.worker.js'));
      const pool = new ExtractionPool(
        { size: 1, deadlineMs: 10_000, idleMs: 1_000, maxHeapMb: 512 },
        script,
      );
      try {
        await expect(pool.extract(nested(3))).resolves.toMatchObject({ title: 'Harbour shift' });
      } finally {
        await pool.close();
      }
    } finally {
      rmSync(out, { recursive: true, force: true });
    }
  });
});
