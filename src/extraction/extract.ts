import { ExtractionPool } from './extraction-pool';
import { checkHtmlShape } from './html-limits';
import { type ExtractedArticle } from './html-to-text';

let shared: ExtractionPool | undefined;

/** The process's extraction threads, started on first use. */
export function extractionPool(): ExtractionPool {
  shared ??= new ExtractionPool();
  return shared;
}

/**
 * Main article text of an HTML page, off the event loop: the shape check (a linear scan, on
 * this thread) refuses documents nested deeper than MAX_HTML_DEPTH or holding more than
 * MAX_HTML_ELEMENTS elements; the rest is parsed in a worker thread within its deadline.
 * Rejects with HtmlRefusedError (refused: deep, large, slow or crashing the parser) or
 * NoArticleFoundError (parsed, but no article in it).
 */
export async function extractHtml(
  html: string,
  pageUrl?: string,
  pool: ExtractionPool = extractionPool(),
): Promise<ExtractedArticle> {
  checkHtmlShape(html);
  return pool.extract(html, pageUrl);
}
