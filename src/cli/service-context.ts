import {
  type INestApplicationContext,
  Module,
  type ModuleMetadata,
  type Provider,
} from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { type AppConfig, ConfigError, loadConfig } from '../config/config';
import { ConfigModule } from '../config/config.module';
import { DatabaseModule } from '../database/database.module';
import { CliError } from './io';

/** The deployment's settings as the services read them (no API keys needed); a bad one is a CliError. */
export function serviceConfig(): AppConfig {
  try {
    return loadConfig(process.env, { apiKeys: false });
  } catch (error) {
    if (error instanceof ConfigError) throw new CliError(error.problems.join('; '));
    throw error;
  }
}

@Module({})
class CliServicesModule {}

/**
 * Runs `work` in an application context holding the configuration, the database and what the
 * command adds, logging warnings and errors only, and closes it afterwards.
 */
export async function withServices<T>(
  config: AppConfig,
  extra: { imports?: ModuleMetadata['imports']; providers?: Provider[] },
  work: (app: INestApplicationContext) => Promise<T>,
): Promise<T> {
  const app = await NestFactory.createApplicationContext(
    {
      module: CliServicesModule,
      imports: [ConfigModule.forRoot(config), DatabaseModule, ...(extra.imports ?? [])],
      providers: extra.providers ?? [],
    },
    { logger: ['error', 'warn'] },
  );
  try {
    return await work(app);
  } finally {
    await app.close();
  }
}
