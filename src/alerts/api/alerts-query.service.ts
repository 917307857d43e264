import { Injectable } from '@nestjs/common';
import { NotFoundError } from '../../common/domain-errors';
import { decodeCursor, encodeCursor } from '../../common/keyset-cursor';
import { type AlertDetailDto, type AlertListDto } from '../dto/alert.dto';
import { type ListAlertsQueryDto } from '../dto/list-alerts.query';
import { alertView } from './alert-view';
import { AlertsRepository } from '../alerts.repository';

const DEFAULT_PAGE = 50;

/** Read side of the alerts API: a filtered page of alerts, or one with its deliveries. */
@Injectable()
export class AlertsQueryService {
  constructor(private readonly alerts: AlertsRepository) {}

  async list(query: ListAlertsQueryDto): Promise<AlertListDto> {
    const limit = query.limit ?? DEFAULT_PAGE;
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

  async get(id: string): Promise<AlertDetailDto> {
    const alert = await this.alerts.find(id);
    if (!alert) throw new NotFoundError(`alert ${id} not found`);
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
