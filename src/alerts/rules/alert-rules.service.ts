import { BadRequestException, Inject, Injectable, NotFoundException } from '@nestjs/common';
import { FRAMES, getMonitor, UnknownMonitorError } from '../../analysis';
import { type AppConfig } from '../../config/config';
import { APP_CONFIG } from '../../config/config.module';
import { assertPublicTarget, FetchError } from '../../fetching';
import { DEFAULT_DETECTOR, DEFAULT_EPISODE, DEFAULT_EVIDENCE, initialState } from '../detection';
import { detectorRuleOf } from '../detector-rule';
import { type AlertRuleEntity } from '../entities/alert-rule.entity';
import { type AlertRuleInputDto } from '../dto/alert-rule-input.dto';
import { type AlertRuleDto } from '../dto/alert-rule.dto';
import { type AlertRuleFields, AlertRulesRepository } from './alert-rules.repository';

/** Rule checks that need more than the DTO's field-by-field validation, then storage. */
@Injectable()
export class AlertRulesService {
  constructor(
    private readonly rules: AlertRulesRepository,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  async list(): Promise<AlertRuleDto[]> {
    return (await this.rules.list()).map(ruleView);
  }

  async get(id: string): Promise<AlertRuleDto> {
    return ruleView(this.found(await this.rules.find(id), id));
  }

  async create(input: AlertRuleInputDto): Promise<AlertRuleDto> {
    const fields = await this.fieldsFrom(input);
    return ruleView(await this.rules.create(fields, this.freshState(fields)));
  }

  async replace(id: string, input: AlertRuleInputDto): Promise<AlertRuleDto> {
    const fields = await this.fieldsFrom(input);
    return ruleView(this.found(await this.rules.replace(id, fields, this.freshState(fields)), id));
  }

  async delete(id: string): Promise<void> {
    if (!(await this.rules.delete(id))) throw new NotFoundException(`alert rule ${id} not found`);
  }

  private freshState(fields: AlertRuleFields) {
    return initialState(detectorRuleOf(fields));
  }

  private found(rule: AlertRuleEntity | null, id: string): AlertRuleEntity {
    if (!rule) throw new NotFoundException(`alert rule ${id} not found`);
    return rule;
  }

  private async fieldsFrom(input: AlertRuleInputDto): Promise<AlertRuleFields> {
    const monitor = input.monitor ?? this.config.defaultMonitor;
    const problems: string[] = [];
    let sides: string[] = [];
    try {
      sides = getMonitor(monitor).sides.map((s) => s.id);
    } catch (error) {
      if (!(error instanceof UnknownMonitorError)) throw error;
      problems.push(`monitor: ${error.message}`);
    }
    if (sides.length > 0 && !sides.includes(input.side)) {
      problems.push(
        `side must be one of ${sides.join(', ')} for monitor ${monitor} (got "${input.side}")`,
      );
    }
    if (input.metric === 'frame-rate' && !input.frame && !input.phrase) {
      problems.push('frame or phrase is required for metric frame-rate');
    }
    if (input.frame !== undefined && !FRAMES.some((f) => f.id === input.frame)) {
      problems.push(
        `frame must be one of ${FRAMES.map((f) => f.id).join(', ')} (got "${input.frame}")`,
      );
    }
    const detector = { ...DEFAULT_DETECTOR, ...definedOnly(input.detector) };
    const webhooks = input.webhooks ?? [];
    for (const [index, target] of webhooks.entries()) {
      const problem = await this.webhookProblem(target.url);
      if (problem) problems.push(`webhooks.${index}.url: ${problem}`);
    }
    if (problems.length > 0) throw new BadRequestException(problems);
    return {
      name: input.name,
      monitor,
      side: input.side,
      sources: input.sources ?? [],
      metric: input.metric,
      frame: input.frame ?? null,
      phrase: input.phrase ?? null,
      direction: input.direction ?? 'both',
      detector,
      minParagraphs: input.evidence?.minParagraphs ?? DEFAULT_EVIDENCE.minParagraphs,
      minArticles: input.evidence?.minArticles ?? DEFAULT_EVIDENCE.minArticles,
      minOutlets: input.evidence?.minOutlets ?? DEFAULT_EVIDENCE.minOutlets,
      holdSeconds: input.holdSeconds ?? DEFAULT_EPISODE.holdSeconds,
      keepFiringSeconds: input.keepFiringSeconds ?? DEFAULT_EPISODE.keepFiringSeconds,
      cooldownSeconds: input.cooldownSeconds ?? DEFAULT_EPISODE.cooldownSeconds,
      resolveFraction: input.resolveFraction ?? DEFAULT_EPISODE.resolveFraction,
      silenceAfterSeconds: input.silenceAfterSeconds ?? null,
      webhooks: webhooks.map((w) => (w.secret ? { url: w.url, secret: w.secret } : { url: w.url })),
      enabled: input.enabled ?? true,
    };
  }

  /** The same private-address guard as feed sources; checked again at every delivery, as DNS may change. */
  private async webhookProblem(url: string): Promise<string | null> {
    try {
      await assertPublicTarget(url, { allowPrivate: this.config.allowPrivateTargets });
      return null;
    } catch (error) {
      if (error instanceof FetchError) return error.message;
      throw error;
    }
  }
}

/** The DTO instance carries every optional key, unset ones as undefined: those must not replace defaults. */
function definedOnly<T extends object>(value: T | undefined): Partial<T> {
  return Object.fromEntries(
    Object.entries(value ?? {}).filter(([, v]) => v !== undefined),
  ) as Partial<T>;
}

export function ruleView(rule: AlertRuleEntity): AlertRuleDto {
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
    detector: rule.detector,
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
