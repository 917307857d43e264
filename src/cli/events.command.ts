import { getMonitor, UnknownMonitorError } from '../analysis';
import { EventsRepository } from '../events/events.repository';
import { EventsService } from '../events/events.service';
import { CliError, parseArgs, type CliCommand, type CliIo } from './io';
import { serviceConfig, withServices } from './service-context';

export const eventsCommand: CliCommand = {
  name: 'events',
  usage: 'events rebuild [--monitor ID]',
  summary: 'regroup stored scored articles into events, in time order (uses DATABASE_URL)',
  async run(args: string[], io: CliIo): Promise<void> {
    const { positional, values } = parseArgs(args, { flags: [], values: ['monitor'] });
    if (positional.length !== 1 || positional[0] !== 'rebuild') {
      throw new CliError(`usage: tonewatch ${this.usage}`, 2);
    }
    const config = serviceConfig();
    const monitor = values.get('monitor');
    if (monitor !== undefined) {
      try {
        getMonitor(monitor);
      } catch (error) {
        if (error instanceof UnknownMonitorError) throw new CliError(error.message, 2);
        throw error;
      }
    }
    await withServices(config, { providers: [EventsRepository, EventsService] }, async (app) => {
      const results = await app
        .get(EventsService)
        .rebuild(monitor, (line) => io.stderr(`${line}\n`));
      if (results.length === 0) io.stdout('no scored articles: nothing to group\n');
      for (const r of results) {
        io.stdout(
          `${r.monitor}: ${r.articles} article(s) grouped into ${r.events} event(s) (${r.dropped} event(s) replaced)\n`,
        );
      }
    });
  },
};
