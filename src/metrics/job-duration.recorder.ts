import { WorkerHost } from '@nestjs/bullmq';
import { Injectable, type OnApplicationBootstrap } from '@nestjs/common';
import { DiscoveryService } from '@nestjs/core';
import { type Job, type Worker } from 'bullmq';
import { MetricsService } from './metrics.service';

/**
 * Times every job of every worker in this process, whatever its queue, by listening to the
 * workers' own completed/failed events; processors need not know about metrics.
 */
@Injectable()
export class JobDurationRecorder implements OnApplicationBootstrap {
  constructor(
    private readonly discovery: DiscoveryService,
    private readonly metrics: MetricsService,
  ) {}

  onApplicationBootstrap(): void {
    for (const wrapper of this.discovery.getProviders()) {
      const instance: unknown = wrapper.instance;
      if (!(instance instanceof WorkerHost)) continue;
      const worker = (instance as WorkerHost<Worker>).worker;
      worker.on('completed', (job: Job) => this.observe(worker.name, 'completed', job));
      worker.on('failed', (job: Job | undefined) => {
        if (job) this.observe(worker.name, 'failed', job);
      });
    }
  }

  private observe(queue: string, outcome: 'completed' | 'failed', job: Job): void {
    if (job.processedOn === undefined || job.finishedOn === undefined) return;
    const seconds = Math.max(0, job.finishedOn - job.processedOn) / 1000;
    this.metrics.jobDuration.observe({ queue, outcome }, seconds);
  }
}
