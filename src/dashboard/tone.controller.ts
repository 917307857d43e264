import { Controller, Get, Inject, Query } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import { type AppConfig } from '../config/config';
import { APP_CONFIG } from '../config/config.module';
import { DashboardRead } from './dashboard-read.decorator';
import { parseFilter } from './dashboard-filter';
import { DirectionalService, parseTarget } from './directional.service';
import {
  DashboardQueryDto,
  DirectionalQueryDto,
  DirectionalTimeseriesQueryDto,
  TimeseriesQueryDto,
} from './dto/dashboard-query.dto';
import { DirectionalTimeseriesDto, DirectionalToneDto } from './dto/directional.dto';
import { ToneSummaryDto, ToneTimeseriesDto } from './dto/tone.dto';
import { ToneService } from './tone.service';

@ApiTags('dashboard')
@Controller('api/tone')
export class ToneController {
  constructor(
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly tone: ToneService,
    private readonly directional: DirectionalService,
  ) {}

  @Get('summary')
  @DashboardRead(
    'Tone per side over a period, with the previous period of equal length',
    ToneSummaryDto,
  )
  summary(@Query() query: DashboardQueryDto): Promise<ToneSummaryDto> {
    return this.tone.summary(parseFilter(query, this.config.monitors.default));
  }

  @Get('timeseries')
  @DashboardRead(
    'Paragraphs and mean tone per side and time bucket; empty buckets count zero',
    ToneTimeseriesDto,
    'Buckets start at local midnight (day), Monday (week) or the hour in `tz`; at most 5000 buckets.',
  )
  timeseries(@Query() query: TimeseriesQueryDto): Promise<ToneTimeseriesDto> {
    return this.tone.timeseries(
      parseFilter(query, this.config.monitors.default),
      query.bucket ?? 'day',
    );
  }

  @Get('directional')
  @DashboardRead(
    'Tone by speaking side and the side it talks about: paragraphs, mean tone, shares',
    DirectionalToneDto,
    '`side` picks the speaking side (a row), `target` the side talked about (a column; `-` for paragraphs that name no side). A paragraph counts once in each side it talks about.',
  )
  directionalMatrix(@Query() query: DirectionalQueryDto): Promise<DirectionalToneDto> {
    const filter = parseFilter(query, this.config.monitors.default);
    return this.directional.matrix(filter, parseTarget(query.target, filter));
  }

  @Get('directional/timeseries')
  @DashboardRead(
    'Paragraphs, mean tone and negative share per speaking side, target side and time bucket',
    DirectionalTimeseriesDto,
    'Buckets as in /api/tone/timeseries. Name a pair with `side` and `target`; without them every pair with paragraphs in the period has a series.',
  )
  directionalTimeseries(
    @Query() query: DirectionalTimeseriesQueryDto,
  ): Promise<DirectionalTimeseriesDto> {
    const filter = parseFilter(query, this.config.monitors.default);
    return this.directional.timeseries(
      filter,
      parseTarget(query.target, filter),
      query.bucket ?? 'day',
    );
  }
}
