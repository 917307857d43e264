import { OnQueueEvent, QueueEventsHost, QueueEventsListener } from '@nestjs/bullmq';
import { Logger } from '@nestjs/common';
import { EvaluationRequests } from '../../alerts/jobs/evaluation-requests';
import { QUEUES } from '../../queue/queue-names';
import { parseScoreResults, resultMonitors } from '../../scoring/scoring.job';
import { WireStoriesService } from '../wire-stories.service';

/**
 * Links the articles of a chunk to the reprints of their wire stories as soon as they are
 * scored, without touching scoring: listens to the scoring queue's completed events, as the
 * events and alerts listeners do. The chunk's articles are linked in one transaction, under
 * one lock (WireStoriesService.linkPending); every worker hears every completion, and the
 * workers after the first find its articles linked and write nothing. A completion missed (no
 * worker listening, a failed link) leaves the article wire_pending, which WirePendingSweep
 * takes.
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
    const results = parseScoreResults(returnvalue).filter(
      (r) => r.articleId && (!r.skipped || r.skipped === 'already-scored'),
    );
    if (results.length === 0) return;
    const monitors = new Set<string>();
    try {
      const { linked, changed } = await this.wireStories.linkPending(
        results.map((r) => r.articleId),
      );
      if (changed > 0)
        this.logger.log({ msg: 'wire groups linked', articles: linked.length, changed });
      const first = new Set(linked);
      for (const result of results) {
        if (!first.has(result.articleId)) continue;
        for (const { monitor, paragraphs } of resultMonitors(result)) {
          if (paragraphs > 0) monitors.add(monitor);
        }
      }
    } catch (error) {
      this.logger.warn(`could not link wire reprints: ${(error as Error).message}`);
    }
    await this.evaluations.forMonitors(monitors);
  }
}
