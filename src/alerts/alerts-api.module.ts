import { Module } from '@nestjs/common';
import { AlertStreamService } from './api/alert-stream.service';
import { AlertsQueryService } from './api/alerts-query.service';
import { AlertsController } from './api/alerts.controller';
import { AlertsRepository } from './alerts.repository';
import { RuleStatesRepository } from './evaluation/rule-states.repository';
import { AlertRulesController } from './rules/alert-rules.controller';
import { AlertRulesRepository } from './rules/alert-rules.repository';
import { AlertRulesService } from './rules/alert-rules.service';
import { RuleStatusService } from './rules/rule-status';

/** Alert rules, alerts and the live stream over HTTP; no processors (AppModule imports it). */
@Module({
  controllers: [AlertRulesController, AlertsController],
  providers: [
    AlertRulesRepository,
    AlertRulesService,
    AlertsRepository,
    AlertsQueryService,
    AlertStreamService,
    RuleStatusService,
    RuleStatesRepository,
  ],
})
export class AlertsApiModule {}
