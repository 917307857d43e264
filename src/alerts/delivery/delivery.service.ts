import { Inject, Injectable } from '@nestjs/common';
import { type AppConfig } from '../../config/config';
import { APP_CONFIG } from '../../config/config.module';
import { FetchError } from '../../fetching';
import { alertView } from '../api/alert-view';
import { DeliveriesRepository } from './deliveries.repository';
import { sendWebhook } from './webhook-sender';

/** A delivery that can never succeed (target refused, rule gone): retrying would not help. */
export class PermanentDeliveryError extends Error {}

@Injectable()
export class DeliveryService {
  constructor(
    private readonly deliveries: DeliveriesRepository,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  /** One attempt; throws when it failed, so the queue retries with backoff. */
  async attempt(deliveryId: string): Promise<void> {
    const delivery = await this.deliveries.findPending(deliveryId);
    if (!delivery) return;
    const { target } = delivery;
    if (!target) {
      const reason = 'the rule or this target was removed before delivery';
      await this.deliveries.recordAttempt(deliveryId, null, reason, 'failed');
      throw new PermanentDeliveryError(reason);
    }
    const sentAt = new Date();
    const body = JSON.stringify({
      event: `alert.${delivery.event}`,
      deliveryId,
      sentAt: sentAt.toISOString(),
      alert: alertView(delivery.alert),
    });
    let status: number;
    try {
      ({ status } = await sendWebhook({
        url: target.url,
        body,
        secret: target.secret,
        timeoutMs: this.config.alerts.webhookTimeoutMs,
        allowPrivate: this.config.fetch.allowPrivateTargets,
        sentAt,
      }));
    } catch (error) {
      const message = error instanceof Error ? error.message : String(error);
      const refused =
        error instanceof FetchError &&
        (error.failure === 'private-target' || error.failure === 'invalid-url');
      await this.deliveries.recordAttempt(
        deliveryId,
        null,
        message,
        refused ? 'failed' : 'pending',
      );
      throw refused ? new PermanentDeliveryError(message) : error;
    }
    if (status >= 200 && status < 300) {
      await this.deliveries.recordAttempt(deliveryId, status, null, 'delivered');
      return;
    }
    await this.deliveries.recordAttempt(
      deliveryId,
      status,
      `receiver answered ${status}`,
      'pending',
    );
    throw new Error(`receiver answered ${status}`);
  }

  /** After the last retry. */
  markFailed(deliveryId: string): Promise<void> {
    return this.deliveries.markFailed(deliveryId);
  }

  /** Deliveries left pending without a job (a worker died between commit and enqueue). */
  stalePending(olderThanMs: number): Promise<string[]> {
    return this.deliveries.stalePending(olderThanMs);
  }
}
