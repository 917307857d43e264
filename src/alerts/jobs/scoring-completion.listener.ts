import { OnQueueEvent, QueueEventsHost, QueueEventsListener } from '@nestjs/bullmq';
import { QUEUES } from '../../queue/queue-names';
import { parseScoreResults, resultMonitors } from '../../scoring/scoring.job';
import { EvaluationRequests } from './evaluation-requests';

/**
 * Evaluates the rules of the scored articles' monitors as soon as a scoring job completes, without
 * touching scoring: it listens to the scoring queue's completed events and enqueues
 * (coalesced) evaluations on the alerts queue.
 */
@QueueEventsListener(QUEUES.scoring)
export class ScoringCompletionListener extends QueueEventsHost {
  constructor(private readonly evaluations: EvaluationRequests) {
    super();
  }

  @OnQueueEvent('completed')
  async onCompleted({ returnvalue }: { jobId: string; returnvalue: unknown }): Promise<void> {
    // A chunk's articles may belong to several monitors; each monitor's rules are asked once.
    const monitors = new Set<string>();
    for (const result of parseScoreResults(returnvalue)) {
      if (result.skipped) continue;
      for (const { monitor, paragraphs } of resultMonitors(result)) {
        if (paragraphs > 0) monitors.add(monitor);
      }
    }
    await this.evaluations.forMonitors(monitors);
  }
}
