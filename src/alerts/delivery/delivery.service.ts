import { Inject, Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { type AppConfig } from '../../config/config';
import { APP_CONFIG } from '../../config/config.module';
import { FetchError } from '../../fetching';
import { alertView } from '../alert-view';
import { AlertDeliveryEntity } from '../entities/alert-delivery.entity';
import { AlertRuleEntity } from '../entities/alert-rule.entity';
import { AlertEntity } from '../entities/alert.entity';
import { sendWebhook } from './webhook-sender';

/** A delivery that can never succeed (target refused, rule gone): retrying would not help. */
export class PermanentDeliveryError extends Error {}

@Injectable()
export class DeliveryService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  /** One attempt; throws when it failed, so the queue retries with backoff. */
  async attempt(deliveryId: string): Promise<void> {
    const deliveries = this.dataSource.getRepository(AlertDeliveryEntity);
    const delivery = await deliveries.findOneBy({ id: deliveryId });
    if (!delivery || delivery.status !== 'pending') return;
    const alert = await this.dataSource
      .getRepository(AlertEntity)
      .findOneByOrFail({ id: delivery.alertId });
    const rule = alert.ruleId
      ? await this.dataSource.getRepository(AlertRuleEntity).findOneBy({ id: alert.ruleId })
      : null;
    const target = rule?.webhooks.find((w) => w.url === delivery.targetUrl);
    if (!target) {
      await this.recordAttempt(
        deliveryId,
        null,
        'the rule or this target was removed before delivery',
        'failed',
      );
      throw new PermanentDeliveryError('the rule or this target was removed before delivery');
    }
    const sentAt = new Date();
    const body = JSON.stringify({
      event: `alert.${delivery.event}`,
      deliveryId,
      sentAt: sentAt.toISOString(),
      alert: alertView(alert),
    });
    let status: number;
    try {
      ({ status } = await sendWebhook({
        url: target.url,
        body,
        secret: target.secret,
        timeoutMs: this.config.webhookTimeoutMs,
        allowPrivate: this.config.allowPrivateTargets,
        sentAt,
      }));
    } catch (error) {
      const message = error instanceof Error ? error.message : String(error);
      const refused =
        error instanceof FetchError &&
        (error.failure === 'private-target' || error.failure === 'invalid-url');
      await this.recordAttempt(deliveryId, null, message, refused ? 'failed' : 'pending');
      throw refused ? new PermanentDeliveryError(message) : error;
    }
    if (status >= 200 && status < 300) {
      await this.recordAttempt(deliveryId, status, null, 'delivered');
      return;
    }
    await this.recordAttempt(deliveryId, status, `receiver answered ${status}`, 'pending');
    throw new Error(`receiver answered ${status}`);
  }

  /** After the last retry. */
  async markFailed(deliveryId: string): Promise<void> {
    await this.dataSource.query(
      `UPDATE alert_deliveries SET status = 'failed', updated_at = now() WHERE id = $1 AND status = 'pending'`,
      [deliveryId],
    );
  }

  /** Deliveries left pending without a job (a worker died between commit and enqueue). */
  async stalePending(olderThanMs: number): Promise<string[]> {
    const rows: { id: string }[] = await this.dataSource.query(
      `SELECT id FROM alert_deliveries
        WHERE status = 'pending' AND attempts = 0 AND created_at < now() - make_interval(secs => $1)
        ORDER BY created_at LIMIT 500`,
      [olderThanMs / 1000],
    );
    return rows.map((r) => r.id);
  }

  private async recordAttempt(
    deliveryId: string,
    statusCode: number | null,
    error: string | null,
    status: 'pending' | 'delivered' | 'failed',
  ): Promise<void> {
    await this.dataSource.query(
      `UPDATE alert_deliveries
          SET attempts = attempts + 1, last_status_code = $2, last_error = $3, status = $4,
              delivered_at = CASE WHEN $4 = 'delivered' THEN now() ELSE delivered_at END,
              updated_at = now()
        WHERE id = $1`,
      [deliveryId, statusCode, error === null ? null : error.slice(0, 1_000), status],
    );
  }
}
