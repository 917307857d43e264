import { ConfigError } from './config/config';
import { JsonLogger } from './logging/json-logger';

/** A long-running role (API, worker) that stops cleanly on SIGTERM/SIGINT. */
export interface RunningService {
  close(): Promise<void>;
  shutdownTimeoutMs: number;
}

const logger = new JsonLogger({ logLevel: 'info' });

/**
 * Starts a process role and turns start-up failures into one clear message and exit code 1.
 * A running service is closed on SIGTERM or SIGINT (the API stops accepting and finishes its
 * requests, workers finish their current jobs, connections close) and the process exits 0;
 * if that takes longer than its shutdown timeout it exits 1, and BullMQ hands any job it still
 * held to another worker once the job's lock expires.
 */
export function runEntrypoint(role: string, start: () => Promise<RunningService | void>): void {
  Promise.resolve()
    .then(start)
    .then(
      (service) => {
        logger.log(`tonewatch ${role} started`, role);
        if (service) stopOnSignals(role, service);
      },
      (error: unknown) => {
        const message =
          error instanceof ConfigError ? error.message : String((error as Error)?.stack ?? error);
        logger.error(`tonewatch ${role} failed to start: ${message}`, role);
        process.exit(1);
      },
    );
}

function stopOnSignals(role: string, service: RunningService): void {
  let stopping = false;
  const stop = (signal: NodeJS.Signals): void => {
    if (stopping) return;
    stopping = true;
    logger.log({ msg: `tonewatch ${role} stopping`, signal }, role);
    setTimeout(() => {
      logger.error(`tonewatch ${role} did not stop within ${service.shutdownTimeoutMs} ms`, role);
      process.exit(1);
    }, service.shutdownTimeoutMs).unref();
    service.close().then(
      () => {
        logger.log(`tonewatch ${role} stopped`, role);
        process.exit(0);
      },
      (error: Error) => {
        logger.error(`tonewatch ${role} failed to stop cleanly: ${error.message}`, role);
        process.exit(1);
      },
    );
  };
  process.once('SIGTERM', stop);
  process.once('SIGINT', stop);
}
