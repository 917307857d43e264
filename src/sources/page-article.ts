import { extractHtml } from '../extraction/extract';
import { type FetchedDocument } from '../fetching';
import {
  type ArticleSubmissionService,
  type SubmissionResult,
} from '../ingestion/article-submission.service';
import { type ExtractedArticle, NoArticleFoundError } from '../extraction/html-to-text';

/**
 * Below this, what Readability returns from a page is a menu, a teaser or a cookie notice,
 * not an article: a section front's link list would otherwise be analysed as news.
 */
export const MIN_ARTICLE_WORDS = 40;

/** Off the event loop and bounded (see extractHtml); refusals are NoArticleFoundErrors. */
export async function extractArticle(html: string, pageUrl: string): Promise<ExtractedArticle> {
  const article = await extractHtml(html, pageUrl);
  const words = article.text.split(/\s+/).filter(Boolean).length;
  if (words < MIN_ARTICLE_WORDS) {
    throw new NoArticleFoundError(
      `the main content holds ${words} words, fewer than the ${MIN_ARTICLE_WORDS} of an article`,
    );
  }
  return article;
}

/** Where a page came from: the stored url and outlet, and what a feed item said of it. */
export interface PageOrigin {
  url: string;
  source: string;
  /** as a submission's `monitors` (`auto` among them, or alone) */
  monitors: string[];
  /** the feed item's own title and date, which win over the page's */
  title?: string | null;
  publishedAt?: Date | null;
}

/**
 * A fetched page as an article: its main text extracted (off the event loop, bounded) and
 * submitted, for a page source's poll and a feed item's fetch alike.
 */
export async function ingestPage(
  submissions: ArticleSubmissionService,
  document: FetchedDocument,
  origin: PageOrigin,
): Promise<SubmissionResult> {
  const page = await extractArticle(document.body, document.url);
  return submissions.submit({
    text: page.text,
    title: origin.title ?? (page.title || undefined),
    url: origin.url,
    source: origin.source,
    publishedAt: origin.publishedAt ?? page.publishedAt,
    monitors: origin.monitors,
  });
}
