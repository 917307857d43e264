import 'reflect-metadata';
import { type INestApplication } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { type NestExpressApplication } from '@nestjs/platform-express';
import { AppModule } from './app.module';
import { type AppConfig, loadConfig, withSettings } from './config/config';
import { runMigrations } from './database/migrate';
import { configureHttpApp } from './http/configure-app';
import { JsonLogger, loggerSettings } from './logging/json-logger';
import { type RunningService, runEntrypoint } from './run-entrypoint';
import { apiStartup, quietBoot } from './startup-report';

export async function createApiApp(config: AppConfig): Promise<INestApplication> {
  const app = await NestFactory.create<NestExpressApplication>(AppModule.register(config), {
    bodyParser: false,
    logger: quietBoot(new JsonLogger(loggerSettings(config))),
  });
  configureHttpApp(app, config);
  return app;
}

export async function startApi(config: AppConfig): Promise<INestApplication> {
  if (config.database.migrateOnStart) await runMigrations(config.database.url);
  const app = await createApiApp(config);
  await app.listen(config.http.port, config.http.host);
  return app;
}

/** `npm run start:api`: migrations when MIGRATE_ON_START, then the API, and what start-up says. */
export async function apiService(config: AppConfig): Promise<RunningService> {
  const applied = config.database.migrateOnStart
    ? await runMigrations(config.database.url)
    : undefined;
  const app = await startApi(withSettings(config, { database: { migrateOnStart: false } }));
  return {
    close: () => app.close(),
    shutdownTimeoutMs: config.runtime.shutdownTimeoutMs,
    startup: apiStartup(config.http, applied),
  };
}

if (require.main === module) {
  void runEntrypoint('api', () => apiService(loadConfig()));
}
