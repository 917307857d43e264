import { type Baseline } from './baseline';
import {
  addDistinct,
  type ChannelState,
  clearOnset,
  type EvidenceEvent,
  type EvidenceParagraph,
  mergeEvidence,
  mergeEvidenceEvents,
  newChannelState,
} from './channel-state';
import { cusumIncrement, standardise, thresholdFor } from './cusum';
import {
  type ArticleObservation,
  type EventObservation,
  isEventObservation,
  type Observation,
  summarise,
} from './observations';
import {
  type Channel,
  type DetectorSettings,
  type Direction,
  type EpisodeSettings,
  type EvidenceSettings,
  isLevelMetric,
  type Metric,
  WINDUP_CAP,
} from './settings';

/** Everything the detector needs to know about a rule. */
export interface DetectorRule {
  metric: Metric;
  direction: Direction;
  detector: DetectorSettings;
  evidence: EvidenceSettings;
  episode: EpisodeSettings;
  /** raise a silence alert when the side has said nothing for this long; null: never */
  silenceAfterSeconds: number | null;
}

/** A rule's detector between evaluations: plain JSON, so it can be stored and resumed. */
export interface DetectorState {
  /** the detector's own clock: the latest of every observation time and evaluation time seen, never going back */
  clock: string | null;
  lastObservationAt: string | null;
  channels: ChannelState[];
  silenceSince: string | null;
}

export type AlertChannel = Channel | 'silence';

export interface AlertFigures {
  /** baseline level: median article tone, baseline rate, median event asymmetry, or paragraphs per day (silence) */
  baseline: number;
  /** level since onset, in the same unit */
  current: number;
  shift: number;
  /** shift in baseline SDs (tone and asymmetry) */
  shiftSd: number | null;
  statistic: number;
  threshold: number;
}

export type DetectorEvent =
  | {
      type: 'fired';
      channel: AlertChannel;
      at: Date;
      onsetAt: Date;
      figures: AlertFigures;
      evidence: EvidenceParagraph[];
      /** asymmetry: the events behind the alert; empty for the other metrics */
      events: EvidenceEvent[];
      articles: number;
      outlets: number;
    }
  | { type: 'resolved'; channel: AlertChannel; at: Date; figures: AlertFigures };

const SNIPPET_CHARS = 280;

export function channelsOf(direction: Direction): Channel[] {
  return direction === 'both' ? ['up', 'down'] : [direction];
}

export function initialState(rule: DetectorRule): DetectorState {
  return {
    clock: null,
    lastObservationAt: null,
    channels: channelsOf(rule.direction).map(newChannelState),
    silenceSince: null,
  };
}

/** Asymmetry baselines count events (one summary each); the others count paragraphs. */
export function isArmed(rule: DetectorRule, baseline: Baseline): boolean {
  return rule.metric === 'asymmetry'
    ? baseline.articles >= rule.detector.minBaselineEvents
    : baseline.paragraphs >= rule.detector.minBaselineParagraphs;
}

/** Feeds one article (or event) into the detector (mutating `state`) and returns what changed. */
export function observe(
  rule: DetectorRule,
  state: DetectorState,
  observation: Observation,
  baseline: Baseline,
): DetectorEvent[] {
  const at = advanceClock(state, observation.occurredAt);
  state.lastObservationAt = maxIso(state.lastObservationAt, observation.occurredAt.toISOString());
  const events: DetectorEvent[] = [];
  if (state.silenceSince !== null) {
    events.push({
      type: 'resolved',
      channel: 'silence',
      at,
      figures: silenceFigures(rule, state, at, baseline),
    });
    state.silenceSince = null;
  }
  if (!isArmed(rule, baseline)) return events;
  const article = summarise(observation);
  const threshold = thresholdFor(rule.metric, rule.detector);
  for (const channel of state.channels) {
    const increment = cusumIncrement(
      rule.metric,
      channel.channel,
      article,
      baseline,
      rule.detector,
    );
    const ceiling = channel.phase === 'firing' ? WINDUP_CAP * threshold : Infinity;
    const statistic = Math.min(ceiling, Math.max(0, channel.statistic + increment));
    if (statistic === 0) {
      clearOnset(channel);
    } else {
      channel.onsetAt ??= observation.occurredAt.toISOString();
      channel.observedArticles += 1;
      channel.observedMeanSum += article.meanValue;
      channel.observedParagraphs += article.paragraphs;
      channel.observedFlagged += article.flagged;
      if (increment > 0) recordContribution(rule, channel, observation, baseline);
    }
    channel.statistic = statistic;
    events.push(...advanceEpisode(rule, channel, at, baseline));
  }
  return events;
}

