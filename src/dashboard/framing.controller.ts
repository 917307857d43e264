import { Controller, Get, Inject, Query } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import { type AppConfig } from '../config/config';
import { APP_CONFIG } from '../config/config.module';
import { DashboardRead } from './dashboard-read.decorator';
import { parseFilter } from './dashboard-filter';
import { FramingQueryDto, FramingTopQueryDto } from './dto/dashboard-query.dto';
import { FramingDto, FramingTopDto } from './dto/framing.dto';
import { FramingService, parseLimit, parseSelection } from './framing.service';

@ApiTags('dashboard')
@Controller('api/framing')
export class FramingController {
  constructor(
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly framing: FramingService,
  ) {}

  @Get()
  @DashboardRead(
    'Framing hits per side for chosen phrases or frames, negated hits apart, with examples',
    FramingDto,
  )
  compare(@Query() query: FramingQueryDto): Promise<FramingDto> {
    const selection = parseSelection(query);
    return this.framing.compare(parseFilter(query, this.config.monitors.default), selection);
  }

  @Get('top')
  @DashboardRead('The frames each side uses most', FramingTopDto)
  top(@Query() query: FramingTopQueryDto): Promise<FramingTopDto> {
    const limit = parseLimit(query.limit, 10, 50);
    return this.framing.top(parseFilter(query, this.config.monitors.default), limit);
  }
}
