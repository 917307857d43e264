import { OnQueueEvent, QueueEventsHost, QueueEventsListener } from '@nestjs/bullmq';
import { groupedMonitorsOf } from '../../events/events.job';
import { QUEUES } from '../../queue/queue-names';
import { EvaluationRequests } from './evaluation-requests';

/**
 * Evaluates the asymmetry rules of a monitor as soon as one of its events has taken in an
 * article (its score is stored by then), without touching grouping: it listens to the events
 * queue's completed jobs, as ScoringCompletionListener does for the scoring queue, and asks
 * once per monitor for a job of a chunk. The scoring completion alone comes too early, since
 * the article is grouped after it is scored.
 */
@QueueEventsListener(QUEUES.events)
export class EventsCompletionListener extends QueueEventsHost {
  constructor(private readonly evaluations: EvaluationRequests) {
    super();
  }

  @OnQueueEvent('completed')
  async onCompleted({ returnvalue }: { jobId: string; returnvalue: unknown }): Promise<void> {
    const monitors = groupedMonitorsOf(returnvalue);
    if (monitors.length > 0) await this.evaluations.forMonitors(monitors, 'asymmetry');
  }
}
