import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, type EntityManager } from 'typeorm';
import { column, type DbRow, mapRow } from '../../database/rows';
import { type ArticleObservation, type DetectorState, type EventObservation } from '../detection';

/** A rule's detector between evaluations, and the last paragraph it has seen. */
export interface AlertRuleState {
  ruleId: string;
  state: DetectorState;
  watermarkOccurredAt: Date;
  /** bigint, as text */
  watermarkParagraphId: string | null;
  evaluatedAt: Date | null;
}

const RULE_STATE_COLUMNS =
  'rule_id, state, watermark_occurred_at, watermark_paragraph_id::text, evaluated_at';

function toRuleState(row: DbRow): AlertRuleState {
  return {
    ruleId: column.text(row, 'rule_id'),
    // jsonb, written only here from the detector's own state
    state: column.jsonb<DetectorState>(row, 'state'),
    watermarkOccurredAt: column.time(row, 'watermark_occurred_at'),
    watermarkParagraphId: column.textOrNull(row, 'watermark_paragraph_id'),
    evaluatedAt: column.timeOrNull(row, 'evaluated_at'),
  };
}

/** The longest an event may span (src/events/core/grouping.ts): its latest article falls within it. */
const LONGEST_EVENT_SPAN = '7 days';

/**
 * What a rule's detector remembers, and the only writer of it: its state (alert_rule_states)
 * and the articles (alert_rule_articles) and events (alert_rule_events) it has already
 * observed. Evaluation keeps it up to date; a new or replaced rule starts it afresh.
 */
@Injectable()
export class RuleStatesRepository {
  constructor(@InjectDataSource() private readonly db: DataSource) {}

  /** The detector state the last evaluation kept. */
  stateOf(ruleId: string): Promise<AlertRuleState | null> {
    return mapRow(
      this.db,
      `SELECT ${RULE_STATE_COLUMNS} FROM alert_rule_states WHERE rule_id = $1`,
      [ruleId],
      toRuleState,
    );
  }

  /**
   * The rule's detector state (created from `initial` the first time), locked until the
   * transaction ends, so that evaluations of one rule run one at a time.
   */
  async lock(
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

  async save(db: EntityManager, state: AlertRuleState): Promise<void> {
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

  /**
   * A fresh detector watching from `watermark` on, which has observed nothing yet: for a new
   * rule, and for a replaced one, whose old settings no longer apply to what it judged.
   */
  async reset(
    db: EntityManager,
    ruleId: string,
    state: DetectorState,
    watermark: Date,
  ): Promise<void> {
    await db.query(`DELETE FROM alert_rule_articles WHERE rule_id = $1`, [ruleId]);
    await db.query(`DELETE FROM alert_rule_events WHERE rule_id = $1`, [ruleId]);
    await db.query(
      `INSERT INTO alert_rule_states (rule_id, state, watermark_occurred_at)
       VALUES ($1, $2, $3)
       ON CONFLICT (rule_id) DO UPDATE
         SET state = excluded.state, watermark_occurred_at = excluded.watermark_occurred_at,
             watermark_paragraph_id = NULL, evaluated_at = NULL, updated_at = now()`,
      [ruleId, JSON.stringify(state), watermark],
    );
  }

  /**
   * The articles and events the detector has now observed, so that no later evaluation counts
   * them again. An event is remembered until it can no longer change (its start plus the
   * longest span).
   */
  async markSeen(
    db: EntityManager,
    ruleId: string,
    articles: ArticleObservation[],
    events: EventObservation[],
  ): Promise<void> {
    if (articles.length > 0) {
      await db.query(
        `INSERT INTO alert_rule_articles (rule_id, article_id, occurred_at)
         SELECT $1, a.article_id, a.occurred_at
           FROM unnest($2::uuid[], $3::timestamptz[]) AS a (article_id, occurred_at)
         ON CONFLICT DO NOTHING`,
        [ruleId, articles.map((a) => a.articleId), articles.map((a) => a.occurredAt)],
      );
    }
    if (events.length > 0) {
      await db.query(
        `INSERT INTO alert_rule_events (rule_id, event_id, occurred_at)
         SELECT $1, e.event_id, e.started_at + interval '${LONGEST_EVENT_SPAN}'
           FROM unnest($2::uuid[], $3::timestamptz[]) AS e (event_id, started_at)
         ON CONFLICT DO NOTHING`,
        [ruleId, events.map((e) => e.eventId), events.map((e) => e.startedAt)],
      );
    }
  }

  /** Records of articles and events older than anything that can still arrive are no longer needed. */
  async forgetSeenBefore(db: EntityManager, ruleId: string, before: Date): Promise<void> {
    await db.query(`DELETE FROM alert_rule_articles WHERE rule_id = $1 AND occurred_at < $2`, [
      ruleId,
      before,
    ]);
    await db.query(`DELETE FROM alert_rule_events WHERE rule_id = $1 AND occurred_at < $2`, [
      ruleId,
      before,
    ]);
  }
}
