import { Controller, Get, Param, ParseUUIDPipe, Query, Res } from '@nestjs/common';
import { ApiOperation, ApiProduces, ApiResponse, ApiTags } from '@nestjs/swagger';
import { type Response } from 'express';
import { Access } from '../../auth/access.decorator';
import { AlertStreamService } from './alert-stream.service';
import { AlertsQueryService } from './alerts-query.service';
import { AlertDetailDto, AlertListDto } from '../dto/alert.dto';
import { ListAlertsQueryDto } from '../dto/list-alerts.query';

@ApiTags('alerts')
@Controller('api/alerts')
export class AlertsController {
  constructor(
    private readonly queries: AlertsQueryService,
    private readonly stream: AlertStreamService,
  ) {}

  @Get()
  @Access('read')
  @ApiOperation({
    summary: 'Alerts, newest first',
    description: 'Filter by rule, monitor, side, state and start time; page with nextCursor.',
  })
  @ApiResponse({ status: 200, type: AlertListDto })
  @ApiResponse({ status: 400, description: 'a query parameter is invalid; the message names it' })
  list(@Query() query: ListAlertsQueryDto): Promise<AlertListDto> {
    return this.queries.list(query);
  }

  // Declared before ':id', which would otherwise take "stream" for an id.
  @Get('stream')
  @Access('read')
  @ApiOperation({
    summary: 'Live alerts (Server-Sent Events)',
    description:
      'Each firing or resolution arrives as an event named `alert` whose data is the alert as GET /api/alerts shows it; a comment line every 15 s keeps the connection open.',
  })
  @ApiProduces('text/event-stream')
  @ApiResponse({ status: 200, description: 'event stream' })
  openStream(@Res() response: Response): void {
    this.stream.open(response);
  }

  @Get(':id')
  @Access('read')
  @ApiOperation({ summary: 'One alert with its evidence and webhook deliveries' })
  @ApiResponse({ status: 200, type: AlertDetailDto })
  @ApiResponse({ status: 404, description: 'no such alert' })
  get(@Param('id', ParseUUIDPipe) id: string): Promise<AlertDetailDto> {
    return this.queries.get(id);
  }
}
