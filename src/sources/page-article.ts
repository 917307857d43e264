import { extractHtml } from '../extraction/extract';
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
