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

/**
 * One event of the monitor as an asymmetry rule sees it, once it holds the rule's minimum
 * evidence: a single observation whose value is the event's asymmetry score (docs/events.md),
 * at the time of its latest article.
 */
export interface EventObservation {
  kind: 'event';
  eventId: string;
  title: string;
  startedAt: Date;
  occurredAt: Date;
  /** asymmetry score in [0, 1] */
  score: number;
  /** mean tone of the first compared side minus the second's */
  toneGap: number | null;
  /** the two sides compared, the one with more paragraphs first */
  sides: string[];
  articleIds: string[];
  /** distinct outlets of its articles */
  sources: string[];
  /** paragraphs of the compared sides */
  paragraphs: number;
}

/** What the detector observes: an article's paragraphs of one side, or one event. */
export type Observation = ArticleObservation | EventObservation;

export function isEventObservation(observation: Observation): observation is EventObservation {
  return 'kind' in observation && observation.kind === 'event';
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

export function summarise(observation: Observation): ArticleSummary {
  if (isEventObservation(observation)) {
    return { paragraphs: observation.paragraphs, meanValue: observation.score, flagged: 0 };
  }
  const { paragraphs } = observation;
  return {
    paragraphs: paragraphs.length,
    meanValue: paragraphs.reduce((s, p) => s + p.value, 0) / paragraphs.length,
    flagged: paragraphs.filter((p) => p.flagged).length,
  };
}
