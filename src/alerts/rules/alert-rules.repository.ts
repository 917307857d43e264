import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, type EntityManager } from 'typeorm';
import { type DetectorState, type Metric } from '../detection';
import { AlertRuleStateEntity } from '../entities/alert-rule-state.entity';
import { AlertRuleEntity } from '../entities/alert-rule.entity';

export type AlertRuleFields = Omit<AlertRuleEntity, 'id' | 'createdAt' | 'updatedAt'>;

@Injectable()
export class AlertRulesRepository {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  list(): Promise<AlertRuleEntity[]> {
    return this.dataSource.getRepository(AlertRuleEntity).find({ order: { createdAt: 'ASC' } });
  }

  /** The detector state the last evaluation kept (alert_rule_states, written by evaluation). */
  stateOf(ruleId: string): Promise<AlertRuleStateEntity | null> {
    return this.dataSource.getRepository(AlertRuleStateEntity).findOneBy({ ruleId });
  }

  find(id: string): Promise<AlertRuleEntity | null> {
    return this.dataSource.getRepository(AlertRuleEntity).findOneBy({ id });
  }

  findInTransaction(db: EntityManager, id: string): Promise<AlertRuleEntity | null> {
    return db.getRepository(AlertRuleEntity).findOneBy({ id });
  }

  async enabledIds(monitor?: string, metric?: Metric): Promise<string[]> {
    const rows: { id: string }[] = await this.dataSource.query(
      `SELECT id FROM alert_rules
       WHERE enabled AND ($1::text IS NULL OR monitor = $1) AND ($2::text IS NULL OR metric = $2)
       ORDER BY created_at`,
      [monitor ?? null, metric ?? null],
    );
    return rows.map((r) => r.id);
  }

  /** A new rule, with a fresh detector that watches articles from now on. */
  async create(fields: AlertRuleFields, state: DetectorState): Promise<AlertRuleEntity> {
    return this.dataSource.transaction(async (db) => {
      const rule = await db
        .getRepository(AlertRuleEntity)
        .save(Object.assign(new AlertRuleEntity(), fields));
      await this.resetState(db, rule, state);
      return rule;
    });
  }

  /**
   * Replaces a rule. Its detector starts afresh (the settings it ran with no longer apply),
   * so alerts that were firing under the old settings are resolved.
   */
  async replace(
    id: string,
    fields: AlertRuleFields,
    state: DetectorState,
  ): Promise<AlertRuleEntity | null> {
    return this.dataSource.transaction(async (db) => {
      const rules = db.getRepository(AlertRuleEntity);
      const existing = await rules.findOne({ where: { id }, lock: { mode: 'pessimistic_write' } });
      if (!existing) return null;
      const rule = await rules.save(Object.assign(existing, fields));
      await db.query(
        `UPDATE alerts SET state = 'resolved', resolved_at = now() WHERE rule_id = $1 AND state = 'firing'`,
        [id],
      );
      await db.query(`DELETE FROM alert_rule_articles WHERE rule_id = $1`, [id]);
      await db.query(`DELETE FROM alert_rule_events WHERE rule_id = $1`, [id]);
      await this.resetState(db, rule, state);
      return rule;
    });
  }

  async delete(id: string): Promise<boolean> {
    const result = await this.dataSource.getRepository(AlertRuleEntity).delete({ id });
    return (result.affected ?? 0) > 0;
  }

  private async resetState(
    db: EntityManager,
    rule: AlertRuleEntity,
    state: DetectorState,
  ): Promise<void> {
    await db.getRepository(AlertRuleStateEntity).save({
      ruleId: rule.id,
      state,
      watermarkOccurredAt: rule.updatedAt,
      watermarkParagraphId: null,
      evaluatedAt: null,
    });
  }
}
