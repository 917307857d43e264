import { faultServices } from './services';

/** Leaves no cluster or server behind, even after a failed run, and hands over the ports. */
export default async function globalTeardown(): Promise<void> {
  try {
    await faultServices.stopRedis();
    faultServices.dropPostgres();
  } finally {
    faultServices.release();
  }
}
