import { type ArticleSummary } from './baseline';

/** One paragraph of the watched side, as the detector needs it. */
export interface StreamParagraph {
  id: string;
  articleId: string;
  /** outlet; null when the article came without one (it then counts towards no outlet) */
  source: string | null;
  occurredAt: Date;
  /** calibrated tone in [-1, 1] */
  value: number;
  /** the metric's per-paragraph flag: negative label (`negative-share`) or frame present (`frame-rate`) */
  flagged: boolean;
  text: string;
}

/** Every paragraph of one article for the watched side: the detector's unit of observation. */
export interface ArticleObservation {
  articleId: string;
  source: string | null;
  occurredAt: Date;
  paragraphs: StreamParagraph[];
}

/** Groups paragraphs (ordered by time, then article) into one observation per article, keeping that order. */
export function groupByArticle(paragraphs: readonly StreamParagraph[]): ArticleObservation[] {
  const byArticle = new Map<string, ArticleObservation>();
  for (const paragraph of paragraphs) {
    let observation = byArticle.get(paragraph.articleId);
    if (!observation) {
      observation = {
        articleId: paragraph.articleId,
        source: paragraph.source,
        occurredAt: paragraph.occurredAt,
        paragraphs: [],
      };
      byArticle.set(paragraph.articleId, observation);
    }
    observation.paragraphs.push(paragraph);
  }
  return [...byArticle.values()];
}

export function summarise(observation: ArticleObservation): ArticleSummary {
  const { paragraphs } = observation;
  return {
    paragraphs: paragraphs.length,
    meanValue: paragraphs.reduce((s, p) => s + p.value, 0) / paragraphs.length,
    flagged: paragraphs.filter((p) => p.flagged).length,
  };
}
