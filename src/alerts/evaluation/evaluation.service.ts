import { Inject, Injectable } from '@nestjs/common';
import { DataSource, type EntityManager } from 'typeorm';
import { type AppConfig } from '../../config/config';
import { APP_CONFIG } from '../../config/config.module';
import { MetricsService } from '../../metrics/metrics.service';
import { AlertJobsProducer } from '../alert-jobs.producer';
import { AlertPublisher } from '../alert-publisher';
import { alertView } from '../alert-view';
import {
  baselineWindow,
  computeBaseline,
  type DetectorEvent,
  groupByArticle,
  initialState,
  observe,
  tick,
} from '../detection';
import { detectorRuleOf, streamFilterOf } from '../detector-rule';
import { type AlertRuleEntity } from '../entities/alert-rule.entity';
import { type AlertEntity } from '../entities/alert.entity';
import { baselineArticles, streamParagraphs } from '../paragraph-stream';
import { AlertRulesRepository } from '../rules/alert-rules.repository';
import { EvaluationRepository } from './evaluation.repository';

interface EvaluationOutcome {
  changed: AlertEntity[];
  deliveries: string[];
}

/**
 * Feeds a rule's new paragraphs to its detector and records what follows. Idempotent: the
 * articles a rule has observed are recorded in the same transaction as its detector state,
 * so running an evaluation again (a retried job, two triggers at once) counts nothing twice.
 */
@Injectable()
export class EvaluationService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly evaluations: EvaluationRepository,
    private readonly rules: AlertRulesRepository,
    private readonly jobs: AlertJobsProducer,
    private readonly publisher: AlertPublisher,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly metrics: MetricsService,
  ) {}

  async evaluate(ruleId: string, now = new Date()): Promise<void> {
    const outcome = await this.dataSource.transaction(async (db) => {
      const rule = await this.rules.findInTransaction(db, ruleId);
      if (!rule || !rule.enabled) return null;
      const detectorRule = detectorRuleOf(rule);
      const stored = await this.evaluations.lockState(db, rule.id, {
        state: initialState(detectorRule),
        watermark: rule.updatedAt,
      });
      const filter = streamFilterOf(rule);
      const lateLimit = new Date(
        stored.watermarkOccurredAt.getTime() - this.config.alertLateArrivalMs,
      );
      const paragraphs = await streamParagraphs(db, filter, { from: lateLimit, to: now }, rule.id);
      const window = baselineWindow(now, rule.detector);
      const baseline = computeBaseline(await baselineArticles(db, filter, window));

      const state = stored.state;
      const events: DetectorEvent[] = [];
      const observations = groupByArticle(paragraphs);
      for (const observation of observations)
        events.push(...observe(detectorRule, state, observation, baseline));
      events.push(...tick(detectorRule, state, now, baseline));

      const last = paragraphs.at(-1);
      if (last && last.occurredAt >= stored.watermarkOccurredAt) {
        stored.watermarkOccurredAt = last.occurredAt;
        stored.watermarkParagraphId = last.id;
      }
      stored.state = state;
      stored.evaluatedAt = now;
      await this.evaluations.markArticlesSeen(db, rule.id, observations);
      await this.evaluations.forgetSeenBefore(db, rule.id, lateLimit);
      await this.evaluations.saveState(db, stored);
      return this.record(db, rule, events);
    });
    if (!outcome) return;
    for (const deliveryId of outcome.deliveries) await this.jobs.deliver(deliveryId);
    for (const alert of outcome.changed) {
      if (alert.state === 'firing') this.metrics.recordAlertFired(alert.monitor, alert.side);
    }
    for (const alert of outcome.changed) await this.publisher.publish(alertView(alert));
  }

  private async record(
    db: EntityManager,
    rule: AlertRuleEntity,
    events: DetectorEvent[],
  ): Promise<EvaluationOutcome> {
    const outcome: EvaluationOutcome = { changed: [], deliveries: [] };
    const urls = rule.webhooks.map((w) => w.url);
    for (const event of events) {
      const alert =
        event.type === 'fired'
          ? await this.evaluations.insertAlert(db, rule, {
              channel: event.channel,
              startedAt: event.at,
              onsetAt: event.onsetAt,
              figures: event.figures,
              evidence: event.evidence,
              articles: event.articles,
              outlets: event.outlets,
            })
          : await this.evaluations.resolveAlert(
              db,
              rule.id,
              event.channel,
              event.at,
              event.figures.statistic,
            );
      if (!alert) continue;
      outcome.changed.push(alert);
      const deliveryEvent = event.type === 'fired' ? 'firing' : 'resolved';
      outcome.deliveries.push(
        ...(await this.evaluations.insertDeliveries(db, alert.id, deliveryEvent, urls)),
      );
    }
    return outcome;
  }
}