/** Moves time forward without new data: holds that have elapsed, keep-firing periods that ran out, silence. */
export function tick(
  rule: DetectorRule,
  state: DetectorState,
  now: Date,
  baseline: Baseline,
): DetectorEvent[] {
  const at = advanceClock(state, now);
  const events: DetectorEvent[] = [];
  if (isArmed(rule, baseline)) {
    for (const channel of state.channels)
      events.push(...advanceEpisode(rule, channel, at, baseline));
  }
  const silentFor = state.lastObservationAt
    ? (at.getTime() - Date.parse(state.lastObservationAt)) / 1000
    : 0;
  if (
    rule.silenceAfterSeconds !== null &&
    state.silenceSince === null &&
    state.lastObservationAt !== null &&
    isArmed(rule, baseline) &&
    silentFor >= rule.silenceAfterSeconds
  ) {
    state.silenceSince = at.toISOString();
    events.push({
      type: 'fired',
      channel: 'silence',
      at,
      onsetAt: new Date(state.lastObservationAt),
      figures: silenceFigures(rule, state, at, baseline),
      evidence: [],
      events: [],
      articles: 0,
      outlets: 0,
    });
  }
  return events;
}

/** pending → firing → resolved, Prometheus-style: a hold before firing and a keep-firing period against flapping. */
function advanceEpisode(
  rule: DetectorRule,
  channel: ChannelState,
  at: Date,
  baseline: Baseline,
): DetectorEvent[] {
  const threshold = thresholdFor(rule.metric, rule.detector);
  const { episode } = rule;
  const now = at.getTime();
  const over = channel.statistic > threshold;
  if (channel.phase === 'idle') {
    const coolingDown = channel.cooldownUntil !== null && now < Date.parse(channel.cooldownUntil);
    if (!over || coolingDown || !hasEnoughEvidence(rule.evidence, channel)) return [];
    channel.phase = 'pending';
    channel.pendingSince = at.toISOString();
  }
  if (channel.phase === 'pending') {
    if (!over) {
      channel.phase = 'idle';
      channel.pendingSince = null;
      return [];
    }
    if (now - Date.parse(channel.pendingSince ?? at.toISOString()) < episode.holdSeconds * 1000)
      return [];
    channel.phase = 'firing';
    channel.firingSince = at.toISOString();
    channel.quietSince = null;
    channel.statistic = Math.min(channel.statistic, WINDUP_CAP * threshold);
    return [
      {
        type: 'fired',
        channel: channel.channel,
        at,
        onsetAt: new Date(channel.onsetAt ?? at.toISOString()),
        figures: figuresOf(rule, channel, baseline),
        evidence: channel.evidence,
        events: channel.events ?? [],
        articles: channel.contributingArticles.length,
        outlets: channel.contributingOutlets.length,
      },
    ];
  }
  // firing: resolve only once the statistic has stayed under the resolve level for keepFiringSeconds
  if (channel.statistic >= threshold * episode.resolveFraction) {
    channel.quietSince = null;
    return [];
  }
  channel.quietSince ??= at.toISOString();
  if (now - Date.parse(channel.quietSince) < episode.keepFiringSeconds * 1000) return [];
  const figures = figuresOf(rule, channel, baseline);
  channel.phase = 'idle';
  channel.pendingSince = null;
  channel.firingSince = null;
  channel.quietSince = null;
  channel.cooldownUntil = new Date(now + episode.cooldownSeconds * 1000).toISOString();
  return [{ type: 'resolved', channel: channel.channel, at, figures }];
}

function hasEnoughEvidence(required: EvidenceSettings, channel: ChannelState): boolean {
  return (
    channel.contributingParagraphs >= required.minParagraphs &&
    channel.contributingArticles.length >= required.minArticles &&
    channel.contributingOutlets.length >= required.minOutlets
  );
}

