import { format } from 'node:util';
import { type JsonLogger } from './json-logger';

type ConsoleMethod = 'log' | 'info' | 'debug' | 'warn' | 'error' | 'trace';

export interface ProcessLike {
  on(event: 'warning', listener: (warning: Error & { code?: string }) => void): unknown;
  on(event: 'uncaughtException', listener: (error: Error) => void): unknown;
  removeAllListeners(event: 'warning'): unknown;
  exit(code: number): void;
}

export type ConsoleLike = Record<ConsoleMethod, (...args: unknown[]) => void>;

const LEVEL: Record<ConsoleMethod, 'log' | 'debug' | 'warn' | 'error'> = {
  log: 'log',
  info: 'log',
  debug: 'debug',
  trace: 'debug',
  warn: 'warn',
  error: 'error',
};

/**
 * Makes what libraries print go through the JSON logger, so a process's output stays one JSON
 * object per line: BullMQ's `console.error(err)` (a multi-line stack trace when a worker event
 * has no listener), its Redis version and eviction notices, and Node's process warnings (pg's
 * DeprecationWarnings, printed by Node's own handler as several plain lines on stderr, which is
 * removed). An uncaught exception is logged as one line before the process exits 1, as Node
 * would. For a process's entrypoint only: tests and the CLI keep their console.
 */
export function installProcessLogging(
  logger: JsonLogger,
  target: { process: ProcessLike; console: ConsoleLike } = {
    process,
    console: console,
  },
): void {
  for (const method of Object.keys(LEVEL) as ConsoleMethod[]) {
    target.console[method] = (...args: unknown[]) => logConsole(logger, LEVEL[method], args);
  }
  target.process.removeAllListeners('warning');
  target.process.on('warning', (warning) =>
    logger.warn(
      { msg: warning.message, warning: warning.name, code: warning.code, stack: warning.stack },
      'process',
    ),
  );
  target.process.on('uncaughtException', (error) => {
    logger.error(
      { msg: `uncaught exception: ${error?.message ?? String(error)}`, error: error?.name },
      error?.stack,
      'process',
    );
    target.process.exit(1);
  });
}

function logConsole(
  logger: JsonLogger,
  level: 'log' | 'debug' | 'warn' | 'error',
  args: unknown[],
) {
  const error = args.find((arg): arg is Error => arg instanceof Error);
  const text = format(
    ...args.map((arg) => (arg instanceof Error ? `${arg.name}: ${arg.message}` : arg)),
  );
  const entry = { msg: text, error: error?.name, stack: error?.stack };
  logger[level](entry, 'console');
}

/** The keys a process will check, read before its configuration is, so they are redacted. */
export function secretsFromEnv(env: Record<string, string | undefined>): {
  apiKeys: string[];
  readApiKeys: string[];
} {
  const keys = (value: string | undefined) =>
    (value ?? '')
      .split(',')
      .map((k) => k.trim())
      .filter(Boolean);
  return { apiKeys: keys(env.API_KEYS), readApiKeys: keys(env.READ_API_KEYS) };
}
