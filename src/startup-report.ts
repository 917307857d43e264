import { type LoggerService } from '@nestjs/common';
import { isIP } from 'node:net';
import { type AppConfig, type HttpConfig } from './config/config';
import { type StartupReport } from './run-entrypoint';

/** A URL a person can open for a listening address: the wildcard addresses mean this machine. */
export function browseUrl(host: string, port: number): string {
  const reachable = host === '0.0.0.0' || host === '::' ? 'localhost' : host;
  const bracketed = isIP(reachable) === 6 ? `[${reachable}]` : reachable;
  return `http://${bracketed}:${port}`;
}

export function isLoopback(host: string): boolean {
  return host === 'localhost' || host === '::1' || /^127\.\d+\.\d+\.\d+$/.test(host);
}

/** What start-up says about migrations: the names it applied, or that there were none. */
export function migrationsReport(applied: string[]): string {
  return applied.length === 0
    ? 'schema up to date'
    : `applied ${applied.length} migration(s): ${applied.join(', ')}`;
}

type ApiSettings = Pick<HttpConfig, 'host' | 'port' | 'readApiKeys'>;

interface WorkerSettings {
  host: string;
  metricsPort: number;
  workerConcurrency: number;
}

export function workerSettings(config: AppConfig): WorkerSettings {
  return {
    host: config.http.host,
    metricsPort: config.runtime.metricsPort,
    workerConcurrency: config.queue.workerConcurrency,
  };
}

export function apiStartup(config: ApiSettings, migrations?: string[]): StartupReport {
  const base = browseUrl(config.host, config.port);
  const fields: Record<string, unknown> = {
    address: config.host,
    port: config.port,
    dashboard: `${base}/`,
    docs: `${base}/docs`,
    metrics: `${base}/metrics`,
  };
  const parts = [
    `listening on ${config.host}:${config.port}`,
    `dashboard ${base}/`,
    `API docs ${base}/docs`,
  ];
  if (migrations) {
    fields.migrationsApplied = migrations;
    parts.push(migrationsReport(migrations));
  }
  const warnings: string[] = [];
  if (!isLoopback(config.host) && config.readApiKeys.length === 0) {
    warnings.push(
      `HOST is ${config.host} and READ_API_KEYS is empty: the dashboard, read routes and /metrics are open to every machine that can reach port ${config.port}; set READ_API_KEYS, or HOST=127.0.0.1 to listen on this machine only`,
    );
  }
  return { msg: parts.join('; '), fields, warnings };
}

export function workerStartup(config: WorkerSettings): StartupReport {
  const metrics =
    config.metricsPort === 0 ? undefined : `${browseUrl(config.host, config.metricsPort)}/metrics`;
  return {
    msg: [
      `concurrency ${config.workerConcurrency}`,
      metrics ? `worker metrics ${metrics}` : 'worker metrics off (METRICS_PORT=0)',
    ].join('; '),
    fields: { concurrency: config.workerConcurrency, workerMetrics: metrics ?? null },
  };
}

/** `npm start`: the API and a worker in one process, one line for both. */
export function combinedStartup(api: StartupReport, worker: StartupReport): StartupReport {
  return {
    msg: `${api.msg}; ${worker.msg}`,
    fields: { ...api.fields, ...worker.fields },
    warnings: [...(api.warnings ?? []), ...(worker.warnings ?? [])],
  };
}

/** Nest's own boot messages (a line per module and per route): detail, not news. */
const BOOT_CONTEXTS = new Set([
  'NestFactory',
  'InstanceLoader',
  'RoutesResolver',
  'RouterExplorer',
  'NestApplication',
]);

/**
 * The process logger with Nest's boot chatter moved to `debug`, so that at the default level
 * start-up is a few lines and the `started` line (where it listens, what it applied) is not
 * buried under a hundred lines of module and route names.
 */
export function quietBoot(logger: LoggerService): LoggerService {
  const isBoot = (rest: unknown[]) => {
    const context = rest.at(-1);
    return typeof context === 'string' && BOOT_CONTEXTS.has(context);
  };
  return {
    log: (message: unknown, ...rest: unknown[]): void => {
      if (isBoot(rest)) logger.debug?.(message, ...rest);
      else logger.log(message, ...rest);
    },
    error: (message: unknown, ...rest: unknown[]): void => {
      logger.error(message, ...rest);
    },
    warn: (message: unknown, ...rest: unknown[]): void => {
      logger.warn(message, ...rest);
    },
    debug: (message: unknown, ...rest: unknown[]): void => {
      logger.debug?.(message, ...rest);
    },
    verbose: (message: unknown, ...rest: unknown[]): void => {
      logger.verbose?.(message, ...rest);
    },
    fatal: (message: unknown, ...rest: unknown[]): void => {
      if (logger.fatal) logger.fatal(message, ...rest);
      else logger.error(message, ...rest);
    },
  };
}
