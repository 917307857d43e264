import { OnQueueEvent, QueueEventsHost, QueueEventsListener } from '@nestjs/bullmq';
import { Logger } from '@nestjs/common';
import { QUEUES } from '../../queue/queue-names';
import { parseScoreResults } from '../../scoring/scoring.job';
import { AlertJobsProducer } from './alert-jobs.producer';
import { AlertRulesRepository } from '../rules/alert-rules.repository';

/**
 * Evaluates the rules of the scored articles' monitors as soon as a scoring job completes, without
 * touching scoring: it listens to the scoring queue's completed events and enqueues
 * (coalesced) evaluations on the alerts queue.
 */
@QueueEventsListener(QUEUES.scoring)
export class ScoringCompletionListener extends QueueEventsHost {
  private readonly logger = new Logger(ScoringCompletionListener.name);

  constructor(
    private readonly rules: AlertRulesRepository,
    private readonly jobs: AlertJobsProducer,
  ) {
    super();
  }

  @OnQueueEvent('completed')
  async onCompleted({ returnvalue }: { jobId: string; returnvalue: unknown }): Promise<void> {
    // A chunk's articles may belong to several monitors; each monitor's rules are asked once.
    const monitors = new Set<string>();
    for (const result of parseScoreResults(returnvalue)) {
      if (result.monitor && result.paragraphs > 0 && !result.skipped) monitors.add(result.monitor);
    }
    try {
      for (const monitor of monitors) {
        for (const ruleId of await this.rules.enabledIds(monitor))
          await this.jobs.evaluateRule(ruleId);
      }
    } catch (error) {
      // The periodic evaluation picks the article up anyway.
      this.logger.warn(`could not request alert evaluation: ${(error as Error).message}`);
    }
  }
}
