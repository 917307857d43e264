import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, type EntityManager } from 'typeorm';
import { QueryParams } from '../database/paragraph-filter';
import { column, type DbRow, mapRow, mapRows } from '../database/rows';
import {
  type AlertChannel,
  type AlertFigures,
  type DetectorEvent,
  type EvidenceEvent,
  type EvidenceParagraph,
} from './detection';
import { type DeliveryEvent, type DeliveryStatus } from './entities/alert-delivery.entity';
import { type AlertState } from './entities/alert.entity';
import { type AlertRule } from './rules/alert-rules.repository';

/** One episode of one rule in one direction, from firing to resolution. */
export interface Alert extends AlertFigures {
  id: string;
  /** null once the rule is deleted; its name is copied */
  ruleId: string | null;
  ruleName: string;
  monitor: string;
  side: string;
  metric: string;
  channel: AlertChannel;
  state: AlertState;
  startedAt: Date;
  resolvedAt: Date | null;
  onsetAt: Date;
  articles: number;
  outlets: number;
  evidence: EvidenceParagraph[];
  /** asymmetry: the events behind the alert */
  evidenceEvents: EvidenceEvent[];
  createdAt: Date;
}

/** One webhook call (with its retries) for one alert event and one target. */
export interface AlertDelivery {
  id: string;
  event: DeliveryEvent;
  targetUrl: string;
  status: DeliveryStatus;
  attempts: number;
  lastStatusCode: number | null;
  lastError: string | null;
  deliveredAt: Date | null;
}

/** Every column of alerts, as `toAlert` reads them; shared by the repositories that return alerts. */
export const ALERT_COLUMNS = `id, rule_id, rule_name, monitor, side, metric, channel, state,
  started_at, resolved_at, onset_at, baseline, current, shift, shift_sd, statistic, threshold,
  articles, outlets, evidence, evidence_events, created_at`;

export function toAlert(row: DbRow): Alert {
  return {
    id: column.text(row, 'id'),
    ruleId: column.textOrNull(row, 'rule_id'),
    ruleName: column.text(row, 'rule_name'),
    monitor: column.text(row, 'monitor'),
    side: column.text(row, 'side'),
    metric: column.text(row, 'metric'),
    channel: column.text(row, 'channel') as AlertChannel,
    state: column.text(row, 'state') as AlertState,
    startedAt: column.time(row, 'started_at'),
    resolvedAt: column.timeOrNull(row, 'resolved_at'),
    onsetAt: column.time(row, 'onset_at'),
    baseline: column.float(row, 'baseline'),
    current: column.float(row, 'current'),
    shift: column.float(row, 'shift'),
    shiftSd: column.floatOrNull(row, 'shift_sd'),
    statistic: column.float(row, 'statistic'),
    threshold: column.float(row, 'threshold'),
    articles: column.int(row, 'articles'),
    outlets: column.int(row, 'outlets'),
    // jsonb, written only here from the detector's evidence
    evidence: column.jsonb<EvidenceParagraph[]>(row, 'evidence'),
    evidenceEvents: column.jsonb<EvidenceEvent[]>(row, 'evidence_events'),
    createdAt: column.time(row, 'created_at'),
  };
}

function toDelivery(row: DbRow): AlertDelivery {
  return {
    id: column.text(row, 'id'),
    event: column.text(row, 'event') as DeliveryEvent,
    targetUrl: column.text(row, 'target_url'),
    status: column.text(row, 'status') as DeliveryStatus,
    attempts: column.int(row, 'attempts'),
    lastStatusCode: column.intOrNull(row, 'last_status_code'),
    lastError: column.textOrNull(row, 'last_error'),
    deliveredAt: column.timeOrNull(row, 'delivered_at'),
  };
}

/** What the detector reports when a rule's alert fires (at: when it starts). */
export type FiredAlert = Extract<DetectorEvent, { type: 'fired' }>;

export interface AlertFilter {
  ruleId?: string;
  monitor?: string;
  side?: string;
  state?: AlertState;
  from?: Date;
  to?: Date;
  /** continue after this (startedAt, id), newest first */
  after?: { startedAt: Date; id: string };
  limit: number;
}

/**
 * The alerts table's one writer: evaluation opens and resolves alerts, replacing a rule resolves
 * the ones it left firing. Also the alerts API's reads of alerts and their deliveries.
 */
@Injectable()
export class AlertsRepository {
  constructor(@InjectDataSource() private readonly db: DataSource) {}

  /** A firing alert of the rule (in the evaluation's transaction). */
  async open(db: EntityManager, rule: AlertRule, fired: FiredAlert): Promise<Alert> {
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
        fired.at,
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
  resolve(
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

  /** Resolves every alert the rule has firing, now (a replaced rule's old settings no longer apply). */
  async resolveFiringOf(db: EntityManager, ruleId: string): Promise<void> {
    await db.query(
      `UPDATE alerts SET state = 'resolved', resolved_at = now() WHERE rule_id = $1 AND state = 'firing'`,
      [ruleId],
    );
  }

  list(filter: AlertFilter): Promise<Alert[]> {
    const params = new QueryParams();
    const where: string[] = [];
    if (filter.ruleId) where.push(`rule_id = ${params.add(filter.ruleId)}`);
    if (filter.monitor) where.push(`monitor = ${params.add(filter.monitor)}`);
    if (filter.side) where.push(`side = ${params.add(filter.side)}`);
    if (filter.state) where.push(`state = ${params.add(filter.state)}`);
    if (filter.from) where.push(`started_at >= ${params.add(filter.from)}`);
    if (filter.to) where.push(`started_at < ${params.add(filter.to)}`);
    if (filter.after) {
      where.push(
        `(started_at, id) < (${params.add(filter.after.startedAt)}::timestamptz, ${params.add(filter.after.id)}::uuid)`,
      );
    }
    return mapRows(
      this.db,
      `SELECT ${ALERT_COLUMNS} FROM alerts
        ${where.length > 0 ? `WHERE ${where.join(' AND ')}` : ''}
        ORDER BY started_at DESC, id DESC
        LIMIT ${params.add(filter.limit)}`,
      params.values,
      toAlert,
    );
  }

  find(id: string): Promise<Alert | null> {
    return mapRow(this.db, `SELECT ${ALERT_COLUMNS} FROM alerts WHERE id = $1`, [id], toAlert);
  }

  deliveriesOf(alertId: string): Promise<AlertDelivery[]> {
    return mapRows(
      this.db,
      `SELECT id, event, target_url, status, attempts, last_status_code, last_error, delivered_at
         FROM alert_deliveries
        WHERE alert_id = $1
        ORDER BY created_at, target_url`,
      [alertId],
      toDelivery,
    );
  }
}
