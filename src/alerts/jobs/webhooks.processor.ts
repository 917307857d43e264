import { OnWorkerEvent, Processor, WorkerHost } from '@nestjs/bullmq';
import { Logger } from '@nestjs/common';
import { type Job, UnrecoverableError } from 'bullmq';
import { QUEUES } from '../../queue/queue-names';
import { type DeliverWebhookJob } from './alert-jobs';
import { DeliveryService, PermanentDeliveryError } from '../delivery/delivery.service';

/**
 * Webhook deliveries, on their own queue and with several at once, so that a slow or dead
 * receiver holds up neither scoring, nor evaluation, nor the other receivers.
 */
@Processor(QUEUES.webhooks, { concurrency: 8 })
export class WebhooksProcessor extends WorkerHost {
  private readonly logger = new Logger(WebhooksProcessor.name);

  constructor(private readonly deliveries: DeliveryService) {
    super();
  }

  async process(job: Job<DeliverWebhookJob>): Promise<void> {
    try {
      await this.deliveries.attempt(job.data.deliveryId);
    } catch (error) {
      if (error instanceof PermanentDeliveryError) throw new UnrecoverableError(error.message);
      throw error;
    }
  }

  /** Retries exhausted: the delivery log shows it failed, with the last status and error. */
  @OnWorkerEvent('failed')
  async onFailed(job: Job<DeliverWebhookJob> | undefined): Promise<void> {
    if (!job?.finishedOn) return;
    await this.deliveries
      .markFailed(job.data.deliveryId)
      .catch((e: Error) =>
        this.logger.error(`could not mark delivery ${job.data.deliveryId} failed: ${e.message}`),
      );
  }
}
