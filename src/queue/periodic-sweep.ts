import {
  type Logger,
  type OnApplicationBootstrap,
  type OnApplicationShutdown,
} from '@nestjs/common';

/**
 * A sweep every worker runs at an interval: never two runs at once in one process, a failed
 * run only logged (the next one tries again), and shutdown waiting for a run in progress.
 * Several workers sweeping together must be harmless: what a sweep enqueues is idempotent.
 */
export abstract class PeriodicSweep implements OnApplicationBootstrap, OnApplicationShutdown {
  protected abstract readonly logger: Logger;
  private timer?: NodeJS.Timeout;
  private running?: Promise<number>;

  /**
   * @param name what the log calls it
   * @param intervalMs time between runs
   * @param atStart whether the first run starts with the worker rather than one interval later
   */
  protected constructor(
    private readonly name: string,
    private readonly intervalMs: number,
    private readonly atStart: boolean,
  ) {}

  /** One run; returns how many items it enqueued. */
  abstract sweep(): Promise<number>;

  onApplicationBootstrap(): void {
    if (this.atStart) void this.tick();
    this.timer = setInterval(() => void this.tick(), this.intervalMs);
  }

  async onApplicationShutdown(): Promise<void> {
    clearInterval(this.timer);
    await this.running?.catch(() => undefined);
  }

  private async tick(): Promise<void> {
    if (this.running) return;
    this.running = this.sweep();
    try {
      await this.running;
    } catch (error) {
      this.logger.warn(`${this.name} failed: ${(error as Error).message}`);
    } finally {
      this.running = undefined;
    }
  }
}
