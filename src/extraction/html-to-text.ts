import { Readability } from '@mozilla/readability';
import { JSDOM, VirtualConsole } from 'jsdom';

export interface ExtractedArticle {
  title: string;
  /** paragraphs separated by blank lines, the shape the analysis core splits on */
  text: string;
  byline?: string;
  publishedAt?: Date;
}

export class NoArticleFoundError extends Error {
  constructor(reason: string) {
    super(`no article text could be extracted from the HTML: ${reason}`);
    this.name = 'NoArticleFoundError';
  }
}

const BLOCKS = 'p, h1, h2, h3, h4, h5, h6, li, blockquote, pre, figcaption, td, th';

/**
 * Main article text of a web page via Readability (the engine behind Firefox Reader View).
 * Each block element becomes one paragraph, so attribution that spans a paragraph boundary
 * on the page spans one in the text too.
 */
export function htmlToText(html: string, pageUrl?: string): ExtractedArticle {
  // A silent console: page scripts never run, and CSS parse noise is not ours to log.
  const dom = new JSDOM(html, { url: pageUrl, virtualConsole: new VirtualConsole() });
  try {
    const parsed = new Readability<Element>(dom.window.document, {
      serializer: (node) => node as Element,
    }).parse();
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
