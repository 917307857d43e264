import { OnQueueEvent, QueueEventsHost, QueueEventsListener } from '@nestjs/bullmq';
import { Logger } from '@nestjs/common';
import { QUEUES } from '../../queue/queue-names';
import { parseScoreResults, resultMonitors } from '../../scoring/scoring.job';
import { EventsProducer } from '../events.producer';

/**
 * Groups an article as soon as it is scored, without touching scoring: listens to the scoring
 * queue's completed events and enqueues an assignment on the events queue. A completion missed
 * (no worker listening at that moment) is caught by UngroupedSweep.
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
    for (const result of parseScoreResults(returnvalue)) {
      if (!result.articleId) continue;
      if (result.skipped && result.skipped !== 'already-scored') continue;
      // One job carries a chunk of articles, each in one or more monitors: the article id and
      // the monitor make each assignment's key (the first monitor keeps the key it always had).
      for (const [i, { monitor }] of resultMonitors(result).entries()) {
        const key = `${jobId}-${result.articleId}${i === 0 ? '' : `-${monitor}`}`;
        try {
          await this.producer.assign(result.articleId, monitor, key);
        } catch (error) {
          this.logger.warn(`could not request event grouping: ${(error as Error).message}`);
        }
      }
    }
  }
}
