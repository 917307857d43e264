import { loadDatabaseUrl } from './config/config';
import { runMigrations } from './database/migrate';
import { runEntrypoint } from './run-entrypoint';
import { migrationsReport } from './startup-report';

/** One-shot migration step (`npm run migrate`, the compose `migrate` service): DATABASE_URL only. */
void runEntrypoint('migrate', async () => {
  const applied = await runMigrations(loadDatabaseUrl());
  return { finished: migrationsReport(applied) };
});
