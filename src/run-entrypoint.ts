import { ConfigError } from './config/config';

/** Starts a process role and turns start-up failures into one clear message and exit code 1. */
export function runEntrypoint(role: string, start: () => Promise<unknown>): void {
  Promise.resolve()
    .then(start)
    .then(
      () => console.log(`tonewatch ${role} started`),
      (error: unknown) => {
        const message =
          error instanceof ConfigError ? error.message : String((error as Error)?.stack ?? error);
        console.error(`tonewatch ${role} failed to start: ${message}`);
        process.exit(1);
      },
    );
}
