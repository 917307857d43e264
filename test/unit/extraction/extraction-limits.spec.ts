import { execFileSync } from 'node:child_process';
import { mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { transformSync } from '@swc/core';
import { ExtractionPool, extractionWorkerScript } from '../../../src/extraction/extraction-pool';
import { ExtractionUnavailableError, HtmlRefusedError } from '../../../src/extraction/errors';
import {
  checkHtmlShape,
  MAX_HTML_DEPTH,
  MAX_HTML_ELEMENTS,
} from '../../../src/extraction/html-limits';
import { nested, PARAGRAPH } from '../../support/html-documents';

const ROOT = join(__dirname, '..', '..', '..');

function refusal(fn: () => unknown): HtmlRefusedError | undefined {
  try {
    fn();
    return undefined;
  } catch (error) {
    if (error instanceof HtmlRefusedError) return error;
    throw error;
  }
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
