/**
 * The one place that reads environment variables. Every process (API, worker, CLI commands
 * that need servers) parses them once, up front; a bad or missing variable stops start-up
 * with every problem listed by name, before anything connects.
 */

import { listMonitors } from '../analysis';
import { loadMonitorsDir } from '../monitors/monitor-files';

export interface AppConfig {
  nodeEnv: 'development' | 'production' | 'test';
  host: string;
  port: number;
  databaseUrl: string;
  redisUrl: string;
  /** prefix for every BullMQ and Redis key, so several deployments (or test files) can share one Redis */
  redisPrefix: string;
  /** keys accepted for writes and admin routes */
  apiKeys: string[];
  /** extra keys accepted for reads only; when empty, read routes are open */
  readApiKeys: string[];
  migrateOnStart: boolean;
  workerConcurrency: number;
  jobAttempts: number;
  jobBackoffMs: number;
  /** articles one scoring job carries at most (one claim, one transaction, one commit) */
  scoringChunkSize: number;
  /** how long a single submission waits for others to share its scoring job */
  scoringFlushMs: number;
  /** how often each worker looks for articles that wait in Postgres without a job */
  requeueIntervalMs: number;
  /** how long an article may wait untouched before that sweep enqueues it again */
  requeueAfterMs: number;
  maxArticleBytes: number;
  maxBatchSize: number;
  /** gzip, deflate and br request bodies are refused (415) unless this is true */
  acceptCompressedBodies: boolean;
  /** lets sources and webhooks reach loopback and private networks (local feeds, tests) */
  allowPrivateTargets: boolean;
  /** every enabled alert rule is evaluated this often too, so holds, resolutions and silence advance without new articles */
  alertEvaluationIntervalMs: number;
  /** a burst of scored articles within this window becomes one evaluation per rule */
  alertDebounceMs: number;
  /** articles whose time is at most this much older than the newest one a rule has seen still feed its detector */
  alertLateArrivalMs: number;
  webhookTimeoutMs: number;
  webhookAttempts: number;
  /** first retry delay of a webhook delivery; it doubles on every further attempt */
  webhookBackoffMs: number;
  fetchTimeoutMs: number;
  fetchMaxBytes: number;
  fetchMaxRedirects: number;
  fetchUserAgent: string;
  /** shortest interval a source may be polled at */
  sourceMinIntervalMs: number;
  defaultMonitor: string;
  /** folder of the deployment's own monitor files (*.json), loaded beside the shipped ones */
  monitorsDir: string | null;
  logLevel: 'debug' | 'info' | 'warn' | 'error';
  /** requests per window from one client address; 0 disables the limit */
  rateLimitPerAddress: number;
  /** requests per window with one API key; 0 disables the limit */
  rateLimitPerKey: number;
  rateLimitWindowMs: number;
  /** reverse-proxy hops to trust for the client address (X-Forwarded-For); 0 trusts none */
  trustProxyHops: number;
  /** browser origins allowed by CORS; empty means no cross-origin access */
  corsOrigins: string[];
  /** port of the worker's own Prometheus endpoint; 0 turns it off */
  metricsPort: number;
  /** how long a worker holds a job before another may take it over (BullMQ lockDuration) */
  workerLockMs: number;
  /** how often workers look for jobs whose worker died (BullMQ stalledInterval) */
  stalledIntervalMs: number;
  /** longest wait for in-flight requests and jobs on SIGTERM before exiting anyway */
  shutdownTimeoutMs: number;
}

export class ConfigError extends Error {
  constructor(readonly problems: string[]) {
    super(`Invalid configuration:\n${problems.map((p) => `  - ${p}`).join('\n')}`);
    this.name = 'ConfigError';
  }
}

type Env = Record<string, string | undefined>;

const DEFAULT_DATABASE_URL = 'postgres://postgres@127.0.0.1:5432/tonewatch';

/** Collects problems instead of throwing at the first, so an operator fixes them all at once. */
class EnvReader {
  readonly problems: string[] = [];
  constructor(private readonly env: Env) {}

  private raw(name: string): string | undefined {
    const value = this.env[name]?.trim();
    return value === '' ? undefined : value;
  }

  string(name: string, fallback?: string): string {
    const value = this.raw(name) ?? fallback;
    if (value === undefined) {
      this.problems.push(`${name} is required but not set`);
      return '';
    }
    return value;
  }

