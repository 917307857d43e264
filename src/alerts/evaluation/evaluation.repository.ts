import { Injectable } from '@nestjs/common';
import { type EntityManager } from 'typeorm';
import {
  type AlertChannel,
  type AlertFigures,
  type DetectorState,
  type EvidenceEvent,
  type EvidenceParagraph,
} from '../detection';
import { column, type DbRow, mapRow, mapRows } from '../../database/rows';
import { type Alert, ALERT_COLUMNS, toAlert } from '../api/alerts.repository';
import { type DeliveryEvent } from '../entities/alert-delivery.entity';
import { type AlertRule } from '../rules/alert-rules.repository';

/** A rule's detector between evaluations, and the last paragraph it has seen. */
export interface AlertRuleState {
  ruleId: string;
  state: DetectorState;
  watermarkOccurredAt: Date;
  /** bigint, as text */
  watermarkParagraphId: string | null;
  evaluatedAt: Date | null;
}

export const RULE_STATE_COLUMNS =
  'rule_id, state, watermark_occurred_at, watermark_paragraph_id::text, evaluated_at';

export function toRuleState(row: DbRow): AlertRuleState {
  return {
    ruleId: column.text(row, 'rule_id'),
    // jsonb, written only from the detector's own state
    state: column.jsonb<DetectorState>(row, 'state'),
    watermarkOccurredAt: column.time(row, 'watermark_occurred_at'),
    watermarkParagraphId: column.textOrNull(row, 'watermark_paragraph_id'),
    evaluatedAt: column.timeOrNull(row, 'evaluated_at'),
  };
}

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
  ): Promise<AlertRuleState> {
    await db.query(
      `INSERT INTO alert_rule_states (rule_id, state, watermark_occurred_at)
       VALUES ($1, $2, $3) ON CONFLICT (rule_id) DO NOTHING`,
      [ruleId, JSON.stringify(initial.state), initial.watermark],
    );
    const state = await mapRow(
      db,
      `SELECT ${RULE_STATE_COLUMNS} FROM alert_rule_states WHERE rule_id = $1 FOR UPDATE`,
      [ruleId],
      toRuleState,
    );
    // the row exists unless the rule was deleted meanwhile, which cascades to its state
    if (!state) throw new Error(`alert rule ${ruleId} has no detector state`);
    return state;
  }

  async saveState(db: EntityManager, state: AlertRuleState): Promise<void> {
    await db.query(
      `UPDATE alert_rule_states
          SET state = $2, watermark_occurred_at = $3, watermark_paragraph_id = $4,
              evaluated_at = $5, updated_at = now()
        WHERE rule_id = $1`,
      [
        state.ruleId,
        JSON.stringify(state.state),
        state.watermarkOccurredAt,
        state.watermarkParagraphId,
        state.evaluatedAt,
      ],
    );
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

  async insertAlert(db: EntityManager, rule: AlertRule, fired: FiredAlert): Promise<Alert> {
    const { figures } = fired;
    const alert = await mapRow(
      db,
      `INSERT INTO alerts (rule_id, rule_name, monitor, side, metric, channel, state, started_at,
                           onset_at, baseline, current, shift, shift_sd, statistic, threshold,
                           articles, outlets, evidence, evidence_events)
       VALUES ($1, $2, $3, $4, $5, $6, 'firing', $7, $8, $9, $10, $11, $12, $13, $14, $15, $16,
               $17, $18)
       RETURNING ${ALERT_COLUMNS}`,
      [
        rule.id,
        rule.name,
        rule.monitor,
        rule.side,
        rule.metric,
        fired.channel,
        fired.startedAt,
        fired.onsetAt,
        figures.baseline,
        figures.current,
        figures.shift,
        figures.shiftSd,
        figures.statistic,
        figures.threshold,
        fired.articles,
        fired.outlets,
        JSON.stringify(fired.evidence),
        JSON.stringify(fired.events),
      ],
      toAlert,
    );
    return alert!;
  }

  /** Resolves the rule's firing alert on that channel, if any. */
  async resolveAlert(
    db: EntityManager,
    ruleId: string,
    channel: AlertChannel,
    at: Date,
    statistic: number,
  ): Promise<Alert | null> {
    return mapRow(
      db,
      `UPDATE alerts SET state = 'resolved', resolved_at = $3, statistic = $4
        WHERE rule_id = $1 AND channel = $2 AND state = 'firing'
        RETURNING ${ALERT_COLUMNS}`,
      [ruleId, channel, at, statistic],
      toAlert,
    );
  }

  async insertDeliveries(
    db: EntityManager,
    alertId: string,
    event: DeliveryEvent,
    urls: string[],
  ): Promise<string[]> {
    if (urls.length === 0) return [];
    return mapRows(
      db,
      `INSERT INTO alert_deliveries (alert_id, event, target_url, status)
       SELECT $1, $2, url, 'pending' FROM unnest($3::text[]) AS url
       ON CONFLICT (alert_id, event, target_url) DO NOTHING
       RETURNING id`,
      [alertId, event, urls],
      (row) => column.text(row, 'id'),
    );
  }
}
