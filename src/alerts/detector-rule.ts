import { type DetectorRule } from './detection';
import { type AlertRuleEntity } from './entities/alert-rule.entity';
import { type StreamFilter } from './paragraph-stream';

type RuleSettings = Omit<AlertRuleEntity, 'id' | 'createdAt' | 'updatedAt'>;

export function detectorRuleOf(rule: RuleSettings): DetectorRule {
  return {
    metric: rule.metric,
    direction: rule.direction,
    detector: rule.detector,
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
  };
}
