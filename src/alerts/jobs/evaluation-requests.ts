import { Injectable, Logger } from '@nestjs/common';
import { type Metric } from '../detection';
import { AlertRulesRepository } from '../rules/alert-rules.repository';
import { AlertJobsProducer } from './alert-jobs.producer';

/**
 * Asks for the evaluation of enabled rules: every one (the schedule), or those of some monitors
 * (of one metric, if given), which is what the queue listeners do when new observations may
 * have arrived; a listener's failure is logged and dropped, as the periodic evaluation reads
 * the same rows anyway.
 */
@Injectable()
export class EvaluationRequests {
  private readonly logger = new Logger(EvaluationRequests.name);

  constructor(
    private readonly rules: AlertRulesRepository,
    private readonly jobs: AlertJobsProducer,
  ) {}

  /** Every enabled rule (the scheduled evaluation); a failure is thrown, so the job retries. */
  async forEveryRule(): Promise<void> {
    for (const ruleId of await this.rules.enabledIds()) await this.jobs.evaluateRule(ruleId);
  }

  async forMonitors(monitors: Iterable<string>, metric?: Metric): Promise<void> {
    try {
      for (const monitor of monitors) {
        for (const ruleId of await this.rules.enabledIds(monitor, metric)) {
          await this.jobs.evaluateRule(ruleId);
        }
      }
    } catch (error) {
      this.logger.warn(`could not request alert evaluation: ${(error as Error).message}`);
    }
  }
}
