/**
 * What a rule watches and how its detector is tuned. Defaults were chosen with
 * `npm run bench:alerts` (see BENCHMARKS.md, "Alerts") for at most 2 false alarms per 1,000
 * articles of one side and a median delay of at most 12 articles for a 1-SD tone shift.
 */

export const METRICS = ['tone', 'negative-share', 'frame-rate', 'asymmetry'] as const;
export type Metric = (typeof METRICS)[number];

/**
 * Metrics whose observation is a level (an article's mean tone, an event's asymmetry score)
 * watched by the tone CUSUM; the others count flagged paragraphs (Bernoulli CUSUM).
 */
export function isLevelMetric(metric: Metric): boolean {
  return metric === 'tone' || metric === 'asymmetry';
}

export const DIRECTIONS = ['down', 'up', 'both'] as const;
export type Direction = (typeof DIRECTIONS)[number];

/** A channel of the two-sided detector: `up` warms (tone) or rises (share, rate), `down` the opposite. */
export type Channel = 'up' | 'down';

export interface DetectorSettings {
  /**
   * Tone CUSUM reference value in baseline SDs: half the smallest shift worth catching
   * quickly (0.5 targets a one-SD move of an article's mean, the classic optimum).
   */
  k: number;
  /**
   * Tone CUSUM decision threshold in baseline SDs. Higher than the textbook 4–5 because the
   * robust SD (MAD × 1.4826) understates the spread of tone, where many paragraphs score
   * exactly 0: standardised article means vary about 1.4 times more than a normal would.
   */
  h: number;
  /** Bernoulli CUSUM: shift to detect as a relative change of the baseline rate (1 = doubling or halving). */
  relativeShift: number;
  /** Bernoulli CUSUM decision threshold in log-likelihood-ratio units (Lorden: ARL0 >= e^h observations). */
  bernoulliH: number;
  /** A standardised article mean is clipped to ±zClip, so one extreme article cannot fire alone. */
  zClip: number;
  /** An article counts as at most this many paragraphs in the Bernoulli CUSUM (paragraphs of one article are not independent). */
  articleCap: number;
  /** The baseline is the trailing window of this many days ... */
  baselineDays: number;
  /** ... that ends this many days before the evaluation, so a change under way does not hide itself. */
  excludeRecentDays: number;
  /** The detector stays disarmed until the baseline holds this many paragraphs. */
  minBaselineParagraphs: number;
  /** Asymmetry: the detector stays disarmed until the baseline holds this many events. */
  minBaselineEvents: number;
}

export interface EvidenceSettings {
  minParagraphs: number;
  minArticles: number;
  minOutlets: number;
}

export interface EpisodeSettings {
  /** pending → firing only after the statistic has stayed over the threshold this long */
  holdSeconds: number;
  /** a firing alert resolves only after the statistic has stayed under the resolve level this long */
  keepFiringSeconds: number;
  /** after resolving, the same channel may not fire again for this long */
  cooldownSeconds: number;
  /** resolve level as a fraction of the threshold (hysteresis: fire over h, resolve under h × this) */
  resolveFraction: number;
}

export const DEFAULT_DETECTOR: DetectorSettings = {
  k: 0.5,
  h: 9,
  relativeShift: 1,
  bernoulliH: 6,
  zClip: 3,
  articleCap: 3,
  baselineDays: 28,
  excludeRecentDays: 2,
  minBaselineParagraphs: 100,
  minBaselineEvents: 10,
};

/**
 * Defaults of asymmetry rules where they differ. Events are rare next to articles (a monitor
 * sees a few a day) and one event told two ways is news, so the detector must fire on a single
 * event far beyond the usual gap without firing on the ordinary spread: with k 1.5, h 1.9 and
 * zClip 4, one event at least 3.5 baseline SDs above the usual score fires alone, two in a row
 * at 2.5 SDs fire together, and scores spread normally around their baseline give about 1.9
 * false alarms per 1,000 events (test/unit/alerts/asymmetry-detector.spec.ts measures it), the
 * tone rules' target. With the tone rules' settings it would take four events at the clip.
 */
export const ASYMMETRY_DETECTOR: Partial<DetectorSettings> = { k: 1.5, h: 1.9, zClip: 4 };

export const DEFAULT_EVIDENCE: EvidenceSettings = {
  minParagraphs: 3,
  minArticles: 2,
  minOutlets: 2,
};

export const DEFAULT_EPISODE: EpisodeSettings = {
  holdSeconds: 0,
  keepFiringSeconds: 3600,
  cooldownSeconds: 6 * 3600,
  resolveFraction: 0.5,
};

/** Accepted ranges; the API rejects values outside them with the field's name. */
export const DETECTOR_RANGES: Record<keyof DetectorSettings, [number, number]> = {
  k: [0.05, 3],
  h: [0.5, 50],
  relativeShift: [0.1, 20],
  bernoulliH: [0.5, 50],
  zClip: [1, 20],
  articleCap: [1, 100],
  baselineDays: [1, 365],
  excludeRecentDays: [0, 60],
  minBaselineParagraphs: [10, 100_000],
  minBaselineEvents: [2, 10_000],
};

/** While firing, the statistic is held at most this multiple of the threshold so it can come down once the shift ends. */
export const WINDUP_CAP = 1.5;
