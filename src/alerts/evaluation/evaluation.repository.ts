import { Injectable } from '@nestjs/common';
import { type EntityManager } from 'typeorm';
import {
  type AlertChannel,
  type AlertFigures,
  type DetectorState,
  type EvidenceEvent,
  type EvidenceParagraph,
} from '../detection';
import { type DeliveryEvent } from '../entities/alert-delivery.entity';
import { AlertRuleStateEntity } from '../entities/alert-rule-state.entity';
import { type AlertRuleEntity } from '../entities/alert-rule.entity';
import { AlertEntity } from '../entities/alert.entity';

export interface FiredAlert {
  channel: AlertChannel;
  startedAt: Date;
  onsetAt: Date;
  figures: AlertFigures;
  evidence: EvidenceParagraph[];
  events: EvidenceEvent[];
  articles: number;
  outlets: number;
}

/** Everything an evaluation writes; every method runs inside the evaluation's transaction. */
@Injectable()
export class EvaluationRepository {
  /**
   * The rule's detector state (created from `initial` the first time), locked until the
   * transaction ends, so that evaluations of one rule run one at a time.
   */
  async lockState(
    db: EntityManager,
    ruleId: string,
    initial: { state: DetectorState; watermark: Date },
  ): Promise<AlertRuleStateEntity> {
    await db.query(
      `INSERT INTO alert_rule_states (rule_id, state, watermark_occurred_at)
       VALUES ($1, $2, $3) ON CONFLICT (rule_id) DO NOTHING`,
      [ruleId, JSON.stringify(initial.state), initial.watermark],
    );
    return db
      .getRepository(AlertRuleStateEntity)
      .createQueryBuilder('s')
      .setLock('pessimistic_write')
      .where('s.rule_id = :ruleId', { ruleId })
      .getOneOrFail();
  }

  async saveState(db: EntityManager, state: AlertRuleStateEntity): Promise<void> {
    await db.getRepository(AlertRuleStateEntity).save(state);
  }

  async markArticlesSeen(
    db: EntityManager,
    ruleId: string,
    articles: { articleId: string; occurredAt: Date }[],
  ): Promise<void> {
    if (articles.length === 0) return;
    await db.query(
      `INSERT INTO alert_rule_articles (rule_id, article_id, occurred_at)
       SELECT $1, a.article_id, a.occurred_at
         FROM unnest($2::uuid[], $3::timestamptz[]) AS a (article_id, occurred_at)
       ON CONFLICT DO NOTHING`,
      [ruleId, articles.map((a) => a.articleId), articles.map((a) => a.occurredAt)],
    );
  }

  /** Seen-article records older than anything that can still arrive are no longer needed. */
  async forgetSeenBefore(db: EntityManager, ruleId: string, before: Date): Promise<void> {
    await db.query(`DELETE FROM alert_rule_articles WHERE rule_id = $1 AND occurred_at < $2`, [
      ruleId,
      before,
    ]);
  }

  async insertAlert(
    db: EntityManager,
    rule: AlertRuleEntity,
    fired: FiredAlert,
  ): Promise<AlertEntity> {
    const { figures } = fired;
    return db.getRepository(AlertEntity).save({
      ruleId: rule.id,
      ruleName: rule.name,
      monitor: rule.monitor,
      side: rule.side,
      metric: rule.metric,
      channel: fired.channel,
      state: 'firing',
      startedAt: fired.startedAt,
      resolvedAt: null,
      onsetAt: fired.onsetAt,
      baseline: figures.baseline,
      current: figures.current,
      shift: figures.shift,
      shiftSd: figures.shiftSd,
      statistic: figures.statistic,
      threshold: figures.threshold,
      articles: fired.articles,
      outlets: fired.outlets,
      evidence: fired.evidence,
      evidenceEvents: fired.events,
    });
  }

  /** Resolves the rule's firing alert on that channel, if any. */
  async resolveAlert(
    db: EntityManager,
    ruleId: string,
    channel: AlertChannel,
    at: Date,
    statistic: number,
  ): Promise<AlertEntity | null> {
    const alerts = db.getRepository(AlertEntity);
    const firing = await alerts.findOneBy({ ruleId, channel, state: 'firing' });
    if (!firing) return null;
    firing.state = 'resolved';
    firing.resolvedAt = at;
    firing.statistic = statistic;
    return alerts.save(firing);
  }

  async insertDeliveries(
    db: EntityManager,
    alertId: string,
    event: DeliveryEvent,
    urls: string[],
  ): Promise<string[]> {
    if (urls.length === 0) return [];
    const rows: { id: string }[] = await db.query(
      `INSERT INTO alert_deliveries (alert_id, event, target_url, status)
       SELECT $1, $2, url, 'pending' FROM unnest($3::text[]) AS url
       ON CONFLICT (alert_id, event, target_url) DO NOTHING
       RETURNING id`,
      [alertId, event, urls],
    );
    return rows.map((r) => r.id);
  }
}
