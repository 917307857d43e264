import {
  BadRequestException,
  Controller,
  Get,
  Inject,
  Param,
  ParseUUIDPipe,
  Query,
  Req,
  Res,
} from '@nestjs/common';
import { ApiProduces, ApiResponse, ApiTags } from '@nestjs/swagger';
import { type Request, type Response } from 'express';
import { type AppConfig } from '../config/config';
import { APP_CONFIG } from '../config/config.module';
import { DashboardRead } from '../dashboard/dashboard-read.decorator';
import { EventDetailDto, EventPageDto } from './dto/events.dto';
import { EventDetailQueryDto, EventsQueryDto } from './dto/events-query.dto';
import { EventsQueryService } from './events-query.service';

/** HTTP only: parsing and answers; the reads are EventsQueryService's. */
@ApiTags('events')
@Controller('api/events')
export class EventsController {
  constructor(
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly events: EventsQueryService,
  ) {}

  @Get()
  @ApiProduces('application/json', 'text/csv')
  @DashboardRead(
    'Events (articles of one monitor reporting one occurrence), newest first, with their asymmetry; JSON pages or CSV',
    EventPageDto,
    'An event is listed when it overlaps [from, to): it ends at or after `from` and starts before `to`. With format=csv or Accept: text/csv the same rows come as CSV (up to 10000 per request); the next cursor is then in the X-Next-Cursor header.',
  )
  async list(
    @Query() query: EventsQueryDto,
    @Req() req: Request,
    @Res({ passthrough: true }) res: Response,
  ): Promise<EventPageDto | string> {
    const csv =
      query.format === 'csv' ||
      (query.format === undefined && req.accepts(['application/json', 'text/csv']) === 'text/csv');
    const parsed = this.events.parse(query, this.config.monitors.default, csv);
    if (!csv) return this.events.page(parsed);
    const { body, nextCursor } = await this.events.csv(parsed);
    res.type('text/csv; charset=utf-8');
    res.setHeader('content-disposition', 'attachment; filename="events.csv"');
    if (nextCursor) res.setHeader('x-next-cursor', nextCursor);
    return body;
  }

  @Get(':id')
  @DashboardRead(
    'One event as each side told it: articles by outlet, per side paragraphs, mean tone, frames, distinctive terms and quotes, and the asymmetry',
    EventDetailDto,
  )
  @ApiResponse({ status: 404, description: 'No such event' })
  detail(
    @Param(
      'id',
      new ParseUUIDPipe({ exceptionFactory: () => new BadRequestException('id must be a UUID') }),
    )
    id: string,
    @Query() query: EventDetailQueryDto,
  ): Promise<EventDetailDto> {
    return this.events.detail(id, query.syndication);
  }
}
