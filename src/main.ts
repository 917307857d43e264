import 'reflect-metadata';
import { type INestApplication } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { type NestExpressApplication } from '@nestjs/platform-express';
import { AppModule } from './app.module';
import { type AppConfig, loadConfig } from './config/config';
import { runMigrations } from './database/migrate';
import { configureHttpApp } from './http/configure-app';
import { JsonLogger } from './logging/json-logger';
import { runEntrypoint } from './run-entrypoint';
import { apiStartup } from './startup-report';

export async function createApiApp(config: AppConfig): Promise<INestApplication> {
  const app = await NestFactory.create<NestExpressApplication>(AppModule.register(config), {
    bodyParser: false,
    logger: new JsonLogger(config),
  });
  configureHttpApp(app, config);
  return app;
}

export async function startApi(
  config: AppConfig,
): Promise<INestApplication & { migrationsApplied?: string[] }> {
  const applied = config.migrateOnStart ? await runMigrations(config.databaseUrl) : undefined;
  const app = await createApiApp(config);
  await app.listen(config.port, config.host);
  return Object.assign(app, { migrationsApplied: applied });
}

if (require.main === module) {
  void runEntrypoint('api', async () => {
    const config = loadConfig();
    const app = await startApi(config);
    return {
      close: () => app.close(),
      shutdownTimeoutMs: config.shutdownTimeoutMs,
      startup: apiStartup(config, app.migrationsApplied),
    };
  });
}
