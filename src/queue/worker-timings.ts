import { type AppConfig } from '../config/config';

/**
 * @nestjs/bullmq builds each worker from options fixed in the @Processor decorator, which
 * cannot see the runtime config. A processor calls this from its constructor (that runs before
 * the workers are created) so lock duration and stall checks follow WORKER_LOCK_MS and
 * STALLED_INTERVAL_MS. test/integration/worker-operations.spec.ts proves the worker got them.
 */
const WORKER_OPTIONS_METADATA = 'bullmq:worker_metadata';

export function applyWorkerTimings(processor: object, config: AppConfig): void {
  const declared = (Reflect.getMetadata(WORKER_OPTIONS_METADATA, processor) ?? {}) as object;
  Reflect.defineMetadata(
    WORKER_OPTIONS_METADATA,
    {
      ...declared,
      lockDuration: config.queue.workerLockMs,
      stalledInterval: config.queue.stalledIntervalMs,
    },
    processor,
  );
}
