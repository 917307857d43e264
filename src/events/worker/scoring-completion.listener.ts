import { OnQueueEvent, QueueEventsHost, QueueEventsListener } from '@nestjs/bullmq';
import { Logger } from '@nestjs/common';
import { QUEUES } from '../../queue/queue-names';
import { parseScoreResults, resultMonitors } from '../../scoring/scoring.job';
import { EventsProducer } from '../events.producer';

/**
 * Groups articles as soon as they are scored, without touching scoring: listens to the scoring
 * queue's completed events and enqueues one assignment job on the events queue per scoring job,
 * with every article and monitor of its chunk. A completion missed (no worker listening at that
 * moment) is caught by UngroupedSweep.
 */
@QueueEventsListener(QUEUES.scoring)
export class EventsScoringListener extends QueueEventsHost {
  private readonly logger = new Logger(EventsScoringListener.name);

  constructor(private readonly producer: EventsProducer) {
    super();
  }

  @OnQueueEvent('completed')
  async onCompleted({
    jobId,
    returnvalue,
  }: {
    jobId: string;
    returnvalue: unknown;
  }): Promise<void> {
    // One job carries a chunk of articles, each in one or more monitors: one assignment job
    // for all of them, its key the scoring job's id.
    const articles: { articleId: string; monitor: string }[] = [];
    for (const result of parseScoreResults(returnvalue)) {
      if (!result.articleId) continue;
      if (result.skipped && result.skipped !== 'already-scored') continue;
      for (const { monitor } of resultMonitors(result)) {
        articles.push({ articleId: result.articleId, monitor });
      }
    }
    try {
      await this.producer.assignChunk(articles, jobId);
    } catch (error) {
      this.logger.warn(`could not request event grouping: ${(error as Error).message}`);
    }
  }
}
