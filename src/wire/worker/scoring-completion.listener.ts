import { OnQueueEvent, QueueEventsHost, QueueEventsListener } from '@nestjs/bullmq';
import { Logger } from '@nestjs/common';
import { EvaluationRequests } from '../../alerts/jobs/evaluation-requests';
import { QUEUES } from '../../queue/queue-names';
import { parseScoreResults, resultMonitors } from '../../scoring/scoring.job';
import { WireStoriesService } from '../wire-stories.service';

/**
 * Links an article to the reprints of its wire story as soon as it is scored, without
 * touching scoring: listens to the scoring queue's completed events, as the events and
 * alerts listeners do. Every worker hears every completion; the link is idempotent and made
 * under one lock, so a second worker's attempt only reads. A completion missed (no worker
 * listening, a failed link) leaves the article wire_pending, which WirePendingSweep takes.
 *
 * The alert detectors leave a pending article out (it may turn out to be a reprint), so the
 * first link of an article asks for its monitor's evaluations again, as scoring's completion
 * did: an alert does not wait for the periodic evaluation because of the link.
 */
@QueueEventsListener(QUEUES.scoring)
export class WireScoringListener extends QueueEventsHost {
  private readonly logger = new Logger(WireScoringListener.name);

  constructor(
    private readonly wireStories: WireStoriesService,
    private readonly evaluations: EvaluationRequests,
  ) {
    super();
  }

  @OnQueueEvent('completed')
  async onCompleted({ returnvalue }: { jobId: string; returnvalue: unknown }): Promise<void> {
    // One job stores a chunk of articles; each is linked in its own short transaction, in
    // chunk order, so two copies of a story in one chunk link as any two others do.
    const monitors = new Set<string>();
    for (const result of parseScoreResults(returnvalue)) {
      if (!result.articleId) continue;
      if (result.skipped && result.skipped !== 'already-scored') continue;
      try {
        const outcome = await this.wireStories.link(result.articleId);
        if (outcome?.changed) this.logger.log({ msg: 'wire group linked', ...outcome });
        if (outcome?.firstLink) {
          for (const { monitor, paragraphs } of resultMonitors(result)) {
            if (paragraphs > 0) monitors.add(monitor);
          }
        }
      } catch (error) {
        this.logger.warn(`could not link wire reprints: ${(error as Error).message}`);
      }
    }
    await this.evaluations.forMonitors(monitors);
  }
}
