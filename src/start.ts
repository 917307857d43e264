import 'reflect-metadata';
import { type AppConfig, loadConfig } from './config/config';
import { runMigrations } from './database/migrate';
import { startApi } from './main';
import { type RunningService, runEntrypoint } from './run-entrypoint';
import { apiStartup, combinedStartup, workerStartup } from './startup-report';
import { startWorker } from './worker';

/** Single-machine mode (`npm start`): migrations, then the API and the workers in one process. */
export async function combinedService(config: AppConfig): Promise<RunningService> {
  const applied = await runMigrations(config.databaseUrl);
  const worker = await startWorker(config);
  const api = await startApi({ ...config, migrateOnStart: false });
  return {
    // The API first, so no new article arrives while the workers finish theirs.
    close: async () => {
      await api.close();
      await worker.close();
    },
    shutdownTimeoutMs: config.shutdownTimeoutMs,
    startup: combinedStartup(apiStartup(config, applied), workerStartup(config)),
  };
}

if (require.main === module) {
  void runEntrypoint('api+worker', () => combinedService(loadConfig()));
}
