import { ArticlesRepository } from '../articles/articles.repository';
import { EventsRepository } from '../events/events.repository';
import { ScoringRepository } from '../scoring/scoring.repository';
import { WireStoriesRepository } from '../wire/wire-stories.repository';
import { describeBackfill, WireStoriesService } from '../wire/wire-stories.service';
import { CliError, parseArgs, type CliCommand, type CliIo } from './io';
import { serviceConfig, withServices } from './service-context';

export const wireCommand: CliCommand = {
  name: 'wire',
  usage: 'wire backfill [--batch N]',
  summary:
    'fingerprint and link scored articles that have no fingerprints into wire groups (uses DATABASE_URL)',
  async run(args: string[], io: CliIo): Promise<void> {
    const { positional, values } = parseArgs(args, { flags: [], values: ['batch'] });
    if (positional.length !== 1 || positional[0] !== 'backfill') {
      throw new CliError(`usage: tonewatch ${this.usage}`, 2);
    }
    const batchText = values.get('batch');
    const batchSize = batchText === undefined ? undefined : Number(batchText);
    if (
      batchSize !== undefined &&
      (!Number.isInteger(batchSize) || batchSize < 1 || batchSize > 10_000)
    ) {
      throw new CliError(`--batch must be an integer from 1 to 10000 (got "${batchText}")`, 2);
    }
    // the linking store only, without the scoring queue: no Redis needed
    const providers = [
      ArticlesRepository,
      EventsRepository,
      ScoringRepository,
      WireStoriesRepository,
      WireStoriesService,
    ];
    await withServices(serviceConfig(), { providers }, async (app) => {
      const wire = app.get(WireStoriesService);
      const queued = await wire.queueUnfingerprinted();
      io.stderr(`${queued} scored article(s) without fingerprints queued\n`);
      const totals = await wire.backfill({
        batchSize,
        progress: (t) => io.stderr(`${describeBackfill(t)}\n`),
      });
      io.stdout(`${describeBackfill(totals)}\n`);
    });
  },
};
