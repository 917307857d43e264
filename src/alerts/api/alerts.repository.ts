import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { AlertDeliveryEntity } from '../entities/alert-delivery.entity';
import { AlertEntity, type AlertState } from '../entities/alert.entity';

export interface AlertFilter {
  ruleId?: string;
  monitor?: string;
  side?: string;
  state?: AlertState;
  from?: Date;
  to?: Date;
  /** continue after this (startedAt, id), newest first */
  after?: { startedAt: Date; id: string };
  limit: number;
}

@Injectable()
export class AlertsRepository {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  list(filter: AlertFilter): Promise<AlertEntity[]> {
    const query = this.dataSource
      .getRepository(AlertEntity)
      .createQueryBuilder('a')
      .orderBy('a.started_at', 'DESC')
      .addOrderBy('a.id', 'DESC')
      .limit(filter.limit);
    if (filter.ruleId) query.andWhere('a.rule_id = :ruleId', { ruleId: filter.ruleId });
    if (filter.monitor) query.andWhere('a.monitor = :monitor', { monitor: filter.monitor });
    if (filter.side) query.andWhere('a.side = :side', { side: filter.side });
    if (filter.state) query.andWhere('a.state = :state', { state: filter.state });
    if (filter.from) query.andWhere('a.started_at >= :from', { from: filter.from });
    if (filter.to) query.andWhere('a.started_at < :to', { to: filter.to });
    if (filter.after) {
      query.andWhere('(a.started_at, a.id) < (:afterStarted, :afterId)', {
        afterStarted: filter.after.startedAt,
        afterId: filter.after.id,
      });
    }
    return query.getMany();
  }

  find(id: string): Promise<AlertEntity | null> {
    return this.dataSource.getRepository(AlertEntity).findOneBy({ id });
  }

  deliveriesOf(alertId: string): Promise<AlertDeliveryEntity[]> {
    return this.dataSource
      .getRepository(AlertDeliveryEntity)
      .find({ where: { alertId }, order: { createdAt: 'ASC', targetUrl: 'ASC' } });
  }
}
