import { type LoggerService } from '@nestjs/common';
import { type AppConfig, type RuntimeConfig } from '../config/config';
import { currentRequestId } from './request-context';

type Level = RuntimeConfig['logLevel'];
const SEVERITY: Record<Level, number> = { debug: 10, info: 20, warn: 30, error: 40 };
const REDACTED = '[redacted]';

/** The level to log at, and the keys to redact wherever they appear. */
export interface LoggerSettings {
  logLevel: Level;
  apiKeys?: string[];
  readApiKeys?: string[];
}

export function loggerSettings(config: AppConfig): LoggerSettings {
  return {
    logLevel: config.runtime.logLevel,
    apiKeys: config.http.apiKeys,
    readApiKeys: config.http.readApiKeys,
  };
}

export interface LogSink {
  write(line: string): unknown;
}

/**
 * One JSON object per line on stdout: `time`, `level`, `msg`, `context`, `requestId` when known,
 * plus any fields of an object message. Nest's own messages take the same path. API keys are
 * replaced wherever they appear, so a key pasted into a URL or an error message never reaches
 * the log.
 */
export class JsonLogger implements LoggerService {
  private readonly threshold: number;
  private readonly secrets: string[];

  constructor(
    config: LoggerSettings,
    private readonly sink: LogSink = process.stdout,
  ) {
    this.threshold = SEVERITY[config.logLevel];
    this.secrets = [...(config.apiKeys ?? []), ...(config.readApiKeys ?? [])];
  }

  log(message: unknown, ...rest: unknown[]): void {
    this.write('info', message, rest);
  }
  error(message: unknown, ...rest: unknown[]): void {
    this.write('error', message, rest);
  }
  fatal(message: unknown, ...rest: unknown[]): void {
    this.write('error', message, rest);
  }
  warn(message: unknown, ...rest: unknown[]): void {
    this.write('warn', message, rest);
  }
  debug(message: unknown, ...rest: unknown[]): void {
    this.write('debug', message, rest);
  }
  verbose(message: unknown, ...rest: unknown[]): void {
    this.write('debug', message, rest);
  }

  isEnabled(level: Level): boolean {
    return SEVERITY[level] >= this.threshold;
  }

  /** Nest passes optional params as (…, stack?, context?): the context is always last. */
  private write(level: Level, message: unknown, rest: unknown[]): void {
    if (!this.isEnabled(level)) return;
    const params = [...rest];
    const context = typeof params.at(-1) === 'string' ? (params.pop() as string) : undefined;
    const entry: Record<string, unknown> = {
      time: new Date().toISOString(),
      level,
      ...messageFields(message),
      context,
      requestId: currentRequestId(),
    };
    if (message instanceof Error) entry.stack = message.stack;
    else if (level === 'error' && typeof params[0] === 'string') entry.stack = params[0];
    this.sink.write(`${this.redact(safeStringify(entry))}\n`);
  }

  private redact(line: string): string {
    let clean = line;
    for (const secret of this.secrets) clean = clean.split(secret).join(REDACTED);
    return clean;
  }
}

function messageFields(message: unknown): Record<string, unknown> {
  if (message instanceof Error) return { msg: message.message, error: message.name };
  if (message !== null && typeof message === 'object') {
    const { msg, message: text, ...fields } = message as Record<string, unknown>;
    return { msg: msg ?? text, ...fields };
  }
  return { msg: String(message) };
}

function safeStringify(entry: Record<string, unknown>): string {
  try {
    return JSON.stringify(entry, (_key, value: unknown) =>
      typeof value === 'bigint' ? value.toString() : value,
    );
  } catch {
    return JSON.stringify({ time: entry.time, level: entry.level, msg: String(entry.msg) });
  }
}
