import 'reflect-metadata';
import { type INestApplicationContext } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { type AppConfig, loadConfig } from './config/config';
import { JsonLogger, loggerSettings } from './logging/json-logger';
import { type RunningService, runEntrypoint } from './run-entrypoint';
import { quietBoot, workerSettings, workerStartup } from './startup-report';
import { WorkerModule } from './worker.module';

/** Queue workers without an HTTP port; scale out by running more of these. */
export async function startWorker(config: AppConfig): Promise<INestApplicationContext> {
  // Shutdown is driven by run-entrypoint.ts, which closes the context (and so the workers).
  return NestFactory.createApplicationContext(WorkerModule.register(config), {
    logger: quietBoot(new JsonLogger(loggerSettings(config))),
  });
}

/** `npm run start:worker`: the workers, and what start-up says. */
export async function workerService(config: AppConfig): Promise<RunningService> {
  const app = await startWorker(config);
  return {
    close: () => app.close(),
    shutdownTimeoutMs: config.runtime.shutdownTimeoutMs,
    startup: workerStartup(workerSettings(config)),
  };
}

if (require.main === module) {
  // A worker checks no keys; given, they are still redacted from its log lines.
  void runEntrypoint('worker', () => workerService(loadConfig(process.env, { apiKeys: false })));
}