  url(name: string, protocols: string[], fallback?: string): string {
    const value = this.string(name, fallback);
    if (!value) return value;
    try {
      const parsed = new URL(value);
      if (!protocols.includes(parsed.protocol)) {
        this.problems.push(`${name} must use ${protocols.join(' or ')} (got "${parsed.protocol}")`);
      }
    } catch {
      this.problems.push(`${name} is not a valid URL`);
    }
    return value;
  }

  int(name: string, fallback: number, min: number, max: number): number {
    const text = this.raw(name);
    if (text === undefined) return fallback;
    const value = Number(text);
    if (!Number.isInteger(value) || value < min || value > max) {
      this.problems.push(`${name} must be an integer from ${min} to ${max} (got "${text}")`);
      return fallback;
    }
    return value;
  }

  bool(name: string, fallback: boolean): boolean {
    const text = this.raw(name);
    if (text === undefined) return fallback;
    if (/^(true|1|yes)$/i.test(text)) return true;
    if (/^(false|0|no)$/i.test(text)) return false;
    this.problems.push(`${name} must be true or false (got "${text}")`);
    return fallback;
  }

  oneOf<T extends string>(name: string, allowed: readonly T[], fallback: T): T {
    const text = this.raw(name);
    if (text === undefined) return fallback;
    if (!(allowed as readonly string[]).includes(text)) {
      this.problems.push(`${name} must be one of ${allowed.join(', ')} (got "${text}")`);
      return fallback;
    }
    return text as T;
  }

  list(name: string): string[] {
    const text = this.raw(name);
    if (text === undefined) return [];
    return text
      .split(',')
      .map((item) => item.trim())
      .filter(Boolean);
  }

  /** Comma-separated secrets; values are never echoed back in messages. */
  keys(name: string, required: boolean): string[] {
    const text = this.raw(name);
    if (text === undefined) {
      if (required) this.problems.push(`${name} is required: a comma-separated list of API keys`);
      return [];
    }
    const keys = text
      .split(',')
      .map((k) => k.trim())
      .filter(Boolean);
    if (keys.some((k) => k.length < 16)) {
      this.problems.push(`${name}: every key must be at least 16 characters long`);
    }
    return keys;
  }
}

/** What a process needs beyond the settings every one of them reads. */
export interface ConfigNeeds {
  /** the API checks keys; workers and CLI commands only redact them from logs when given (default true) */
  apiKeys?: boolean;
}

