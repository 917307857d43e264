import './use-fault-services';
import createTemplate from '../../support/global-setup';
import { ensureBuilt } from './build';
import { startPostgres, startRedis } from './services';

/** Builds if needed, starts the fault tests' own Postgres and Redis, and a migrated template. */
export default async function globalSetup(): Promise<void> {
  ensureBuilt();
  await startPostgres();
  await startRedis();
  await createTemplate();
}
