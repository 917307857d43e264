import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, type EntityManager } from 'typeorm';
import { column, type DbRow, mapRow, mapRows } from '../../database/rows';
import { type DeliveryEvent, type DeliveryStatus } from '../entities/alert-delivery.entity';
import { type WebhookTarget } from '../entities/alert-rule.entity';
import { type Alert, ALERT_COLUMNS, toAlert } from '../alerts.repository';

/** What one delivery attempt needs: the pending call, its alert, and the rule's target. */
export interface PendingDelivery {
  id: string;
  event: DeliveryEvent;
  alert: Alert;
  /** the rule's webhook for this delivery's url; null once the rule or the target is gone */
  target: WebhookTarget | null;
}

function toPending(row: DbRow): Omit<PendingDelivery, 'alert'> & { alertId: string } {
  const url = column.text(row, 'target_url');
  // jsonb, written only by AlertRulesRepository from validated rule input
  const webhooks = (row.webhooks ?? []) as WebhookTarget[];
  return {
    id: column.text(row, 'id'),
    event: column.text(row, 'event') as DeliveryEvent,
    alertId: column.text(row, 'alert_id'),
    target: webhooks.find((w) => w.url === url) ?? null,
  };
}

/**
 * alert_deliveries, its one writer: one webhook call (with its retries) per alert event and
 * target, opened with its alert and then attempted.
 */
@Injectable()
export class DeliveriesRepository {
  constructor(@InjectDataSource() private readonly db: DataSource) {}

  /** Pending deliveries of an alert event to each url (in the evaluation's transaction); new ids only. */
  async open(
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

  /** The delivery if it is still pending, with its alert and the rule's current target. */
  async findPending(deliveryId: string): Promise<PendingDelivery | null> {
    const pending = await mapRow(
      this.db,
      `SELECT delivery.id, delivery.event, delivery.target_url, delivery.alert_id, rule.webhooks
       FROM alert_deliveries delivery
       JOIN alerts alert ON alert.id = delivery.alert_id
       LEFT JOIN alert_rules rule ON rule.id = alert.rule_id
       WHERE delivery.id = $1 AND delivery.status = 'pending'`,
      [deliveryId],
      toPending,
    );
    if (!pending) return null;
    const { alertId, ...delivery } = pending;
    const alert = await mapRow(
      this.db,
      `SELECT ${ALERT_COLUMNS} FROM alerts WHERE id = $1`,
      [alertId],
      toAlert,
    );
    // a delivery is deleted with its alert (ON DELETE CASCADE)
    if (!alert) throw new Error(`alert ${alertId} of delivery ${deliveryId} not found`);
    return { ...delivery, alert };
  }

  async recordAttempt(
    deliveryId: string,
    statusCode: number | null,
    error: string | null,
    status: DeliveryStatus,
  ): Promise<void> {
    await this.db.query(
      `UPDATE alert_deliveries
          SET attempts = attempts + 1, last_status_code = $2, last_error = $3, status = $4,
              delivered_at = CASE WHEN $4 = 'delivered' THEN now() ELSE delivered_at END,
              updated_at = now()
        WHERE id = $1`,
      [deliveryId, statusCode, error === null ? null : error.slice(0, 1_000), status],
    );
  }

  /** After the last retry. */
  async markFailed(deliveryId: string): Promise<void> {
    await this.db.query(
      `UPDATE alert_deliveries SET status = 'failed', updated_at = now() WHERE id = $1 AND status = 'pending'`,
      [deliveryId],
    );
  }

  /** Deliveries left pending without a job (a worker died between commit and enqueue). */
  stalePending(olderThanMs: number): Promise<string[]> {
    return mapRows(
      this.db,
      `SELECT id FROM alert_deliveries
        WHERE status = 'pending' AND attempts = 0 AND created_at < now() - make_interval(secs => $1)
        ORDER BY created_at LIMIT 500`,
      [olderThanMs / 1000],
      (row) => column.text(row, 'id'),
    );
  }
}
