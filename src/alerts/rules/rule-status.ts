import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { type DataSource } from 'typeorm';
import {
  baselineWindow,
  computeBaseline,
  isArmed,
  isLevelMetric,
  thresholdFor,
} from '../detection';
import { detectorRuleOf } from '../evaluation/detector-rule';
import { type AlertRuleStatusDto } from '../dto/alert-rule.dto';
import { baselineOf } from '../evaluation/observation-source';
import { RuleStatesRepository } from '../evaluation/rule-states.repository';
import { type AlertRule } from './alert-rules.repository';

/**
 * What a rule's detector is doing now, so "found nothing" and "cannot judge yet" look
 * different: whether its baseline holds enough paragraphs to arm it, each channel's statistic
 * against its threshold, and when it was last evaluated.
 */
@Injectable()
export class RuleStatusService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly states: RuleStatesRepository,
  ) {}

  async statusOf(rule: AlertRule, now = new Date()): Promise<AlertRuleStatusDto> {
    const detectorRule = detectorRuleOf(rule);
    const window = baselineWindow(now, rule.detector);
    const baseline = computeBaseline(await baselineOf(this.dataSource.manager, rule, window));
    const stored = await this.states.stateOf(rule.id);
    const armed = isArmed(detectorRule, baseline);
    const threshold = thresholdFor(rule.metric, rule.detector);
    const needs = rule.detector.minBaselineParagraphs;
    const span = `${window.from.toISOString().slice(0, 10)} to ${window.to.toISOString().slice(0, 10)}`;
    // an asymmetry baseline counts events (one summary each), the others paragraphs
    const shortOf =
      rule.metric === 'asymmetry'
        ? `${baseline.articles} of the ${rule.detector.minBaselineEvents} events`
        : `${baseline.paragraphs} of the ${needs} paragraphs`;
    return {
      armed,
      reason: armed ? null : `the baseline (${span}) holds ${shortOf} the detector needs`,
      baseline: {
        from: window.from.toISOString(),
        to: window.to.toISOString(),
        paragraphs: baseline.paragraphs,
        articles: baseline.articles,
        minParagraphs: needs,
        events: rule.metric === 'asymmetry' ? baseline.articles : null,
        center: isLevelMetric(rule.metric) ? baseline.center : baseline.rate,
        scale: isLevelMetric(rule.metric) ? baseline.scale : null,
      },
      channels: (stored?.state.channels ?? []).map((c) => ({
        channel: c.channel,
        phase: c.phase,
        statistic: c.statistic,
        threshold,
        onsetAt: c.onsetAt,
      })),
      lastEvaluatedAt: stored?.evaluatedAt?.toISOString() ?? null,
      watermark: stored?.watermarkOccurredAt?.toISOString() ?? null,
    };
  }
}
