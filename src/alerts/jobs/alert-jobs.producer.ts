import { InjectQueue } from '@nestjs/bullmq';
import { Inject, Injectable } from '@nestjs/common';
import { type JobsOptions, Queue } from 'bullmq';
import { type AppConfig } from '../../config/config';
import { APP_CONFIG } from '../../config/config.module';
import { QUEUES } from '../../queue/queue-names';
import {
  DELIVER_WEBHOOK_JOB,
  type DeliverWebhookJob,
  EVALUATE_ALL_JOB,
  EVALUATE_RULE_JOB,
  type EvaluateRuleJob,
  EVALUATION_SCHEDULER_ID,
} from './alert-jobs';

const HOUR_S = 3_600;

/** The only class that adds to the `alerts` and `webhooks` queues; every job option is decided here. */
@Injectable()
export class AlertJobsProducer {
  constructor(
    @InjectQueue(QUEUES.alerts) private readonly alerts: Queue,
    @InjectQueue(QUEUES.webhooks) private readonly webhooks: Queue<DeliverWebhookJob>,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  /**
   * Coalesced per rule: requests while an evaluation waits (for at most the debounce delay)
   * join it, so a burst of scored articles is evaluated once; a request while one runs
   * queues exactly one follow-up (keepLastIfActive), so no article waits for the periodic
   * evaluation. Unlike a sliding debounce, a steady stream cannot postpone it indefinitely.
   * Evaluation is idempotent, so a retry or a duplicate costs only time.
   */
  async evaluateRule(ruleId: string): Promise<void> {
    const options: JobsOptions = {
      delay: this.config.alerts.debounceMs,
      deduplication: { id: `rule-${ruleId}`, keepLastIfActive: true },
      attempts: 3,
      backoff: { type: 'exponential', delay: 1_000 },
      removeOnComplete: { count: 1_000, age: HOUR_S },
      removeOnFail: { count: 1_000, age: 24 * HOUR_S },
    };
    await this.alerts.add(EVALUATE_RULE_JOB, { ruleId } satisfies EvaluateRuleJob, options);
  }

  /** Registers (or updates) the periodic evaluation; safe to call from every worker at start-up. */
  async scheduleEvaluations(): Promise<void> {
    await this.alerts.upsertJobScheduler(
      EVALUATION_SCHEDULER_ID,
      { every: this.config.alerts.evaluationIntervalMs },
      {
        name: EVALUATE_ALL_JOB,
        data: {},
        opts: { removeOnComplete: { count: 100 }, removeOnFail: { count: 100 } },
      },
    );
  }

  /** One job per delivery id: enqueuing a delivery again while its job is retained adds nothing. */
  async deliver(deliveryId: string): Promise<void> {
    await this.webhooks.add(
      DELIVER_WEBHOOK_JOB,
      { deliveryId },
      {
        jobId: `delivery-${deliveryId}`,
        attempts: this.config.alerts.webhookAttempts,
        backoff: { type: 'exponential', delay: this.config.alerts.webhookBackoffMs },
        removeOnComplete: { count: 1_000, age: 24 * HOUR_S },
        removeOnFail: { count: 10_000, age: 7 * 24 * HOUR_S },
      },
    );
  }
}
