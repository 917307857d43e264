import { Module } from '@nestjs/common';
import { DashboardModule } from './dashboard.module';
import { FramesController } from './frames.controller';
import { FramingController } from './framing.controller';
import { MonitorsController } from './monitors.controller';
import { ParagraphsController } from './paragraphs.controller';
import { ToneController } from './tone.controller';

/** Read-only aggregates and search behind the dashboard. */
@Module({
  imports: [DashboardModule],
  controllers: [
    ToneController,
    FramingController,
    ParagraphsController,
    MonitorsController,
    FramesController,
  ],
})
export class DashboardApiModule {}
