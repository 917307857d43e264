import { Client } from 'pg';
import { createDataSource } from './data-source';

// Any constant shared by every Tonewatch process; only the migration runner takes this lock.
const MIGRATION_LOCK_KEY = 7_261_904_331;

/**
 * Applies pending migrations. Several processes may start together (API replicas, the
 * one-shot compose step): a session-level advisory lock lets one migrate while the others
 * wait, after which they find nothing pending.
 */
export async function runMigrations(databaseUrl: string): Promise<string[]> {
  const lock = new Client({ connectionString: databaseUrl });
  await lock.connect();
  try {
    await lock.query('SELECT pg_advisory_lock($1)', [MIGRATION_LOCK_KEY]);
    const dataSource = createDataSource(databaseUrl, 1);
    await dataSource.initialize();
    try {
      const applied = await dataSource.runMigrations({ transaction: 'each' });
      return applied.map((m) => m.name);
    } finally {
      await dataSource.destroy();
    }
  } finally {
    await lock.query('SELECT pg_advisory_unlock($1)', [MIGRATION_LOCK_KEY]).catch(() => undefined);
    await lock.end();
  }
}
