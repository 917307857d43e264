import { analyzeArticle, type AnalyzeOptions, type ArticleAnalysis } from '../analysis';

/**
 * The analysis core as the worker sees it; a token so a test can make analysis throw, or hold
 * it (a promise) while the test takes the job's lock away.
 */
export type ArticleAnalyzer = (
  text: string,
  options: AnalyzeOptions,
) => ArticleAnalysis | Promise<ArticleAnalysis>;

export const ARTICLE_ANALYZER = Symbol('ARTICLE_ANALYZER');

export const articleAnalyzerProvider = {
  provide: ARTICLE_ANALYZER,
  useValue: analyzeArticle satisfies ArticleAnalyzer,
};
