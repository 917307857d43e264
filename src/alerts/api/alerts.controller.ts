import {
  Controller,
  Get,
  NotFoundException,
  Param,
  ParseUUIDPipe,
  Query,
  Res,
} from '@nestjs/common';
import { ApiOperation, ApiProduces, ApiResponse, ApiTags } from '@nestjs/swagger';
import { type Response } from 'express';
import { Access } from '../../auth/access.decorator';
import { decodeCursor, encodeCursor } from '../../common/keyset-cursor';
import { AlertStreamService } from './alert-stream.service';
import { alertView } from './alert-view';
import { AlertsRepository } from './alerts.repository';
import { AlertDetailDto, AlertListDto } from '../dto/alert.dto';
import { ListAlertsQueryDto } from '../dto/list-alerts.query';

@ApiTags('alerts')
@Controller('api/alerts')
export class AlertsController {
  constructor(
    private readonly alerts: AlertsRepository,
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
  async list(@Query() query: ListAlertsQueryDto): Promise<AlertListDto> {
    const limit = query.limit ?? 50;
    const rows = await this.alerts.list({
      ruleId: query.ruleId,
      monitor: query.monitor,
      side: query.side,
      state: query.state,
      from: query.from ? new Date(query.from) : undefined,
      to: query.to ? new Date(query.to) : undefined,
      after: query.cursor ? alertPosition(query.cursor) : undefined,
      limit,
    });
    const last = rows.at(-1);
    return {
      items: rows.map(alertView),
      nextCursor:
        rows.length === limit && last
          ? encodeCursor({ time: last.startedAt.toISOString(), id: last.id })
          : null,
    };
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
  async get(@Param('id', ParseUUIDPipe) id: string): Promise<AlertDetailDto> {
    const alert = await this.alerts.find(id);
    if (!alert) throw new NotFoundException(`alert ${id} not found`);
    const deliveries = await this.alerts.deliveriesOf(id);
    return {
      ...alertView(alert),
      deliveries: deliveries.map((d) => ({
        id: d.id,
        event: d.event,
        targetUrl: d.targetUrl,
        status: d.status,
        attempts: d.attempts,
        lastStatusCode: d.lastStatusCode,
        lastError: d.lastError,
        deliveredAt: d.deliveredAt?.toISOString() ?? null,
      })),
    };
  }
}

function alertPosition(cursor: string): { startedAt: Date; id: string } {
  const { time, id } = decodeCursor(cursor, { time: 'iso', id: 'uuid' });
  return { startedAt: new Date(time), id };
}
