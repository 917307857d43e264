import { BullModule } from '@nestjs/bullmq';
import { Module } from '@nestjs/common';
import { QUEUES } from '../queue/queue-names';
import { AlertJobsProducer } from './jobs/alert-jobs.producer';
import { AlertPublisher } from './delivery/alert-publisher';
import { DeliveriesRepository } from './delivery/deliveries.repository';
import { DeliveryService } from './delivery/delivery.service';
import { AlertsRepository } from './alerts.repository';
import { RuleStatesRepository } from './evaluation/rule-states.repository';
import { EvaluationService } from './evaluation/evaluation.service';
import { AlertRulesRepository } from './rules/alert-rules.repository';
import { AlertsProcessor } from './jobs/alerts.processor';
import { EvaluationRequests } from './jobs/evaluation-requests';
import { EventsCompletionListener } from './jobs/events-completion.listener';
import { ScoringCompletionListener } from './jobs/scoring-completion.listener';
import { WebhooksProcessor } from './jobs/webhooks.processor';

/** Rule evaluation and webhook delivery; imported only by WorkerModule (its @Processor classes start workers). */
@Module({
  imports: [BullModule.registerQueue({ name: QUEUES.alerts }, { name: QUEUES.webhooks })],
  providers: [
    AlertJobsProducer,
    AlertPublisher,
    AlertRulesRepository,
    RuleStatesRepository,
    AlertsRepository,
    EvaluationService,
    DeliveryService,
    DeliveriesRepository,
    AlertsProcessor,
    WebhooksProcessor,
    ScoringCompletionListener,
    EventsCompletionListener,
    EvaluationRequests,
  ],
  // for src/wire, which asks for an evaluation once an article it held back is linked
  exports: [EvaluationRequests],
})
export class AlertsWorkerModule {}
