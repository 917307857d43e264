import { getMonitor } from '../../analysis';
import { type AlertRuleFields } from '../rules/alert-rules.repository';
import { DEFAULT_DETECTOR, type DetectorRule } from '../detection';
import { type EventStreamFilter } from './event-observations.repository';
import { type StreamFilter } from './paragraph-observations.repository';

type RuleSettings = AlertRuleFields;

export function detectorRuleOf(rule: RuleSettings): DetectorRule {
  return {
    metric: rule.metric,
    direction: rule.direction,
    // settings added since a rule was stored take their defaults
    detector: { ...DEFAULT_DETECTOR, ...rule.detector },
    evidence: {
      minParagraphs: rule.minParagraphs,
      minArticles: rule.minArticles,
      minOutlets: rule.minOutlets,
    },
    episode: {
      holdSeconds: rule.holdSeconds,
      keepFiringSeconds: rule.keepFiringSeconds,
      cooldownSeconds: rule.cooldownSeconds,
      resolveFraction: rule.resolveFraction,
    },
    silenceAfterSeconds: rule.silenceAfterSeconds,
  };
}

export function streamFilterOf(rule: RuleSettings): StreamFilter {
  return {
    monitor: rule.monitor,
    side: rule.side,
    sources: rule.sources,
    metric: rule.metric,
    frame: rule.frame,
    phrase: rule.phrase,
    // collapse: a wire story counts once, whichever outlets carried it
    syndication: rule.syndication,
  };
}

export function eventFilterOf(rule: RuleSettings): EventStreamFilter {
  let defaultSides: string[] = [];
  try {
    defaultSides = getMonitor(rule.monitor)
      .sides.slice(0, 2)
      .map((s) => s.id);
  } catch {
    // a monitor this deployment no longer has: only scores stored with their sides are watched
  }
  return {
    monitor: rule.monitor,
    side: rule.side,
    defaultSides,
    minArticles: rule.minArticles,
    minOutlets: rule.minOutlets,
    syndication: rule.syndication,
  };
}
