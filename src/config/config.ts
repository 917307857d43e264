/**
 * The one place that reads environment variables. Every process (API, worker, CLI commands
 * that need servers) parses them once, up front; a bad or missing variable stops start-up
 * with every problem listed by name, before anything connects. The settings come grouped by
 * concern (AppConfig); the variables keep their flat names (README, docker-compose.yml).
 */

import { listMonitors } from '../analysis';
import { loadMonitorsDir } from '../monitors/monitor-files';

/** How the process runs, whatever it is (API, worker, CLI). */
export interface RuntimeConfig {
  nodeEnv: 'development' | 'production' | 'test';
  logLevel: 'debug' | 'info' | 'warn' | 'error';
  /** longest wait for in-flight requests and jobs on SIGTERM before exiting anyway */
  shutdownTimeoutMs: number;
  /** port of the worker's own Prometheus endpoint; 0 turns it off */
  metricsPort: number;
}

/** Where the API listens and who may call it. */
export interface HttpConfig {
  host: string;
  port: number;
  /** keys accepted for writes and admin routes */
  apiKeys: string[];
  /** extra keys accepted for reads only; when empty, read routes are open */
  readApiKeys: string[];
  /** browser origins allowed by CORS; empty means no cross-origin access */
  corsOrigins: string[];
  /** reverse-proxy hops to trust for the client address (X-Forwarded-For); 0 trusts none */
  trustProxyHops: number;
}

export interface DatabaseConfig {
  url: string;
  migrateOnStart: boolean;
}

/** Redis and the BullMQ workers. */
export interface QueueConfig {
  redisUrl: string;
  /** prefix for every BullMQ and Redis key, so several deployments (or test files) can share one Redis */
  redisPrefix: string;
  workerConcurrency: number;
  jobAttempts: number;
  jobBackoffMs: number;
  /** how long a worker holds a job before another may take it over (BullMQ lockDuration) */
  workerLockMs: number;
  /** how often workers look for jobs whose worker died (BullMQ stalledInterval) */
  stalledIntervalMs: number;
}

export interface ScoringConfig {
  /** articles one scoring job carries at most (one claim, one transaction, one commit) */
  chunkSize: number;
  /** how long a single submission waits for others to share its scoring job */
  flushMs: number;
  /** how often each worker looks for articles that wait in Postgres without a job */
  requeueIntervalMs: number;
  /** how long an article may wait untouched before that sweep enqueues it again */
  requeueAfterMs: number;
}

/** What one request may carry, and how many a client may send. */
export interface LimitsConfig {
  maxArticleBytes: number;
  maxBatchSize: number;
  /** gzip, deflate and br request bodies are refused (415) unless this is true */
  acceptCompressedBodies: boolean;
  /** requests per window from one client address; 0 disables the limit */
  rateLimitPerAddress: number;
  /** requests per window with one API key; 0 disables the limit */
  rateLimitPerKey: number;
  rateLimitWindowMs: number;
}

/** Outbound requests: feed and page fetches, and (the guard) webhooks. */
export interface FetchConfig {
  timeoutMs: number;
  maxBytes: number;
  maxRedirects: number;
  userAgent: string;
  /** lets sources and webhooks reach loopback and private networks (local feeds, tests) */
  allowPrivateTargets: boolean;
  /** shortest interval a source may be polled at */
  sourceMinIntervalMs: number;
}

export interface AlertsConfig {
  /** every enabled alert rule is evaluated this often too, so holds, resolutions and silence advance without new articles */
  evaluationIntervalMs: number;
  /** a burst of scored articles within this window becomes one evaluation per rule */
  debounceMs: number;
  /** articles whose time is at most this much older than the newest one a rule has seen still feed its detector */
  lateArrivalMs: number;
  webhookTimeoutMs: number;
  webhookAttempts: number;
  /** first retry delay of a webhook delivery; it doubles on every further attempt */
  webhookBackoffMs: number;
}

export interface MonitorsConfig {
  /** the monitor of a submission or read that names none */
  default: string;
  /** folder of the deployment's own monitor files (*.json), loaded beside the shipped ones */
  dir: string | null;
}

/** Every setting, grouped by concern; each group is what a part of the service reads. */
export interface AppConfig {
  runtime: RuntimeConfig;
  http: HttpConfig;
  database: DatabaseConfig;
  queue: QueueConfig;
  scoring: ScoringConfig;
  limits: LimitsConfig;
  fetch: FetchConfig;
  alerts: AlertsConfig;
  monitors: MonitorsConfig;
}

/** Some settings of some groups, as a process or a test changes them. */
export type ConfigChanges = { [G in keyof AppConfig]?: Partial<AppConfig[G]> };

