import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { QueryParams } from '../../database/paragraph-filter';
import { column, type DbRow, mapRow, mapRows } from '../../database/rows';
import {
  type AlertChannel,
  type AlertFigures,
  type EvidenceEvent,
  type EvidenceParagraph,
} from '../detection';
import { type DeliveryEvent, type DeliveryStatus } from '../entities/alert-delivery.entity';
import { type AlertState } from '../entities/alert.entity';

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
    // jsonb written only by EvaluationRepository from the detector's evidence
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

/** The alerts API's reads of alerts and their deliveries. */
@Injectable()
export class AlertsRepository {
  constructor(@InjectDataSource() private readonly db: DataSource) {}

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
