import { type INestApplication, type INestApplicationContext } from '@nestjs/common';
import { type AppConfig } from '../../src/config/config';
import { createApiApp } from '../../src/main';
import { startWorker } from '../../src/worker';

/** The real API (same HTTP configuration as production), initialised but not listening. */
export async function startTestApi(config: AppConfig): Promise<INestApplication> {
  const app = await createApiApp(config);
  await app.init();
  return app;
}

/** The real queue workers against the test file's own database and Redis prefix. */
export function startTestWorker(config: AppConfig): Promise<INestApplicationContext> {
  return startWorker(config);
}

/** Polls until `check` returns a value other than undefined, or fails after `timeoutMs`. */
export async function waitFor<T>(
  check: () => Promise<T | undefined>,
  timeoutMs = 20_000,
  what = 'condition',
): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await check();
    if (value !== undefined) return value;
    if (Date.now() > deadline)
      throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}
