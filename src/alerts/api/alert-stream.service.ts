import {
  type BeforeApplicationShutdown,
  Inject,
  Injectable,
  Logger,
  type OnModuleDestroy,
  type OnModuleInit,
} from '@nestjs/common';
import { type Response } from 'express';
import Redis from 'ioredis';
import { type AppConfig } from '../../config/config';
import { APP_CONFIG } from '../../config/config.module';
import { redisOptionsFromUrl } from '../../queue/redis-options';
import { alertChannelName } from './alert-view';

const HEARTBEAT_MS = 15_000;

/**
 * Server-Sent Events for the dashboard. Alerts are created in the workers; each API process
 * subscribes to their announcements on a dedicated Redis connection (a subscribed connection
 * can do nothing else) and forwards them to its own open streams.
 */
@Injectable()
export class AlertStreamService
  implements OnModuleInit, BeforeApplicationShutdown, OnModuleDestroy
{
  private readonly logger = new Logger(AlertStreamService.name);
  private readonly clients = new Set<Response>();
  private readonly subscriber: Redis;
  private readonly channel: string;
  private heartbeat: NodeJS.Timeout | undefined;

  constructor(@Inject(APP_CONFIG) config: AppConfig) {
    this.channel = alertChannelName(config.queue.redisPrefix);
    this.subscriber = new Redis({
      ...redisOptionsFromUrl(config.queue.redisUrl),
      lazyConnect: true,
    });
    this.subscriber.on('error', (error: Error) =>
      this.logger.warn(`alert stream: ${error.message}`),
    );
    this.subscriber.on('message', (_channel: string, message: string) => this.broadcast(message));
  }

  onModuleInit(): void {
    // Not awaited: the API starts while Redis is down, and ioredis subscribes once it connects.
    this.subscriber
      .subscribe(this.channel)
      .catch((error: Error) => this.logger.warn(`alert stream: ${error.message}`));
    this.heartbeat = setInterval(() => this.write(': heartbeat\n\n'), HEARTBEAT_MS);
    this.heartbeat.unref();
  }

  open(response: Response): void {
    response.status(200);
    response.setHeader('Content-Type', 'text/event-stream; charset=utf-8');
    response.setHeader('Cache-Control', 'no-cache, no-transform');
    response.setHeader('Connection', 'keep-alive');
    // Proxies such as nginx would otherwise buffer the stream.
    response.setHeader('X-Accel-Buffering', 'no');
    response.flushHeaders();
    response.write(': connected\n\n');
    this.clients.add(response);
    response.on('close', () => this.clients.delete(response));
  }

  get openStreams(): number {
    return this.clients.size;
  }

  /** Open streams would keep the HTTP server from closing: end them first. */
  beforeApplicationShutdown(): void {
    clearInterval(this.heartbeat);
    for (const response of this.clients) response.end();
    this.clients.clear();
  }

  async onModuleDestroy(): Promise<void> {
    // QUIT waits in the offline queue while Redis is unreachable, which would hang shutdown.
    if (this.subscriber.status !== 'ready') return this.subscriber.disconnect();
    await this.subscriber.quit().catch(() => this.subscriber.disconnect());
  }

  private broadcast(message: string): void {
    this.write(`event: alert\ndata: ${message}\n\n`);
  }

  private write(frame: string): void {
    for (const response of this.clients) response.write(frame);
  }
}
