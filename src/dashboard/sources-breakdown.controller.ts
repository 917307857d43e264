import { Controller, Get, Inject, Query } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import { type AppConfig } from '../config/config';
import { APP_CONFIG } from '../config/config.module';
import { DashboardRead } from './dashboard-read.decorator';
import { parseFilter } from './dashboard-filter';
import { DashboardQueryDto } from './dto/dashboard-query.dto';
import { SourceBreakdownDto } from './dto/tone.dto';
import { ToneService } from './tone.service';

/**
 * Registered before the sources module, whose `/api/sources/:id` would otherwise take
 * `breakdown` for an id.
 */
@ApiTags('dashboard')
@Controller('api/sources')
export class SourcesBreakdownController {
  constructor(
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly tone: ToneService,
  ) {}

  @Get('breakdown')
  @DashboardRead('Paragraphs and mean tone per source and side', SourceBreakdownDto)
  breakdown(@Query() query: DashboardQueryDto): Promise<SourceBreakdownDto> {
    return this.tone.sourceBreakdown(parseFilter(query, this.config.defaultMonitor));
  }
}
