/** Per-article figures for one side: the unit the detectors reason about. */
export interface ArticleSummary {
  paragraphs: number;
  meanValue: number;
  flagged: number;
}

export interface Baseline {
  paragraphs: number;
  articles: number;
  /** median of article mean tones */
  center: number;
  /** robust SD of article mean tones: MAD × 1.4826, which equals the SD for normal data */
  scale: number;
  /** share of flagged paragraphs, smoothed so a rare frame never gives a rate of exactly 0 or 1 */
  rate: number;
}

// Tones are in [-1, 1]; a side whose tone never moves must not make every wobble look huge.
const MIN_SCALE = 0.02;

export function median(sorted: readonly number[]): number {
  if (sorted.length === 0) return 0;
  const mid = sorted.length >> 1;
  return sorted.length % 2 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
}

/**
 * Robust centre and spread of article mean tones. Article means, not paragraphs, because the
 * paragraphs of one article share a story and an author: their spread within an article
 * understates how much the side's tone varies from article to article.
 */
export function computeBaseline(articles: readonly ArticleSummary[]): Baseline {
  const means = articles.map((a) => a.meanValue).sort((a, b) => a - b);
  const center = median(means);
  const deviations = means.map((m) => Math.abs(m - center)).sort((a, b) => a - b);
  let scale = 1.4826 * median(deviations);
  if (scale < MIN_SCALE && deviations.length > 0) {
    // More than half the articles sit exactly on the median (many neutral 0s): the mean
    // absolute deviation, scaled to an SD for normal data, still measures the rest.
    scale = 1.2533 * (deviations.reduce((s, d) => s + d, 0) / deviations.length);
  }
  const paragraphs = articles.reduce((s, a) => s + a.paragraphs, 0);
  const flagged = articles.reduce((s, a) => s + a.flagged, 0);
  return {
    paragraphs,
    articles: articles.length,
    center,
    scale: Math.max(scale, MIN_SCALE),
    rate: (flagged + 0.5) / (paragraphs + 1),
  };
}
