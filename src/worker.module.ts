import { type DynamicModule, Module } from '@nestjs/common';
import { AlertsWorkerModule } from './alerts/alerts-worker.module';
import { type AppConfig } from './config/config';
import { ConfigModule } from './config/config.module';
import { DatabaseModule } from './database/database.module';
import { EventsWorkerModule } from './events/events-worker.module';
import { MetricsWorkerModule } from './metrics/metrics-worker.module';
import { QueueModule } from './queue/queue.module';
import { ScoringWorkerModule } from './scoring/scoring-worker.module';
import { SourcesWorkerModule } from './sources/sources-worker.module';
import { WireWorkerModule } from './wire/wire-worker.module';

/** Queue workers only: @nestjs/bullmq starts a worker for every @Processor provider imported here. */
@Module({})
export class WorkerModule {
  static register(config: AppConfig): DynamicModule {
    return {
      module: WorkerModule,
      imports: [
        ConfigModule.forRoot(config),
        DatabaseModule,
        QueueModule,
        MetricsWorkerModule,
        ScoringWorkerModule,
        AlertsWorkerModule,
        SourcesWorkerModule,
        EventsWorkerModule,
        WireWorkerModule,
      ],
    };
  }
}