/** The config with `changes` applied, group by group; the original is left as it is. */
export function withSettings(config: AppConfig, changes: ConfigChanges): AppConfig {
  const groups = Object.keys(changes) as (keyof AppConfig)[];
  return {
    ...config,
    ...Object.fromEntries(groups.map((group) => [group, { ...config[group], ...changes[group] }])),
  };
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
    runtime: {
      nodeEnv: read.oneOf(
        'NODE_ENV',
        ['development', 'production', 'test'] as const,
        'development',
      ),
      logLevel: read.oneOf('LOG_LEVEL', ['debug', 'info', 'warn', 'error'] as const, 'info'),
      shutdownTimeoutMs: read.int('SHUTDOWN_TIMEOUT_MS', 30_000, 1_000, 600_000),
      metricsPort: read.int('METRICS_PORT', 9464, 0, 65535),
    },
    http: {
      // Loopback unless told otherwise: a laptop run does not open the dashboard to its network.
      host: read.string('HOST', '127.0.0.1'),
      port: read.int('PORT', 3000, 1, 65535),
      apiKeys: read.keys('API_KEYS', needs.apiKeys ?? true),
      readApiKeys: read.keys('READ_API_KEYS', false),
      corsOrigins: read.list('CORS_ORIGINS'),
      trustProxyHops: read.int('TRUST_PROXY_HOPS', 0, 0, 10),
    },
    database: {
      url: read.url('DATABASE_URL', ['postgres:', 'postgresql:'], DEFAULT_DATABASE_URL),
      migrateOnStart: read.bool('MIGRATE_ON_START', true),
    },
    queue: {
      redisUrl: read.url('REDIS_URL', ['redis:', 'rediss:'], 'redis://127.0.0.1:6379'),
      redisPrefix: read.string('REDIS_PREFIX', 'tonewatch'),
      workerConcurrency: read.int('WORKER_CONCURRENCY', 4, 1, 64),
      jobAttempts: read.int('JOB_ATTEMPTS', 5, 1, 50),
      jobBackoffMs: read.int('JOB_BACKOFF_MS', 2000, 10, 3_600_000),
      workerLockMs: read.int('WORKER_LOCK_MS', 30_000, 1_000, 600_000),
      stalledIntervalMs: read.int('STALLED_INTERVAL_MS', 30_000, 1_000, 600_000),
    },
    scoring: {
      chunkSize: read.int('SCORING_CHUNK_SIZE', 250, 1, 1_000),
      flushMs: read.int('SCORING_FLUSH_MS', 10, 0, 1_000),
      requeueIntervalMs: read.int('REQUEUE_INTERVAL_MS', 30_000, 100, 3_600_000),
      requeueAfterMs: read.int('REQUEUE_AFTER_MS', 15_000, 0, 86_400_000),
    },
    limits: {
      maxArticleBytes: read.int('MAX_ARTICLE_BYTES', 1_000_000, 1_000, 20_000_000),
      maxBatchSize: read.int('MAX_BATCH_SIZE', 500, 1, 5_000),
      acceptCompressedBodies: read.bool('ACCEPT_COMPRESSED_BODIES', false),
      rateLimitPerAddress: read.int('RATE_LIMIT_PER_ADDRESS', 3_000, 0, 10_000_000),
      rateLimitPerKey: read.int('RATE_LIMIT_PER_KEY', 12_000, 0, 10_000_000),
      rateLimitWindowMs: read.int('RATE_LIMIT_WINDOW_MS', 60_000, 1_000, 3_600_000),
    },
    fetch: {
      timeoutMs: read.int('FETCH_TIMEOUT_MS', 15_000, 100, 300_000),
      maxBytes: read.int('FETCH_MAX_BYTES', 5_000_000, 1_000, 100_000_000),
      maxRedirects: read.int('FETCH_MAX_REDIRECTS', 5, 0, 20),
      userAgent: read.string(
        'FETCH_USER_AGENT',
        'Tonewatch/0.1 (news tone monitor; polls feeds configured by its operators)',
      ),
      allowPrivateTargets: read.bool('ALLOW_PRIVATE_TARGETS', false),
      sourceMinIntervalMs: read.int('SOURCE_MIN_INTERVAL_MS', 60_000, 1_000, 86_400_000),
    },
    alerts: {
      evaluationIntervalMs: read.int('ALERT_EVALUATION_INTERVAL_MS', 60_000, 1_000, 86_400_000),
      debounceMs: read.int('ALERT_DEBOUNCE_MS', 250, 0, 60_000),
      lateArrivalMs: read.int('ALERT_LATE_ARRIVAL_MS', 6 * 3_600_000, 0, 7 * 86_400_000),
      webhookTimeoutMs: read.int('WEBHOOK_TIMEOUT_MS', 10_000, 100, 120_000),
      webhookAttempts: read.int('WEBHOOK_ATTEMPTS', 6, 1, 50),
      webhookBackoffMs: read.int('WEBHOOK_BACKOFF_MS', 5_000, 10, 3_600_000),
    },
    monitors: {
      default: read.string('DEFAULT_MONITOR', 'us-china'),
      dir: read.string('MONITORS_DIR', '') || null,
    },
  };
  if (!/^[A-Za-z0-9_.:-]{1,64}$/.test(config.queue.redisPrefix)) {
    read.problems.push('REDIS_PREFIX may hold only letters, digits and _ . : - (at most 64)');
  }
  // Before the DEFAULT_MONITOR check, which may name a monitor of MONITORS_DIR.
  read.problems.push(...loadMonitorsDir(config.monitors.dir));
  const monitors = listMonitors().map((m) => m.id);
  if (!monitors.includes(config.monitors.default)) {
    read.problems.push(
      `DEFAULT_MONITOR must be one of ${monitors.join(', ')} (got "${config.monitors.default}")`,
    );
  }
  for (const origin of config.http.corsOrigins) {
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