export function loadConfig(env: Env = process.env, needs: ConfigNeeds = {}): AppConfig {
  const read = new EnvReader(env);
  const config: AppConfig = {
    nodeEnv: read.oneOf('NODE_ENV', ['development', 'production', 'test'] as const, 'development'),
    // Loopback unless told otherwise: a laptop run does not open the dashboard to its network.
    host: read.string('HOST', '127.0.0.1'),
    port: read.int('PORT', 3000, 1, 65535),
    databaseUrl: read.url('DATABASE_URL', ['postgres:', 'postgresql:'], DEFAULT_DATABASE_URL),
    redisUrl: read.url('REDIS_URL', ['redis:', 'rediss:'], 'redis://127.0.0.1:6379'),
    redisPrefix: read.string('REDIS_PREFIX', 'tonewatch'),
    apiKeys: read.keys('API_KEYS', needs.apiKeys ?? true),
    readApiKeys: read.keys('READ_API_KEYS', false),
    migrateOnStart: read.bool('MIGRATE_ON_START', true),
    workerConcurrency: read.int('WORKER_CONCURRENCY', 4, 1, 64),
    jobAttempts: read.int('JOB_ATTEMPTS', 5, 1, 50),
    jobBackoffMs: read.int('JOB_BACKOFF_MS', 2000, 10, 3_600_000),
    scoringChunkSize: read.int('SCORING_CHUNK_SIZE', 50, 1, 1_000),
    scoringFlushMs: read.int('SCORING_FLUSH_MS', 10, 0, 1_000),
    requeueIntervalMs: read.int('REQUEUE_INTERVAL_MS', 30_000, 100, 3_600_000),
    requeueAfterMs: read.int('REQUEUE_AFTER_MS', 15_000, 0, 86_400_000),
    maxArticleBytes: read.int('MAX_ARTICLE_BYTES', 1_000_000, 1_000, 20_000_000),
    maxBatchSize: read.int('MAX_BATCH_SIZE', 500, 1, 5_000),
    acceptCompressedBodies: read.bool('ACCEPT_COMPRESSED_BODIES', false),
    allowPrivateTargets: read.bool('ALLOW_PRIVATE_TARGETS', false),
    alertEvaluationIntervalMs: read.int('ALERT_EVALUATION_INTERVAL_MS', 60_000, 1_000, 86_400_000),
    alertDebounceMs: read.int('ALERT_DEBOUNCE_MS', 250, 0, 60_000),
    alertLateArrivalMs: read.int('ALERT_LATE_ARRIVAL_MS', 6 * 3_600_000, 0, 7 * 86_400_000),
    webhookTimeoutMs: read.int('WEBHOOK_TIMEOUT_MS', 10_000, 100, 120_000),
    webhookAttempts: read.int('WEBHOOK_ATTEMPTS', 6, 1, 50),
    webhookBackoffMs: read.int('WEBHOOK_BACKOFF_MS', 5_000, 10, 3_600_000),
    fetchTimeoutMs: read.int('FETCH_TIMEOUT_MS', 15_000, 100, 300_000),
    fetchMaxBytes: read.int('FETCH_MAX_BYTES', 5_000_000, 1_000, 100_000_000),
    fetchMaxRedirects: read.int('FETCH_MAX_REDIRECTS', 5, 0, 20),
    fetchUserAgent: read.string(
      'FETCH_USER_AGENT',
      'Tonewatch/0.1 (news tone monitor; polls feeds configured by its operators)',
    ),
    sourceMinIntervalMs: read.int('SOURCE_MIN_INTERVAL_MS', 60_000, 1_000, 86_400_000),
    defaultMonitor: read.string('DEFAULT_MONITOR', 'us-china'),
    monitorsDir: read.string('MONITORS_DIR', '') || null,
    logLevel: read.oneOf('LOG_LEVEL', ['debug', 'info', 'warn', 'error'] as const, 'info'),
    rateLimitPerAddress: read.int('RATE_LIMIT_PER_ADDRESS', 3_000, 0, 10_000_000),
    rateLimitPerKey: read.int('RATE_LIMIT_PER_KEY', 12_000, 0, 10_000_000),
    rateLimitWindowMs: read.int('RATE_LIMIT_WINDOW_MS', 60_000, 1_000, 3_600_000),
    trustProxyHops: read.int('TRUST_PROXY_HOPS', 0, 0, 10),
    corsOrigins: read.list('CORS_ORIGINS'),
    metricsPort: read.int('METRICS_PORT', 9464, 0, 65535),
    workerLockMs: read.int('WORKER_LOCK_MS', 30_000, 1_000, 600_000),
    stalledIntervalMs: read.int('STALLED_INTERVAL_MS', 30_000, 1_000, 600_000),
    shutdownTimeoutMs: read.int('SHUTDOWN_TIMEOUT_MS', 30_000, 1_000, 600_000),
  };
  if (!/^[A-Za-z0-9_.:-]{1,64}$/.test(config.redisPrefix)) {
    read.problems.push('REDIS_PREFIX may hold only letters, digits and _ . : - (at most 64)');
  }
  // Before the DEFAULT_MONITOR check, which may name a monitor of MONITORS_DIR.
  read.problems.push(...loadMonitorsDir(config.monitorsDir));
  const monitors = listMonitors().map((m) => m.id);
  if (!monitors.includes(config.defaultMonitor)) {
    read.problems.push(
      `DEFAULT_MONITOR must be one of ${monitors.join(', ')} (got "${config.defaultMonitor}")`,
    );
  }
  for (const origin of config.corsOrigins) {
    if (!isOrigin(origin)) {
      read.problems.push(`CORS_ORIGINS: "${origin}" is not an origin like https://example.org`);
    }
  }
  if (read.problems.length > 0) throw new ConfigError(read.problems);
  return config;
}

function isOrigin(text: string): boolean {
  try {
    const url = new URL(text);
    return (url.protocol === 'http:' || url.protocol === 'https:') && url.origin === text;
  } catch {
    return false;
  }
}

/** Only DATABASE_URL, for commands that read Postgres and nothing else (no API keys needed). */
export function loadDatabaseUrl(env: Env = process.env): string {
  const read = new EnvReader(env);
  const url = read.url('DATABASE_URL', ['postgres:', 'postgresql:'], DEFAULT_DATABASE_URL);
  if (read.problems.length > 0) throw new ConfigError(read.problems);
  return url;
}
