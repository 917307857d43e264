import { Module } from '@nestjs/common';
import { DirectionalRepository } from './directional.repository';
import { DirectionalService } from './directional.service';
import { FramingRepository } from './framing.repository';
import { FramingService } from './framing.service';
import { MonitorStalenessRepository } from './monitor-staleness.repository';
import { MonitorsService } from './monitors.service';
import { ParagraphSearchRepository } from './paragraph-search.repository';
import { ParagraphSearchService } from './paragraph-search.service';
import { ToneRepository } from './tone.repository';
import { ToneService } from './tone.service';

/** The dashboard's aggregates and search; ToneService also serves /api/sources/breakdown. */
@Module({
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
    MonitorsService,
  ],
  exports: [
    ToneService,
    DirectionalService,
    FramingService,
    ParagraphSearchService,
    MonitorsService,
  ],
})
export class DashboardModule {}
