import { type ArticleSummary, type Baseline } from './baseline';
import { type Channel, type DetectorSettings, isLevelMetric, type Metric } from './settings';

/**
 * How far one article pushes a channel's CUSUM. Each article is one observation, so a long
 * article (many correlated paragraphs) cannot outvote several short ones from other outlets.
 */
export function cusumIncrement(
  metric: Metric,
  channel: Channel,
  article: ArticleSummary,
  baseline: Baseline,
  settings: DetectorSettings,
): number {
  return isLevelMetric(metric)
    ? toneIncrement(channel, article, baseline, settings)
    : bernoulliIncrement(channel, article, baseline, settings);
}

export function standardise(value: number, baseline: Baseline): number {
  return (value - baseline.center) / baseline.scale;
}

/**
 * Tabular CUSUM on the article's mean tone (or the event's asymmetry score), standardised against the robust baseline and
 * clipped (a Huber-type CUSUM): C = max(0, C + z - k) upwards, max(0, C - z - k) downwards.
 */
function toneIncrement(
  channel: Channel,
  article: ArticleSummary,
  baseline: Baseline,
  settings: DetectorSettings,
): number {
  const z = Math.max(
    -settings.zClip,
    Math.min(settings.zClip, standardise(article.meanValue, baseline)),
  );
  return (channel === 'up' ? z : -z) - settings.k;
}

/**
 * Bernoulli CUSUM: the log-likelihood ratio of the article's flags under the shifted rate p1
 * against the baseline rate p0. Up tests p1 = p0 × (1 + r), down p1 = p0 / (1 + r), which is
 * symmetric on the log scale. The article's paragraphs count at most `articleCap` times.
 */
function bernoulliIncrement(
  channel: Channel,
  article: ArticleSummary,
  baseline: Baseline,
  settings: DetectorSettings,
): number {
  const p0 = baseline.rate;
  const p1 =
    channel === 'up'
      ? Math.min(p0 * (1 + settings.relativeShift), 0.999)
      : p0 / (1 + settings.relativeShift);
  const share = article.flagged / article.paragraphs;
  const weight = Math.min(article.paragraphs, settings.articleCap);
  return weight * (share * Math.log(p1 / p0) + (1 - share) * Math.log((1 - p1) / (1 - p0)));
}

export function thresholdFor(metric: Metric, settings: DetectorSettings): number {
  return isLevelMetric(metric) ? settings.h : settings.bernoulliH;
}
