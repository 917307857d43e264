import { createServer, type IncomingMessage, type Server } from 'node:http';
import {
  Inject,
  Injectable,
  Logger,
  type OnApplicationBootstrap,
  type OnApplicationShutdown,
} from '@nestjs/common';
import { KeyMatcher } from '../auth/key-matcher';
import { type AppConfig, ConfigError } from '../config/config';
import { APP_CONFIG } from '../config/config.module';
import { MetricsService } from './metrics.service';

/**
 * A worker has no HTTP API, so it serves its own metrics (job durations, paragraphs analysed,
 * failures, alerts fired) at `/metrics` on METRICS_PORT for Prometheus to scrape each worker
 * directly; counters stay exact per process and nothing extra goes through Redis.
 *
 * The same access as the API's `/metrics`: open while READ_API_KEYS is empty, otherwise an
 * `x-api-key` header with a read (or write) key. It listens on HOST (loopback unless set). A
 * port already taken (a second worker on the host with the default METRICS_PORT) stops start-up
 * with a message saying what to set: Prometheus scrapes fixed targets, so a worker silently
 * serving elsewhere would go unscraped.
 */
@Injectable()
export class WorkerMetricsServer implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger(WorkerMetricsServer.name);
  private server?: Server;
  private readonly writeKeys: KeyMatcher;
  private readonly readKeys: KeyMatcher;

  constructor(
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly metrics: MetricsService,
  ) {
    this.writeKeys = new KeyMatcher(config.http.apiKeys);
    this.readKeys = new KeyMatcher(config.http.readApiKeys);
  }

  /** The port the endpoint listens on (METRICS_PORT), once started. */
  get port(): number | undefined {
    const address = this.server?.address();
    return typeof address === 'object' && address ? address.port : undefined;
  }

  async onApplicationBootstrap(): Promise<void> {
    if (this.config.runtime.metricsPort === 0) return;
    const server = createServer((req, res) => {
      if (req.method !== 'GET' || req.url?.split('?')[0] !== '/metrics') {
        res.writeHead(404).end();
        return;
      }
      const refusal = this.refusal(req);
      if (refusal) {
        res
          .writeHead(401, { 'content-type': 'application/json' })
          .end(JSON.stringify({ statusCode: 401, message: refusal }));
        return;
      }
      this.metrics.registry.metrics().then(
        (body) =>
          res.writeHead(200, { 'content-type': this.metrics.registry.contentType }).end(body),
        (error: Error) => res.writeHead(500).end(error.message),
      );
    });
    await new Promise<void>((resolve, reject) => {
      server.once('error', (error: NodeJS.ErrnoException) => {
        if (error.code !== 'EADDRINUSE') return reject(error);
        const where = `${this.config.http.host}:${this.config.runtime.metricsPort}`;
        reject(
          new ConfigError([
            `METRICS_PORT: ${where} is already in use (another worker on this host?); give each ` +
              `worker on one host its own METRICS_PORT, or METRICS_PORT=0 to serve no metrics`,
          ]),
        );
      });
      server.listen(this.config.runtime.metricsPort, this.config.http.host, resolve);
    });
    this.server = server;
    this.logger.log(`worker metrics on ${this.config.http.host}:${this.port}`);
  }

  /** Why a scrape is refused, or nothing: the API's rule for `read` routes. */
  private refusal(req: IncomingMessage): string | undefined {
    if (this.readKeys.isEmpty) return undefined;
    const header = req.headers['x-api-key'];
    const key = Array.isArray(header) ? header[0] : header;
    if (!key) return 'missing x-api-key header (this route needs a read key)';
    // Both lists are always compared, so timing does not tell a read key from a write key.
    const isWriteKey = this.writeKeys.matches(key);
    const isReadKey = this.readKeys.matches(key);
    return isWriteKey || isReadKey ? undefined : 'x-api-key is not a valid read key';
  }

  async onApplicationShutdown(): Promise<void> {
    const server = this.server;
    if (!server) return;
    await new Promise<void>((resolve) => server.close(() => resolve()));
  }
}
