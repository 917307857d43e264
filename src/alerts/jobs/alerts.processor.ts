import { Processor, WorkerHost } from '@nestjs/bullmq';
import { Logger, type OnApplicationBootstrap } from '@nestjs/common';
import { type Job } from 'bullmq';
import { QUEUES } from '../../queue/queue-names';
import { EVALUATE_ALL_JOB, EVALUATE_RULE_JOB, type EvaluateRuleJob } from './alert-jobs';
import { AlertJobsProducer } from './alert-jobs.producer';
import { DeliveryService } from '../delivery/delivery.service';
import { EvaluationService } from '../evaluation/evaluation.service';
import { EvaluationRequests } from './evaluation-requests';

// A delivery still pending without any attempt after this long lost its job: enqueue it again.
const ORPHANED_DELIVERY_MS = 60_000;

/** Evaluates rules: one on request (after scoring), or every enabled rule on the schedule. */
@Processor(QUEUES.alerts, { concurrency: 2 })
export class AlertsProcessor extends WorkerHost implements OnApplicationBootstrap {
  private readonly logger = new Logger(AlertsProcessor.name);

  constructor(
    private readonly evaluations: EvaluationService,
    private readonly requests: EvaluationRequests,
    private readonly deliveries: DeliveryService,
    private readonly jobs: AlertJobsProducer,
  ) {
    super();
  }

  async onApplicationBootstrap(): Promise<void> {
    await this.jobs
      .scheduleEvaluations()
      .catch((error: Error) =>
        this.logger.error(`could not schedule alert evaluations: ${error.message}`),
      );
  }

  async process(job: Job<EvaluateRuleJob | Record<string, never>>): Promise<void> {
    if (job.name === EVALUATE_RULE_JOB) {
      await this.evaluations.evaluate((job.data as EvaluateRuleJob).ruleId);
      return;
    }
    if (job.name === EVALUATE_ALL_JOB) {
      await this.requests.forEveryRule();
      for (const deliveryId of await this.deliveries.stalePending(ORPHANED_DELIVERY_MS)) {
        await this.jobs.deliver(deliveryId);
      }
    }
  }
}
