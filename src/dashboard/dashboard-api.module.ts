import { Module } from '@nestjs/common';
import { DirectionalRepository } from './directional.repository';
import { DirectionalService } from './directional.service';
import { FramesController } from './frames.controller';
import { FramingController } from './framing.controller';
import { MonitorStalenessRepository } from './monitor-staleness.repository';
import { MonitorsController } from './monitors.controller';
import { FramingRepository } from './framing.repository';
import { FramingService } from './framing.service';
import { ParagraphSearchRepository } from './paragraph-search.repository';
import { ParagraphSearchService } from './paragraph-search.service';
import { ParagraphsController } from './paragraphs.controller';
import { SourcesBreakdownController } from './sources-breakdown.controller';
import { ToneController } from './tone.controller';
import { ToneRepository } from './tone.repository';
import { ToneService } from './tone.service';

/** Read-only aggregates and search behind the dashboard. */
@Module({
  controllers: [
    ToneController,
    FramingController,
    SourcesBreakdownController,
    ParagraphsController,
    MonitorsController,
    FramesController,
  ],
  providers: [
    ToneRepository,
    ToneService,
    DirectionalRepository,
    DirectionalService,
    FramingRepository,
    FramingService,
    ParagraphSearchRepository,
    ParagraphSearchService,
    MonitorStalenessRepository,
  ],
})
export class DashboardApiModule {}
