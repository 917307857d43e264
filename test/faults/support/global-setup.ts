import './use-fault-services';
import createTemplate from '../../support/global-setup';
import { ensureBuilt } from './build';
import { faultServices } from './services';

/**
 * Waits for any other fault run on this host to finish (its build and its services are in
 * use), builds if needed, then starts (or reuses, or reclaims from an interrupted run) the
 * fault tests' own Postgres and Redis, and a migrated template.
 */
export default async function globalSetup(): Promise<void> {
  await faultServices.acquire();
  ensureBuilt();
  await faultServices.startPostgres();
  await faultServices.startRedis();
  await createTemplate();
}
