import { Injectable } from '@nestjs/common';
import { collectDefaultMetrics, Counter, Gauge, Histogram, Registry } from 'prom-client';

/**
 * The Prometheus metrics of one process. Each Nest application gets its own registry (tests run
 * several in one process). Inject it and call the record* methods; `/metrics` on the API and the
 * worker's METRICS_PORT serve `registry`.
 */
@Injectable()
export class MetricsService {
  readonly registry = new Registry();

  readonly httpDuration = new Histogram({
    name: 'tonewatch_http_request_duration_seconds',
    help: 'HTTP request latency by route template, method and status code',
    labelNames: ['method', 'route', 'status'] as const,
    buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10],
    registers: [this.registry],
  });

  readonly queueJobs = new Gauge({
    name: 'tonewatch_queue_jobs',
    help: 'Jobs in each queue by state, read from Redis when scraped',
    labelNames: ['queue', 'state'] as const,
    registers: [this.registry],
  });

  readonly jobDuration = new Histogram({
    name: 'tonewatch_job_duration_seconds',
    help: 'Time from a worker taking a job to finishing it, by queue and outcome',
    labelNames: ['queue', 'outcome'] as const,
    buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30],
    registers: [this.registry],
  });

  private readonly paragraphsAnalysed = new Counter({
    name: 'tonewatch_paragraphs_analysed_total',
    help: 'Paragraphs analysed and stored, by monitor',
    labelNames: ['monitor'] as const,
    registers: [this.registry],
  });

  private readonly analysisFailures = new Counter({
    name: 'tonewatch_analysis_failures_total',
    help: 'Analysis attempts that threw, by whether the article was then marked failed',
    labelNames: ['final'] as const,
    registers: [this.registry],
  });

  private readonly alertsFired = new Counter({
    name: 'tonewatch_alerts_fired_total',
    help: 'Alerts that started firing, by monitor and side',
    labelNames: ['monitor', 'side'] as const,
    registers: [this.registry],
  });

  constructor() {
    collectDefaultMetrics({ register: this.registry, prefix: 'tonewatch_' });
  }

  recordParagraphsAnalysed(monitor: string, count: number): void {
    this.paragraphsAnalysed.inc({ monitor }, count);
  }

  recordAnalysisFailure(final: boolean): void {
    this.analysisFailures.inc({ final: String(final) });
  }

  recordAlertFired(monitor: string, side: string): void {
    this.alertsFired.inc({ monitor, side });
  }
}
