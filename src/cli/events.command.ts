import { type DynamicModule, Module } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { getMonitor, UnknownMonitorError } from '../analysis';
import { type AppConfig, ConfigError, loadConfig } from '../config/config';
import { ConfigModule } from '../config/config.module';
import { DatabaseModule } from '../database/database.module';
import { EventsRepository } from '../events/events.repository';
import { EventsService } from '../events/events.service';
import { CliError, parseArgs, type CliCommand, type CliIo } from './io';

@Module({})
class EventsCliModule {
  static register(config: AppConfig): DynamicModule {
    return {
      module: EventsCliModule,
      imports: [ConfigModule.forRoot(config), DatabaseModule],
      providers: [EventsRepository, EventsService],
    };
  }
}

export const eventsCommand: CliCommand = {
  name: 'events',
  usage: 'events rebuild [--monitor ID]',
  summary: 'regroup stored scored articles into events, in time order (uses DATABASE_URL)',
  async run(args: string[], io: CliIo): Promise<void> {
    const { positional, values } = parseArgs(args, { flags: [], values: ['monitor'] });
    if (positional.length !== 1 || positional[0] !== 'rebuild') {
      throw new CliError(`usage: tonewatch ${this.usage}`, 2);
    }
    let config: AppConfig;
    try {
      config = loadConfig(process.env, { apiKeys: false });
    } catch (error) {
      if (error instanceof ConfigError) throw new CliError(error.problems.join('; '));
      throw error;
    }
    const monitor = values.get('monitor');
    if (monitor !== undefined) {
      try {
        getMonitor(monitor);
      } catch (error) {
        if (error instanceof UnknownMonitorError) throw new CliError(error.message, 2);
        throw error;
      }
    }
    const app = await NestFactory.createApplicationContext(EventsCliModule.register(config), {
      logger: ['error', 'warn'],
    });
    try {
      const results = await app
        .get(EventsService)
        .rebuild(monitor, (line) => io.stderr(`${line}\n`));
      if (results.length === 0) io.stdout('no scored articles: nothing to group\n');
      for (const r of results) {
        io.stdout(
          `${r.monitor}: ${r.articles} article(s) grouped into ${r.events} event(s) (${r.dropped} event(s) replaced)\n`,
        );
      }
    } finally {
      await app.close();
    }
  },
};
