import { analyzeArticle, type AnalyzeOptions, type ArticleAnalysis } from '../analysis';

/** The analysis core as the worker sees it; a token so a test can make analysis throw. */
export type ArticleAnalyzer = (text: string, options: AnalyzeOptions) => ArticleAnalysis;

export const ARTICLE_ANALYZER = Symbol('ARTICLE_ANALYZER');

export const articleAnalyzerProvider = {
  provide: ARTICLE_ANALYZER,
  useValue: analyzeArticle satisfies ArticleAnalyzer,
};
