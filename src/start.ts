import 'reflect-metadata';
import { type AppConfig, loadConfig, withSettings } from './config/config';
import { runMigrations } from './database/migrate';
import { startApi } from './main';
import { type RunningService, runEntrypoint } from './run-entrypoint';
import { apiStartup, combinedStartup, workerSettings, workerStartup } from './startup-report';
import { startWorker } from './worker';

/** Single-machine mode (`npm start`): migrations, then the API and the workers in one process. */
export async function combinedService(config: AppConfig): Promise<RunningService> {
  const applied = await runMigrations(config.database.url);
  const worker = await startWorker(config);
  const api = await startApi(withSettings(config, { database: { migrateOnStart: false } }));
  return {
    // The API first, so no new article arrives while the workers finish theirs.
    close: async () => {
      await api.close();
      await worker.close();
    },
    shutdownTimeoutMs: config.runtime.shutdownTimeoutMs,
    startup: combinedStartup(
      apiStartup(config.http, applied),
      workerStartup(workerSettings(config)),
    ),
  };
}

if (require.main === module) {
  void runEntrypoint('api+worker', () => combinedService(loadConfig()));
}
