import { ConfigError } from './config/config';
import { JsonLogger } from './logging/json-logger';
import { installProcessLogging, secretsFromEnv } from './logging/process-logging';

/** A long-running role (API, worker) that stops cleanly on SIGTERM/SIGINT. */
export interface RunningService {
  close(): Promise<void>;
  shutdownTimeoutMs: number;
  /**
   * What the `started` line tells an operator: a readable `msg` (where it listens, where its
   * docs and metrics are) and the same as fields.
   */
  startup?: StartupReport;
}

export interface StartupReport {
  msg: string;
  fields?: Record<string, unknown>;
  /** logged at warn level after the started line (an exposed address, say) */
  warnings?: string[];
}

/** A role that does its work and exits (migrations): what it did. */
export interface OneShot {
  finished: string;
}

/** Where a process's messages go; the real one is the console, tests pass their own. */
export interface EntrypointOutput {
  /** one JSON line, as every other log line */
  log: JsonLogger;
  /** the error stream, and whether a person is reading it */
  stderr: { write(text: string): unknown; isTTY?: boolean };
  exit(code: number): void;
}

const defaultOutput = (): EntrypointOutput => {
  const log = new JsonLogger({ logLevel: 'info', ...secretsFromEnv(process.env) });
  // What libraries print (BullMQ's console.error, Node's warnings) becomes JSON lines too.
  installProcessLogging(log);
  return { log, stderr: process.stderr, exit: (code) => process.exit(code) };
};

/**
 * Starts a process role and turns start-up failures into one clear message and exit code 1.
 * A running service is closed on SIGTERM or SIGINT (the API stops accepting and finishes its
 * requests, workers finish their current jobs, connections close) and the process exits 0;
 * if that takes longer than its shutdown timeout it exits 1, and BullMQ hands any job it still
 * held to another worker once the job's lock expires.
 */
export function runEntrypoint(
  role: string,
  start: () => Promise<RunningService | OneShot | void>,
  output: EntrypointOutput = defaultOutput(),
): Promise<void> {
  const logger = output.log;
  return Promise.resolve()
    .then(start)
    .then(
      (service) => {
        if (service && 'finished' in service) {
          logger.log(`tonewatch ${role} finished: ${service.finished}`, role);
          return;
        }
        const startup = service ? service.startup : undefined;
        const msg = `tonewatch ${role} started${startup ? `: ${startup.msg}` : ''}`;
        logger.log({ msg, ...startup?.fields }, role);
        for (const warning of startup?.warnings ?? []) logger.warn(warning, role);
        if (service) stopOnSignals(role, service, output);
      },
      (error: unknown) => {
        const failure = describeStartupFailure(role, error);
        if (output.stderr.isTTY) {
          output.stderr.write(failure.text);
        } else {
          logger.error(
            { msg: failure.summary, problems: failure.problems, hint: failure.hint },
            failure.stack,
            role,
          );
        }
        output.exit(1);
      },
    );
}

export interface StartupFailure {
  /** one line: `tonewatch api failed to start: …` */
  summary: string;
  /** each bad variable, for a configuration error */
  problems?: string[];
  /** what to check, for the failures a first run meets (a server that is not running) */
  hint?: string;
  stack?: string;
  /** all of it as a person reads it on a terminal: lines, not one escaped JSON string */
  text: string;
}

export function describeStartupFailure(role: string, error: unknown): StartupFailure {
  const head = `tonewatch ${role} failed to start`;
  if (error instanceof ConfigError) {
    const text = `${head}: invalid configuration\n${error.problems.map((p) => `  - ${p}\n`).join('')}`;
    return {
      summary: `${head}: invalid configuration`,
      problems: error.problems,
      text,
    };
  }
  const err = error instanceof Error ? error : new Error(String(error));
  const hint = hintFor(err);
  const summary = `${head}: ${err.message.split('\n')[0]}`;
  const lines = [summary];
  if (hint) lines.push(`  ${hint}`);
  if (err.stack) {
    lines.push(
      '',
      ...err.stack
        .split('\n')
        .slice(1)
        .map((l) => `  ${l.trim()}`),
    );
  }
  return { summary, hint, stack: err.stack, text: `${lines.join('\n')}\n` };
}

/** The connection failures of a first run, said in the operator's terms. */
function hintFor(
  error: Error & { code?: string; port?: number; address?: string },
): string | undefined {
  const text = `${error.message} ${String((error as { errors?: unknown[] }).errors ?? '')}`;
  const refused = error.code === 'ECONNREFUSED' || /ECONNREFUSED/.test(text);
  if (refused && /:5432\b|postgres/i.test(text)) {
    return 'is PostgreSQL running at DATABASE_URL? (`bash scripts/ensure-services.sh` starts a local one)';
  }
  if (refused && /:6379\b|redis/i.test(text)) {
    return 'is Redis running at REDIS_URL? (`bash scripts/ensure-services.sh` starts a local one)';
  }
  if (/database "[^"]+" does not exist/.test(error.message)) {
    return 'create it once: `createdb -h 127.0.0.1 -U postgres tonewatch` (or point DATABASE_URL elsewhere)';
  }
  if (error.code === 'EADDRINUSE') {
    return 'another process holds that port: stop it, or set PORT (METRICS_PORT for a worker)';
  }
  return undefined;
}

function stopOnSignals(role: string, service: RunningService, output: EntrypointOutput): void {
  const logger = output.log;
  let stopping = false;
  const stop = (signal: NodeJS.Signals): void => {
    if (stopping) return;
    stopping = true;
    logger.log({ msg: `tonewatch ${role} stopping`, signal }, role);
    setTimeout(() => {
      logger.error(`tonewatch ${role} did not stop within ${service.shutdownTimeoutMs} ms`, role);
      output.exit(1);
    }, service.shutdownTimeoutMs).unref();
    service.close().then(
      () => {
        logger.log(`tonewatch ${role} stopped`, role);
        output.exit(0);
      },
      (error: Error) => {
        logger.error(`tonewatch ${role} failed to stop cleanly: ${error.message}`, role);
        output.exit(1);
      },
    );
  };
  process.once('SIGTERM', stop);
  process.once('SIGINT', stop);
}
