import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, type EntityManager } from 'typeorm';
import { column, type DbRow, mapRow, mapRows, type Queryable } from '../../database/rows';
import { type DetectorSettings, type Direction, type Metric } from '../detection';
import { type WebhookTarget } from '../entities/alert-rule.entity';
import { type StreamFilter } from '../evaluation/paragraph-observations.repository';

/**
 * A rule as its input defines it, every default filled in (rule-fields.ts): the paragraphs it
 * watches (a stream filter, wire copies counted once or each) and how its detector judges them.
 */
export interface AlertRuleFields extends StreamFilter {
  name: string;
  direction: Direction;
  detector: DetectorSettings;
  minParagraphs: number;
  minArticles: number;
  minOutlets: number;
  holdSeconds: number;
  keepFiringSeconds: number;
  cooldownSeconds: number;
  resolveFraction: number;
  silenceAfterSeconds: number | null;
  webhooks: WebhookTarget[];
  enabled: boolean;
}

export interface AlertRule extends AlertRuleFields {
  id: string;
  createdAt: Date;
  /** a new or replaced rule's detector watches articles from this time on */
  updatedAt: Date;
}

/** The column of each field, in the order of the INSERT and UPDATE parameters. */
const FIELD_COLUMNS: [keyof AlertRuleFields, string][] = [
  ['name', 'name'],
  ['monitor', 'monitor'],
  ['side', 'side'],
  ['sources', 'sources'],
  ['metric', 'metric'],
  ['frame', 'frame'],
  ['phrase', 'phrase'],
  ['direction', 'direction'],
  ['syndication', 'syndication'],
  ['detector', 'detector'],
  ['minParagraphs', 'min_paragraphs'],
  ['minArticles', 'min_articles'],
  ['minOutlets', 'min_outlets'],
  ['holdSeconds', 'hold_seconds'],
  ['keepFiringSeconds', 'keep_firing_seconds'],
  ['cooldownSeconds', 'cooldown_seconds'],
  ['resolveFraction', 'resolve_fraction'],
  ['silenceAfterSeconds', 'silence_after_seconds'],
  ['webhooks', 'webhooks'],
  ['enabled', 'enabled'],
];

const JSONB_FIELDS = new Set<keyof AlertRuleFields>(['detector', 'webhooks']);

const RULE_COLUMNS = `id, ${FIELD_COLUMNS.map(([, name]) => name).join(', ')}, created_at, updated_at`;

/** The fields as statement parameters, in FIELD_COLUMNS order (jsonb as JSON text). */
function fieldParams(fields: AlertRuleFields): unknown[] {
  return FIELD_COLUMNS.map(([field]) =>
    JSONB_FIELDS.has(field) ? JSON.stringify(fields[field]) : fields[field],
  );
}

function toAlertRule(row: DbRow): AlertRule {
  return {
    id: column.text(row, 'id'),
    name: column.text(row, 'name'),
    monitor: column.text(row, 'monitor'),
    side: column.text(row, 'side'),
    sources: column.textArray(row, 'sources'),
    metric: column.text(row, 'metric') as Metric,
    frame: column.textOrNull(row, 'frame'),
    phrase: column.textOrNull(row, 'phrase'),
    direction: column.text(row, 'direction') as Direction,
    syndication: column.text(row, 'syndication') as AlertRuleFields['syndication'],
    // jsonb, written only here from validated rule input
    detector: column.jsonb<DetectorSettings>(row, 'detector'),
    minParagraphs: column.int(row, 'min_paragraphs'),
    minArticles: column.int(row, 'min_articles'),
    minOutlets: column.int(row, 'min_outlets'),
    holdSeconds: column.int(row, 'hold_seconds'),
    keepFiringSeconds: column.int(row, 'keep_firing_seconds'),
    cooldownSeconds: column.int(row, 'cooldown_seconds'),
    resolveFraction: column.float(row, 'resolve_fraction'),
    silenceAfterSeconds: column.intOrNull(row, 'silence_after_seconds'),
    webhooks: column.jsonb<WebhookTarget[]>(row, 'webhooks'),
    enabled: column.bool(row, 'enabled'),
    createdAt: column.time(row, 'created_at'),
    updatedAt: column.time(row, 'updated_at'),
  };
}

@Injectable()
export class AlertRulesRepository {
  constructor(@InjectDataSource() private readonly db: DataSource) {}

  list(): Promise<AlertRule[]> {
    return mapRows(
      this.db,
      `SELECT ${RULE_COLUMNS} FROM alert_rules ORDER BY created_at`,
      [],
      toAlertRule,
    );
  }

  find(id: string): Promise<AlertRule | null> {
    return this.findInTransaction(this.db, id);
  }

  findInTransaction(db: Queryable, id: string): Promise<AlertRule | null> {
    return mapRow(db, `SELECT ${RULE_COLUMNS} FROM alert_rules WHERE id = $1`, [id], toAlertRule);
  }

  enabledIds(monitor?: string, metric?: Metric): Promise<string[]> {
    return mapRows(
      this.db,
      `SELECT id FROM alert_rules
       WHERE enabled AND ($1::text IS NULL OR monitor = $1) AND ($2::text IS NULL OR metric = $2)
       ORDER BY created_at`,
      [monitor ?? null, metric ?? null],
      (row) => column.text(row, 'id'),
    );
  }

  /** A new rule (in the caller's transaction, which starts its detector). */
  async insert(db: EntityManager, fields: AlertRuleFields): Promise<AlertRule> {
    const rule = await mapRow(
      db,
      `INSERT INTO alert_rules (${FIELD_COLUMNS.map(([, name]) => name).join(', ')})
       VALUES (${FIELD_COLUMNS.map((_, i) => `$${i + 1}`).join(', ')})
       RETURNING ${RULE_COLUMNS}`,
      fieldParams(fields),
      toAlertRule,
    );
    return rule!;
  }

  /** Every field replaced, updated_at now; null for an unknown rule. */
  update(db: EntityManager, id: string, fields: AlertRuleFields): Promise<AlertRule | null> {
    return mapRow(
      db,
      `UPDATE alert_rules
          SET ${FIELD_COLUMNS.map(([, name], i) => `${name} = $${i + 2}`).join(', ')},
              updated_at = now()
        WHERE id = $1
        RETURNING ${RULE_COLUMNS}`,
      [id, ...fieldParams(fields)],
      toAlertRule,
    );
  }

  async delete(id: string): Promise<boolean> {
    const deleted = await mapRows(
      this.db,
      `DELETE FROM alert_rules WHERE id = $1 RETURNING id`,
      [id],
      (row) => column.text(row, 'id'),
    );
    return deleted.length > 0;
  }
}
