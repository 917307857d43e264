import { type EvidenceEvent } from '../detection';
import { type Alert } from '../alerts.repository';

/** An alert as the API, the live stream and webhooks show it: its times as ISO strings. */
export interface AlertView extends Omit<
  Alert,
  'startedAt' | 'resolvedAt' | 'onsetAt' | 'evidenceEvents' | 'createdAt'
> {
  startedAt: string;
  resolvedAt: string | null;
  onsetAt: string;
  /** asymmetry alerts: the events whose accounts diverged; empty for the other metrics */
  events: EvidenceEvent[];
}

const round = (value: number) => Math.round(value * 10_000) / 10_000;

export function alertView(alert: Alert): AlertView {
  return {
    id: alert.id,
    ruleId: alert.ruleId,
    ruleName: alert.ruleName,
    monitor: alert.monitor,
    side: alert.side,
    metric: alert.metric,
    channel: alert.channel,
    state: alert.state,
    startedAt: alert.startedAt.toISOString(),
    resolvedAt: alert.resolvedAt?.toISOString() ?? null,
    onsetAt: alert.onsetAt.toISOString(),
    baseline: round(alert.baseline),
    current: round(alert.current),
    shift: round(alert.shift),
    shiftSd: alert.shiftSd === null ? null : round(alert.shiftSd),
    statistic: round(alert.statistic),
    threshold: alert.threshold,
    articles: alert.articles,
    outlets: alert.outlets,
    evidence: alert.evidence,
    events: alert.evidenceEvents ?? [],
  };
}

/** Redis pub/sub channel on which workers announce alert changes to every API process. */
export function alertChannelName(redisPrefix: string): string {
  return `${redisPrefix}:alerts:events`;
}
