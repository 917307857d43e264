import 'reflect-metadata';
import { type INestApplicationContext } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { type AppConfig, loadConfig } from './config/config';
import { runEntrypoint } from './run-entrypoint';
import { WorkerModule } from './worker.module';

/** Queue workers without an HTTP port; scale out by running more of these. */
export async function startWorker(config: AppConfig): Promise<INestApplicationContext> {
  const app = await NestFactory.createApplicationContext(WorkerModule.register(config), {
    logger:
      config.logLevel === 'debug' ? ['error', 'warn', 'log', 'debug'] : ['error', 'warn', 'log'],
  });
  app.enableShutdownHooks();
  return app;
}

if (require.main === module) {
  runEntrypoint('worker', () => startWorker(loadConfig()));
}
