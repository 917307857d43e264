import { Module } from '@nestjs/common';
import { DashboardModule } from '../dashboard/dashboard.module';
import { ScheduleReconciler } from './schedule-reconciler';
import { SourceRunsRepository } from './source-runs.repository';
import { SourcesController } from './sources.controller';
import { SourcesModule } from './sources.module';
import { SourcesRepository } from './sources.repository';
import { SourcesService } from './sources.service';

/** /api/sources and the schedulers behind it; polling itself runs in SourcesWorkerModule. */
@Module({
  imports: [SourcesModule, DashboardModule],
  controllers: [SourcesController],
  providers: [SourcesRepository, SourceRunsRepository, SourcesService, ScheduleReconciler],
})
export class SourcesApiModule {}
