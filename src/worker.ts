import 'reflect-metadata';
import { type INestApplicationContext } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { type AppConfig, loadConfig } from './config/config';
import { JsonLogger } from './logging/json-logger';
import { runEntrypoint } from './run-entrypoint';
import { workerStartup } from './startup-report';
import { WorkerModule } from './worker.module';

/** Queue workers without an HTTP port; scale out by running more of these. */
export async function startWorker(config: AppConfig): Promise<INestApplicationContext> {
  // Shutdown is driven by run-entrypoint.ts, which closes the context (and so the workers).
  return NestFactory.createApplicationContext(WorkerModule.register(config), {
    logger: new JsonLogger(config),
  });
}

if (require.main === module) {
  void runEntrypoint('worker', async () => {
    // A worker checks no keys; given, they are still redacted from its log lines.
    const config = loadConfig(process.env, { apiKeys: false });
    const app = await startWorker(config);
    return {
      close: () => app.close(),
      shutdownTimeoutMs: config.shutdownTimeoutMs,
      startup: workerStartup(config),
    };
  });
}
