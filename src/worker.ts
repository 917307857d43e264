import 'reflect-metadata';
import { type INestApplicationContext } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { type AppConfig, loadConfig } from './config/config';
import { JsonLogger } from './logging/json-logger';
import { runEntrypoint } from './run-entrypoint';
import { WorkerModule } from './worker.module';

/** Queue workers without an HTTP port; scale out by running more of these. */
export async function startWorker(config: AppConfig): Promise<INestApplicationContext> {
  // Shutdown is driven by run-entrypoint.ts, which closes the context (and so the workers).
  return NestFactory.createApplicationContext(WorkerModule.register(config), {
    logger: new JsonLogger(config),
  });
}

if (require.main === module) {
  runEntrypoint('worker', async () => {
    const config = loadConfig();
    const app = await startWorker(config);
    return { close: () => app.close(), shutdownTimeoutMs: config.shutdownTimeoutMs };
  });
}