function recordContribution(
  rule: DetectorRule,
  channel: ChannelState,
  observation: Observation,
  baseline: Baseline,
): void {
  if (isEventObservation(observation)) {
    recordEvent(channel, observation, baseline);
    return;
  }
  recordArticle(rule, channel, observation, baseline);
}

/** The event's articles, outlets and paragraphs count as evidence, and the event itself is kept. */
function recordEvent(channel: ChannelState, event: EventObservation, baseline: Baseline): void {
  for (const articleId of event.articleIds) addDistinct(channel.contributingArticles, articleId);
  for (const source of event.sources) addDistinct(channel.contributingOutlets, source);
  channel.contributingParagraphs += event.paragraphs;
  const sign = channel.channel === 'up' ? 1 : -1;
  mergeEvidenceEvents(channel, [
    {
      eventId: event.eventId,
      title: event.title,
      startedAt: event.startedAt.toISOString(),
      endedAt: event.occurredAt.toISOString(),
      score: event.score,
      toneGap: event.toneGap,
      sides: event.sides,
      articles: event.articleIds.length,
      outlets: event.sources.length,
      weight: Math.round(sign * standardise(event.score, baseline) * 1000) / 1000,
    },
  ]);
}

function recordArticle(
  rule: DetectorRule,
  channel: ChannelState,
  observation: ArticleObservation,
  baseline: Baseline,
): void {
  addDistinct(channel.contributingArticles, observation.articleId);
  addDistinct(channel.contributingOutlets, observation.source);
  channel.contributingParagraphs += observation.paragraphs.length;
  const sign = channel.channel === 'up' ? 1 : -1;
  const candidates: EvidenceParagraph[] = [];
  for (const paragraph of observation.paragraphs) {
    const towards = sign * standardise(paragraph.value, baseline);
    const matchesFlag = channel.channel === 'up' ? paragraph.flagged : !paragraph.flagged;
    // tone: how far the paragraph sits in the channel's direction; flags: flag matches, stronger tone first
    const weight = rule.metric === 'tone' ? towards : matchesFlag ? 1 + Math.abs(towards) : 0;
    if (weight <= 0) continue;
    candidates.push({
      paragraphId: paragraph.id,
      articleId: paragraph.articleId,
      source: paragraph.source,
      occurredAt: paragraph.occurredAt.toISOString(),
      snippet: snippet(paragraph.text),
      toneValue: paragraph.value,
      weight: Math.round(weight * 1000) / 1000,
    });
  }
  mergeEvidence(channel, candidates);
}

function figuresOf(rule: DetectorRule, channel: ChannelState, baseline: Baseline): AlertFigures {
  const threshold = thresholdFor(rule.metric, rule.detector);
  if (isLevelMetric(rule.metric)) {
    const current = channel.observedArticles
      ? channel.observedMeanSum / channel.observedArticles
      : baseline.center;
    const shift = current - baseline.center;
    return {
      baseline: baseline.center,
      current,
      shift,
      shiftSd: shift / baseline.scale,
      statistic: channel.statistic,
      threshold,
    };
  }
  const current = channel.observedParagraphs
    ? channel.observedFlagged / channel.observedParagraphs
    : baseline.rate;
  return {
    baseline: baseline.rate,
    current,
    shift: current - baseline.rate,
    shiftSd: null,
    statistic: channel.statistic,
    threshold,
  };
}

function silenceFigures(
  rule: DetectorRule,
  state: DetectorState,
  at: Date,
  baseline: Baseline,
): AlertFigures {
  const perDay = baseline.paragraphs / rule.detector.baselineDays;
  const silentHours = state.lastObservationAt
    ? (at.getTime() - Date.parse(state.lastObservationAt)) / 3_600_000
    : 0;
  return {
    baseline: perDay,
    current: 0,
    shift: -perDay,
    shiftSd: null,
    statistic: silentHours,
    threshold: (rule.silenceAfterSeconds ?? 0) / 3600,
  };
}

function advanceClock(state: DetectorState, time: Date): Date {
  state.clock = maxIso(state.clock, time.toISOString());
  return new Date(state.clock);
}

function maxIso(a: string | null, b: string): string {
  return a !== null && a > b ? a : b;
}

function snippet(text: string): string {
  const flat = text.replace(/\s+/g, ' ').trim();
  return flat.length <= SNIPPET_CHARS ? flat : `${flat.slice(0, SNIPPET_CHARS - 1).trimEnd()}…`;
}
