import { OnQueueEvent, QueueEventsHost, QueueEventsListener } from '@nestjs/bullmq';
import { Logger } from '@nestjs/common';
import { groupedMonitorOf } from '../../events/events.job';
import { QUEUES } from '../../queue/queue-names';
import { AlertJobsProducer } from './alert-jobs.producer';
import { AlertRulesRepository } from '../rules/alert-rules.repository';

/**
 * Evaluates the asymmetry rules of a monitor as soon as one of its events has taken in an
 * article (its score is stored by then), without touching grouping: it listens to the events
 * queue's completed jobs, as ScoringCompletionListener does for the scoring queue. The scoring
 * completion alone comes too early, since the article is grouped after it is scored.
 */
@QueueEventsListener(QUEUES.events)
export class EventsCompletionListener extends QueueEventsHost {
  private readonly logger = new Logger(EventsCompletionListener.name);

  constructor(
    private readonly rules: AlertRulesRepository,
    private readonly jobs: AlertJobsProducer,
  ) {
    super();
  }

  @OnQueueEvent('completed')
  async onCompleted({ returnvalue }: { jobId: string; returnvalue: unknown }): Promise<void> {
    const monitor = groupedMonitorOf(returnvalue);
    if (monitor === null) return;
    try {
      for (const ruleId of await this.rules.enabledIds(monitor, 'asymmetry'))
        await this.jobs.evaluateRule(ruleId);
    } catch (error) {
      // The periodic evaluation picks the event up anyway.
      this.logger.warn(`could not request alert evaluation: ${(error as Error).message}`);
    }
  }
}
