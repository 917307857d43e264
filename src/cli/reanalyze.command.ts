import { QueueModule } from '../queue/queue.module';
import { ReanalysisModule } from '../scoring/reanalysis.module';
import { ReanalysisService } from '../scoring/reanalysis.service';
import { CliError, parseArgs, type CliCommand, type CliIo } from './io';
import { serviceConfig, withServices } from './service-context';

export const reanalyzeCommand: CliCommand = {
  name: 'reanalyze',
  usage: 'reanalyze [--monitor ID] [--all] [--limit N]',
  summary:
    're-queue articles scored by an older analysis version (uses DATABASE_URL, REDIS_URL, REDIS_PREFIX)',
  async run(args: string[], io: CliIo): Promise<void> {
    const { positional, flags, values } = parseArgs(args, {
      flags: ['all'],
      values: ['monitor', 'limit'],
    });
    if (positional.length > 0) throw new CliError(`usage: tonewatch ${this.usage}`, 2);
    const limitText = values.get('limit');
    const limit = limitText === undefined ? undefined : Number(limitText);
    if (limit !== undefined && (!Number.isInteger(limit) || limit < 1)) {
      throw new CliError(`--limit must be a positive integer (got "${limitText}")`, 2);
    }

    await withServices(
      serviceConfig(),
      { imports: [QueueModule, ReanalysisModule] },
      async (app) => {
        const result = await app.get(ReanalysisService).reanalyze({
          monitor: values.get('monitor'),
          olderThanVersion: !flags.has('all'),
          limit,
        });
        io.stdout(
          `requeued ${result.requeued} article(s) for analysis version ${result.analysisVersion}\n`,
        );
      },
    );
  },
};
