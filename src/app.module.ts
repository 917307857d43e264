import { type DynamicModule, Module } from '@nestjs/common';
import { AlertsApiModule } from './alerts/alerts-api.module';
import { AuthModule } from './auth/auth.module';
import { type AppConfig } from './config/config';
import { ConfigModule } from './config/config.module';
import { DashboardApiModule } from './dashboard/dashboard-api.module';
import { DatabaseModule } from './database/database.module';
import { EventsApiModule } from './events/events-api.module';
import { HealthApiModule } from './health/health-api.module';
import { IngestionApiModule } from './ingestion/ingestion-api.module';
import { MetricsApiModule } from './metrics/metrics-api.module';
import { QueueModule } from './queue/queue.module';
import { ReanalysisApiModule } from './scoring/reanalysis-api.module';
import { SourcesApiModule } from './sources/sources-api.module';
import { RateLimitModule } from './rate-limit/rate-limit.module';

/** The HTTP API. Processors live only in WorkerModule, so an API process runs no queue workers. */
@Module({})
export class AppModule {
  static register(config: AppConfig): DynamicModule {
    return {
      module: AppModule,
      imports: [
        ConfigModule.forRoot(config),
        DatabaseModule,
        QueueModule,
        AuthModule,
        DashboardApiModule,
        RateLimitModule,
        HealthApiModule,
        MetricsApiModule,
        IngestionApiModule,
        AlertsApiModule,
        ReanalysisApiModule,
        EventsApiModule,
        SourcesApiModule,
      ],
    };
  }
}
