import { type ExtractedArticle, htmlToText, NoArticleFoundError } from '../extraction/html-to-text';

/**
 * Below this, what Readability returns from a page is a menu, a teaser or a cookie notice,
 * not an article: a section front's link list would otherwise be analysed as news.
 */
export const MIN_ARTICLE_WORDS = 40;

export function extractArticle(html: string, pageUrl: string): ExtractedArticle {
  const article = htmlToText(html, pageUrl);
  const words = article.text.split(/\s+/).filter(Boolean).length;
  if (words < MIN_ARTICLE_WORDS) {
    throw new NoArticleFoundError(
      `the main content holds ${words} words, fewer than the ${MIN_ARTICLE_WORDS} of an article`,
    );
  }
  return article;
}
