import { Readability } from '@mozilla/readability';
import { JSDOM, VirtualConsole } from 'jsdom';
import { HtmlRefusedError, NoArticleFoundError } from './errors';
import { MAX_HTML_DEPTH, MAX_HTML_ELEMENTS, PARSED_DEPTH_SLACK } from './html-limits';

export { HtmlRefusedError, NoArticleFoundError } from './errors';

export interface ExtractedArticle {
  title: string;
  /** paragraphs separated by blank lines, the shape the analysis core splits on */
  text: string;
  byline?: string;
  publishedAt?: Date;
}

const BLOCKS = 'p, h1, h2, h3, h4, h5, h6, li, blockquote, pre, figcaption, td, th';

/**
 * Main article text of a web page via Readability (the engine behind Firefox Reader View).
 * Each block element becomes one paragraph, so attribution that spans a paragraph boundary
 * on the page spans one in the text too.
 *
 * Synchronous and CPU-bound: services call extractHtml (./extract.ts), which checks the
 * document's shape first and runs this in a worker thread with a deadline.
 */
export function htmlToText(html: string, pageUrl?: string): ExtractedArticle {
  // A silent console: page scripts never run, and CSS parse noise is not ours to log.
  const dom = new JSDOM(html, { url: pageUrl, virtualConsole: new VirtualConsole() });
  try {
    checkParsedDepth(dom.window.document.documentElement);
    let parsed: ReturnType<Readability<Element>['parse']>;
    try {
      parsed = new Readability<Element>(dom.window.document, {
        serializer: (node) => node as Element,
        // Readability counts the parsed elements, implied ones included, and throws above this.
        maxElemsToParse: MAX_HTML_ELEMENTS + 1_000,
      }).parse();
    } catch (error) {
      const message = (error as Error)?.message ?? '';
      if (/^Aborting parsing document/.test(message)) {
        throw new HtmlRefusedError(
          'elements',
          `it holds more than ${MAX_HTML_ELEMENTS} elements (the limit for extraction)`,
        );
      }
      throw error;
    }
    if (!parsed?.content) throw new NoArticleFoundError('Readability found no main content');

    const text = paragraphsOf(parsed.content).join('\n\n');
    if (!text) throw new NoArticleFoundError('the main content holds no text');
    return {
      title: collapse(parsed.title ?? '') || collapse(dom.window.document.title),
      text,
      byline: collapse(parsed.byline ?? '') || undefined,
      publishedAt: dateOrUndefined(parsed.publishedTime),
    };
  } finally {
    dom.window.close();
  }
}

/**
 * The parsed tree's depth, walked without recursion: the markup scan (html-limits.ts) is an
 * approximation of the parser, and this is the parser's own answer, before Readability runs.
 */
function checkParsedDepth(root: Element | null): void {
  const limit = MAX_HTML_DEPTH + PARSED_DEPTH_SLACK;
  let node: Element | null = root;
  let depth = root ? 1 : 0;
  while (node) {
    if (node.firstElementChild) {
      node = node.firstElementChild;
      if (++depth > limit) {
        throw new HtmlRefusedError(
          'depth',
          `its elements nest more than ${MAX_HTML_DEPTH} levels deep (the limit for extraction)`,
        );
      }
      continue;
    }
    while (node && !node.nextElementSibling) {
      node = node.parentElement;
      depth--;
      if (node === root) node = null;
    }
    node = node?.nextElementSibling ?? null;
  }
}

function paragraphsOf(root: Element): string[] {
  const blocks = [...root.querySelectorAll(BLOCKS)].filter((block) => !block.querySelector(BLOCKS));
  if (blocks.length === 0) return splitLines(root.textContent ?? '');
  return blocks.map((block) => collapse(block.textContent ?? '')).filter(Boolean);
}

function splitLines(text: string): string[] {
  return text.split(/\n+/).map(collapse).filter(Boolean);
}

function collapse(text: string): string {
  return text.replace(/\s+/g, ' ').trim();
}

function dateOrUndefined(value: string | null | undefined): Date | undefined {
  if (!value) return undefined;
  const date = new Date(value);
  return Number.isNaN(date.getTime()) ? undefined : date;
}
