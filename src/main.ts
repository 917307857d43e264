import 'reflect-metadata';
import { type INestApplication } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { type NestExpressApplication } from '@nestjs/platform-express';
import { AppModule } from './app.module';
import { type AppConfig, loadConfig } from './config/config';
import { runMigrations } from './database/migrate';
import { configureHttpApp } from './http/configure-app';
import { JsonLogger } from './logging/json-logger';
import { type RunningService, runEntrypoint } from './run-entrypoint';
import { apiStartup, quietBoot } from './startup-report';

export async function createApiApp(config: AppConfig): Promise<INestApplication> {
  const app = await NestFactory.create<NestExpressApplication>(AppModule.register(config), {
    bodyParser: false,
    logger: quietBoot(new JsonLogger(config)),
  });
  configureHttpApp(app, config);
  return app;
}

export async function startApi(config: AppConfig): Promise<INestApplication> {
  if (config.migrateOnStart) await runMigrations(config.databaseUrl);
  const app = await createApiApp(config);
  await app.listen(config.port, config.host);
  return app;
}

/** `npm run start:api`: migrations when MIGRATE_ON_START, then the API, and what start-up says. */
export async function apiService(config: AppConfig): Promise<RunningService> {
  const applied = config.migrateOnStart ? await runMigrations(config.databaseUrl) : undefined;
  const app = await startApi({ ...config, migrateOnStart: false });
  return {
    close: () => app.close(),
    shutdownTimeoutMs: config.shutdownTimeoutMs,
    startup: apiStartup(config, applied),
  };
}

if (require.main === module) {
  void runEntrypoint('api', () => apiService(loadConfig()));
}
