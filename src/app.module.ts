import { type DynamicModule, Module } from '@nestjs/common';
import { AlertsApiModule } from './alerts/alerts-api.module';
import { AuthModule } from './auth/auth.module';
import { type AppConfig } from './config/config';
import { ConfigModule } from './config/config.module';
import { DashboardModule } from './dashboard/dashboard.module';
import { DatabaseModule } from './database/database.module';
import { EventsApiModule } from './events/events-api.module';
import { HealthModule } from './health/health.module';
import { IngestionModule } from './ingestion/ingestion.module';
import { MetricsHttpModule } from './metrics/metrics-http.module';
import { QueueModule } from './queue/queue.module';
import { ReanalysisModule } from './scoring/reanalysis.module';
import { SourcesModule } from './sources/sources.module';
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
        DashboardModule,
        RateLimitModule,
        HealthModule,
        MetricsHttpModule,
        IngestionModule,
        AlertsApiModule,
        ReanalysisModule,
        EventsApiModule,
        // Last: its /api/sources/:id routes must come after fixed paths such as
        // /api/sources/breakdown that other modules serve.
        SourcesModule,
      ],
    };
  }
}
