import { Module } from '@nestjs/common';
import { DiscoveryModule } from '@nestjs/core';
import { JobDurationRecorder } from './job-duration.recorder';
import { MetricsModule } from './metrics.module';
import { WorkerMetricsServer } from './worker-metrics.server';

/** Worker-side metrics: job timings from every queue worker, served on METRICS_PORT. */
@Module({
  imports: [MetricsModule, DiscoveryModule],
  providers: [JobDurationRecorder, WorkerMetricsServer],
})
export class MetricsWorkerModule {}
