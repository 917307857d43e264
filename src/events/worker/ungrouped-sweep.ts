import {
  Inject,
  Injectable,
  Logger,
  type OnApplicationBootstrap,
  type OnApplicationShutdown,
} from '@nestjs/common';
import { type AppConfig } from '../../config/config';
import { APP_CONFIG } from '../../config/config.module';
import { EventsProducer } from '../events.producer';
import { EventsRepository } from '../events.repository';

const SWEEP_BATCH = 1_000;
const DAY_MS = 86_400_000;
/** Time a freshly scored article is left to the completion listener before the sweep takes it. */
const GRACE_MS = 30_000;

/**
 * Enqueues articles scored in the last day that are in no event: their scoring completed
 * while no worker listened, or their assignment failed for good. Runs in every worker at the
 * requeue interval; several sweeping together is harmless (assignment is idempotent).
 */
@Injectable()
export class UngroupedSweep implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger(UngroupedSweep.name);
  private timer?: NodeJS.Timeout;
  private running?: Promise<number>;

  constructor(
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly repository: EventsRepository,
    private readonly producer: EventsProducer,
  ) {}

  onApplicationBootstrap(): void {
    this.timer = setInterval(() => void this.tick(), this.config.requeueIntervalMs);
  }

  async onApplicationShutdown(): Promise<void> {
    clearInterval(this.timer);
    await this.running?.catch(() => undefined);
  }

  async sweep(): Promise<number> {
    const ids = await this.repository.ungrouped(DAY_MS, GRACE_MS, SWEEP_BATCH);
    for (const id of ids) await this.producer.assign(id, `sweep-${id}`);
    if (ids.length > 0) this.logger.log(`enqueued ${ids.length} scored article(s) in no event`);
    return ids.length;
  }

  private async tick(): Promise<void> {
    if (this.running) return;
    this.running = this.sweep();
    try {
      await this.running;
    } catch (error) {
      this.logger.warn(`events sweep failed: ${(error as Error).message}`);
    } finally {
      this.running = undefined;
    }
  }
}
