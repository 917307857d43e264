import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { type DataSource } from 'typeorm';
import { baselineWindow, computeBaseline, isArmed, thresholdFor } from '../detection';
import { detectorRuleOf, streamFilterOf } from '../detector-rule';
import { type AlertRuleStatusDto } from '../dto/alert-rule.dto';
import { AlertRuleStateEntity } from '../entities/alert-rule-state.entity';
import { type AlertRuleEntity } from '../entities/alert-rule.entity';
import { baselineArticles } from '../paragraph-stream';

/**
 * What a rule's detector is doing now, so "found nothing" and "cannot judge yet" look
 * different: whether its baseline holds enough paragraphs to arm it, each channel's statistic
 * against its threshold, and when it was last evaluated.
 */
@Injectable()
export class RuleStatusService {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  async statusOf(rule: AlertRuleEntity, now = new Date()): Promise<AlertRuleStatusDto> {
    const detectorRule = detectorRuleOf(rule);
    const window = baselineWindow(now, rule.detector);
    const baseline = computeBaseline(
      await baselineArticles(this.dataSource.manager, streamFilterOf(rule), window),
    );
    const stored = await this.dataSource
      .getRepository(AlertRuleStateEntity)
      .findOneBy({ ruleId: rule.id });
    const armed = isArmed(detectorRule, baseline);
    const threshold = thresholdFor(rule.metric, rule.detector);
    const needs = rule.detector.minBaselineParagraphs;
    return {
      armed,
      reason: armed
        ? null
        : `the baseline (${window.from.toISOString().slice(0, 10)} to ${window.to.toISOString().slice(0, 10)}) holds ${baseline.paragraphs} of the ${needs} paragraphs the detector needs`,
      baseline: {
        from: window.from.toISOString(),
        to: window.to.toISOString(),
        paragraphs: baseline.paragraphs,
        articles: baseline.articles,
        minParagraphs: needs,
        center: rule.metric === 'tone' ? baseline.center : baseline.rate,
        scale: rule.metric === 'tone' ? baseline.scale : null,
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
