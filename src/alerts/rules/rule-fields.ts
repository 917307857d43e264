import { FRAMES, getMonitor, UnknownMonitorError } from '../../analysis';
import {
  ASYMMETRY_DETECTOR,
  DEFAULT_DETECTOR,
  DEFAULT_EPISODE,
  DEFAULT_EVIDENCE,
} from '../detection';
import { type AlertRuleInputDto } from '../dto/alert-rule-input.dto';
import { type AlertRuleFields } from './alert-rules.repository';

/**
 * A validated rule input with every default filled in, or the problems that need more than
 * field-by-field validation (the monitor's sides, frames). Shared by the API and the
 * backtest command, so a rule file means the same in both.
 */
export function ruleFieldsFrom(
  input: AlertRuleInputDto,
  defaultMonitor: string,
): { fields: AlertRuleFields; problems: string[] } {
  const monitor = input.monitor ?? defaultMonitor;
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
  if (input.metric === 'asymmetry') problems.push(...asymmetryProblems(input));
  if (input.frame !== undefined && !FRAMES.some((f) => f.id === input.frame)) {
    problems.push(
      `frame must be one of ${FRAMES.map((f) => f.id).join(', ')} (got "${input.frame}")`,
    );
  }
  const asymmetry = input.metric === 'asymmetry';
  const fields: AlertRuleFields = {
    name: input.name,
    monitor,
    side: input.side,
    sources: input.sources ?? [],
    metric: input.metric,
    frame: input.frame ?? null,
    phrase: input.phrase ?? null,
    direction: input.direction ?? (asymmetry ? 'up' : 'both'),
    syndication: input.syndication ?? 'collapse',
    detector: {
      ...DEFAULT_DETECTOR,
      ...(asymmetry ? ASYMMETRY_DETECTOR : {}),
      ...definedOnly(input.detector),
    },
    minParagraphs: input.evidence?.minParagraphs ?? DEFAULT_EVIDENCE.minParagraphs,
    minArticles: input.evidence?.minArticles ?? DEFAULT_EVIDENCE.minArticles,
    minOutlets: input.evidence?.minOutlets ?? DEFAULT_EVIDENCE.minOutlets,
    holdSeconds: input.holdSeconds ?? DEFAULT_EPISODE.holdSeconds,
    keepFiringSeconds: input.keepFiringSeconds ?? DEFAULT_EPISODE.keepFiringSeconds,
    cooldownSeconds: input.cooldownSeconds ?? DEFAULT_EPISODE.cooldownSeconds,
    resolveFraction: input.resolveFraction ?? DEFAULT_EPISODE.resolveFraction,
    silenceAfterSeconds: input.silenceAfterSeconds ?? null,
    webhooks: (input.webhooks ?? []).map((w) =>
      w.secret ? { url: w.url, secret: w.secret } : { url: w.url },
    ),
    enabled: input.enabled ?? true,
  };
  return { fields, problems };
}

/**
 * An asymmetry rule watches events, whose score compares the sides: outlets, frames and
 * silence belong to one side's paragraphs and have no meaning there, so they are refused
 * rather than ignored.
 */
function asymmetryProblems(input: AlertRuleInputDto): string[] {
  const problems: string[] = [];
  if (input.sources !== undefined && input.sources.length > 0) {
    problems.push('sources must be empty for metric asymmetry (it watches whole events)');
  }
  if (input.frame !== undefined || input.phrase !== undefined) {
    problems.push('frame and phrase apply to metric frame-rate, not asymmetry');
  }
  if (input.silenceAfterSeconds !== undefined && input.silenceAfterSeconds !== null) {
    problems.push('silenceAfterSeconds applies to paragraph metrics, not asymmetry');
  }
  return problems;
}

/** The DTO instance carries every optional key, unset ones as undefined: those must not replace defaults. */
function definedOnly<T extends object>(value: T | undefined): Partial<T> {
  return Object.fromEntries(
    Object.entries(value ?? {}).filter(([, v]) => v !== undefined),
  ) as Partial<T>;
}
