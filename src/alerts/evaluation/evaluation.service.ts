import { Inject, Injectable } from '@nestjs/common';
import { DataSource, type EntityManager } from 'typeorm';
import { type AppConfig } from '../../config/config';
import { APP_CONFIG } from '../../config/config.module';
import { MetricsService } from '../../metrics/metrics.service';
import { AlertJobsProducer } from '../jobs/alert-jobs.producer';
import { AlertPublisher } from '../delivery/alert-publisher';
import { alertView } from '../api/alert-view';
import {
  type ArticleObservation,
  baselineWindow,
  computeBaseline,
  type DetectorEvent,
  initialState,
  isEventObservation,
  type Observation,
  observe,
  tick,
} from '../detection';
import { detectorRuleOf } from './detector-rule';
import { baselineOf, observationsOf } from './observation-source';
import { type Alert, AlertsRepository } from '../alerts.repository';
import { DeliveriesRepository } from '../delivery/deliveries.repository';
import { type AlertRule, AlertRulesRepository } from '../rules/alert-rules.repository';
import { RuleStatesRepository } from './rule-states.repository';

interface EvaluationOutcome {
  changed: Alert[];
  deliveries: string[];
}

/**
 * Feeds a rule's new paragraphs (or, for asymmetry, its new events) to its detector and
 * records what follows. Idempotent: the articles (events) a rule has observed are recorded in
 * the same transaction as its detector state, so running an evaluation again (a retried job,
 * two triggers at once) counts nothing twice.
 */
@Injectable()
export class EvaluationService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly rules: AlertRulesRepository,
    private readonly states: RuleStatesRepository,
    private readonly alerts: AlertsRepository,
    private readonly deliveries: DeliveriesRepository,
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
      const stored = await this.states.lock(db, rule.id, {
        state: initialState(detectorRule),
        watermark: rule.updatedAt,
      });
      const lateLimit = new Date(
        stored.watermarkOccurredAt.getTime() - this.config.alerts.lateArrivalMs,
      );
      const observations = await observationsOf(db, rule, { from: lateLimit, to: now }, rule.id);
      const window = baselineWindow(now, rule.detector);
      const baseline = computeBaseline(await baselineOf(db, rule, window));

      const state = stored.state;
      const events: DetectorEvent[] = [];
      for (const observation of observations)
        events.push(...observe(detectorRule, state, observation, baseline));
      events.push(...tick(detectorRule, state, now, baseline));

      const last = observations.at(-1);
      if (last && last.occurredAt >= stored.watermarkOccurredAt) {
        stored.watermarkOccurredAt = last.occurredAt;
        stored.watermarkParagraphId = isEventObservation(last)
          ? null
          : (last.paragraphs.at(-1)?.id ?? null);
      }
      stored.state = state;
      stored.evaluatedAt = now;
      await this.markSeen(db, rule.id, observations, lateLimit);
      await this.states.save(db, stored);
      return this.record(db, rule, events);
    });
    if (!outcome) return;
    for (const deliveryId of outcome.deliveries) await this.jobs.deliver(deliveryId);
    for (const alert of outcome.changed) {
      if (alert.state === 'firing') this.metrics.recordAlertFired(alert.monitor, alert.side);
    }
    for (const alert of outcome.changed) await this.publisher.publish(alertView(alert));
  }

  private async markSeen(
    db: EntityManager,
    ruleId: string,
    observations: Observation[],
    lateLimit: Date,
  ): Promise<void> {
    const events = observations.filter(isEventObservation);
    const articles = observations.filter((o) => !isEventObservation(o)) as ArticleObservation[];
    await this.states.markSeen(db, ruleId, articles, events);
    await this.states.forgetSeenBefore(db, ruleId, lateLimit);
  }

  private async record(
    db: EntityManager,
    rule: AlertRule,
    events: DetectorEvent[],
  ): Promise<EvaluationOutcome> {
    const outcome: EvaluationOutcome = { changed: [], deliveries: [] };
    const urls = rule.webhooks.map((w) => w.url);
    for (const event of events) {
      const alert =
        event.type === 'fired'
          ? await this.alerts.open(db, rule, event)
          : await this.alerts.resolve(
              db,
              rule.id,
              event.channel,
              event.at,
              event.figures.statistic,
            );
      if (!alert) continue;
      outcome.changed.push(alert);
      const deliveryEvent = event.type === 'fired' ? 'firing' : 'resolved';
      outcome.deliveries.push(...(await this.deliveries.open(db, alert.id, deliveryEvent, urls)));
    }
    return outcome;
  }
}
