import { Controller, Get, Inject, Query } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import { type AppConfig } from '../config/config';
import { APP_CONFIG } from '../config/config.module';
import { DashboardRead } from './dashboard-read.decorator';
import { parseFilter } from './dashboard-filter';
import { DashboardQueryDto, TimeseriesQueryDto } from './dto/dashboard-query.dto';
import { ToneSummaryDto, ToneTimeseriesDto } from './dto/tone.dto';
import { ToneService } from './tone.service';

@ApiTags('dashboard')
@Controller('api/tone')
export class ToneController {
  constructor(
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly tone: ToneService,
  ) {}

  @Get('summary')
  @DashboardRead(
    'Tone per side over a period, with the previous period of equal length',
    ToneSummaryDto,
  )
  summary(@Query() query: DashboardQueryDto): Promise<ToneSummaryDto> {
    return this.tone.summary(parseFilter(query, this.config.defaultMonitor));
  }

  @Get('timeseries')
  @DashboardRead(
    'Paragraphs and mean tone per side and time bucket; empty buckets count zero',
    ToneTimeseriesDto,
    'Buckets start at local midnight (day), Monday (week) or the hour in `tz`; at most 5000 buckets.',
  )
  timeseries(@Query() query: TimeseriesQueryDto): Promise<ToneTimeseriesDto> {
    return this.tone.timeseries(
      parseFilter(query, this.config.defaultMonitor),
      query.bucket ?? 'day',
    );
  }
}
