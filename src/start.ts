import 'reflect-metadata';
import { loadConfig } from './config/config';
import { runMigrations } from './database/migrate';
import { startApi } from './main';
import { runEntrypoint } from './run-entrypoint';
import { apiStartup, combinedStartup, workerStartup } from './startup-report';
import { startWorker } from './worker';

/** Single-machine mode (`npm start`): migrations, then the API and the workers in one process. */
void runEntrypoint('api+worker', async () => {
  const config = loadConfig();
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
});
