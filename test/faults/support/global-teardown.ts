import { dropPostgres, stopRedis } from './services';

/** Leaves no cluster or server behind, even after a failed run. */
export default async function globalTeardown(): Promise<void> {
  await stopRedis();
  dropPostgres();
}
