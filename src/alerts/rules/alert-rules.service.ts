import { Inject, Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { InvalidInputError, NotFoundError } from '../../common/domain-errors';
import { type AppConfig } from '../../config/config';
import { APP_CONFIG } from '../../config/config.module';
import { assertPublicTarget, FetchError } from '../../fetching';
import { AlertsRepository } from '../alerts.repository';
import { DEFAULT_DETECTOR, initialState } from '../detection';
import { RuleStatesRepository } from '../evaluation/rule-states.repository';
import { detectorRuleOf } from '../evaluation/detector-rule';
import { type AlertRuleInputDto } from '../dto/alert-rule-input.dto';
import { type AlertRuleDetailDto, type AlertRuleDto } from '../dto/alert-rule.dto';
import {
  type AlertRule,
  type AlertRuleFields,
  AlertRulesRepository,
} from './alert-rules.repository';
import { ruleFieldsFrom } from './rule-fields';
import { RuleStatusService } from './rule-status';

/**
 * Rule checks that need more than the DTO's field-by-field validation, then storage: a new or
 * replaced rule and its fresh detector in one transaction, each table through its owner.
 */
@Injectable()
export class AlertRulesService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly rules: AlertRulesRepository,
    private readonly states: RuleStatesRepository,
    private readonly alerts: AlertsRepository,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly status: RuleStatusService,
  ) {}

  async list(): Promise<AlertRuleDto[]> {
    return (await this.rules.list()).map(ruleView);
  }

  async get(id: string): Promise<AlertRuleDetailDto> {
    const rule = this.found(await this.rules.find(id), id);
    return { ...ruleView(rule), status: await this.status.statusOf(rule) };
  }

  /** A new rule, with a fresh detector that watches articles from now on. */
  async create(input: AlertRuleInputDto): Promise<AlertRuleDto> {
    const fields = await this.fieldsFrom(input);
    const rule = await this.dataSource.transaction(async (db) => {
      const created = await this.rules.insert(db, fields);
      await this.states.reset(db, created.id, this.freshState(fields), created.updatedAt);
      return created;
    });
    return ruleView(rule);
  }

  /**
   * Replaces a rule. Its detector starts afresh (the settings it ran with no longer apply): the
   * articles and events it judged are forgotten, so the new settings judge them again, and the
   * alerts that were firing under the old settings are resolved.
   */
  async replace(id: string, input: AlertRuleInputDto): Promise<AlertRuleDto> {
    const fields = await this.fieldsFrom(input);
    const rule = await this.dataSource.transaction(async (db) => {
      const replaced = await this.rules.update(db, id, fields);
      if (!replaced) return null;
      await this.alerts.resolveFiringOf(db, id);
      await this.states.reset(db, id, this.freshState(fields), replaced.updatedAt);
      return replaced;
    });
    return ruleView(this.found(rule, id));
  }

  async delete(id: string): Promise<void> {
    if (!(await this.rules.delete(id))) throw new NotFoundError(`alert rule ${id} not found`);
  }

  private freshState(fields: AlertRuleFields) {
    return initialState(detectorRuleOf(fields));
  }

  private found(rule: AlertRule | null, id: string): AlertRule {
    if (!rule) throw new NotFoundError(`alert rule ${id} not found`);
    return rule;
  }

  private async fieldsFrom(input: AlertRuleInputDto): Promise<AlertRuleFields> {
    const { fields, problems } = ruleFieldsFrom(input, this.config.monitors.default);
    for (const [index, target] of fields.webhooks.entries()) {
      const problem = await this.webhookProblem(target.url);
      if (problem) problems.push(`webhooks.${index}.url: ${problem}`);
    }
    if (problems.length > 0) throw new InvalidInputError(problems);
    return fields;
  }

  /** The same private-address guard as feed sources; checked again at every delivery, as DNS may change. */
  private async webhookProblem(url: string): Promise<string | null> {
    try {
      await assertPublicTarget(url, { allowPrivate: this.config.fetch.allowPrivateTargets });
      return null;
    } catch (error) {
      if (error instanceof FetchError) return error.message;
      throw error;
    }
  }
}

export function ruleView(rule: AlertRule): AlertRuleDto {
  return {
    id: rule.id,
    name: rule.name,
    monitor: rule.monitor,
    side: rule.side,
    sources: rule.sources,
    metric: rule.metric,
    frame: rule.frame,
    phrase: rule.phrase,
    direction: rule.direction,
    syndication: rule.syndication,
    detector: { ...DEFAULT_DETECTOR, ...rule.detector },
    evidence: {
      minParagraphs: rule.minParagraphs,
      minArticles: rule.minArticles,
      minOutlets: rule.minOutlets,
    },
    holdSeconds: rule.holdSeconds,
    keepFiringSeconds: rule.keepFiringSeconds,
    cooldownSeconds: rule.cooldownSeconds,
    resolveFraction: rule.resolveFraction,
    silenceAfterSeconds: rule.silenceAfterSeconds,
    webhooks: rule.webhooks.map((w) => ({ url: w.url, hasSecret: Boolean(w.secret) })),
    enabled: rule.enabled,
    createdAt: rule.createdAt.toISOString(),
    updatedAt: rule.updatedAt.toISOString(),
  };
}
