import { loadConfig } from './config/config';
import { runMigrations } from './database/migrate';
import { runEntrypoint } from './run-entrypoint';

/** One-shot migration step (`npm run migrate`, the compose `migrate` service). */
runEntrypoint('migrate', async () => {
  const applied = await runMigrations(loadConfig().databaseUrl);
  console.log(applied.length ? `applied: ${applied.join(', ')}` : 'schema is up to date');
});
