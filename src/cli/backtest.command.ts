import { readFileSync } from 'node:fs';
import { DEFAULT_MONITOR } from '../analysis';
import { plainToInstance } from 'class-transformer';
import { validate, type ValidationError } from 'class-validator';
import {
  baselineWindow,
  computeBaseline,
  type DetectorEvent,
  type DetectorRule,
  isArmed,
  type Observation,
  replay,
  summarise,
} from '../alerts/detection';
import { detectorRuleOf } from '../alerts/evaluation/detector-rule';
import { AlertRuleInputDto } from '../alerts/dto/alert-rule-input.dto';
import { observationsOf } from '../alerts/evaluation/observation-source';
import { ruleFieldsFrom } from '../alerts/rules/rule-fields';
import { loadMonitorsDir } from '../monitors/monitor-files';
import { ConfigError, loadDatabaseUrl } from '../config/config';
import { createDataSource } from '../database/data-source';
import { CliError, parseArgs, type CliCommand, type CliIo } from './io';

const DAY_MS = 86_400_000;

export const backtestCommand: CliCommand = {
  name: 'backtest',
  usage:
    'backtest --rule FILE --since ISO|30d [--until ISO|now] [--syndication collapse|all] [--database-url URL] [--json]',
  summary:
    'replay stored paragraphs (asymmetry: events) through an alert rule: when it would have fired and resolved',
  async run(args: string[], io: CliIo): Promise<void> {
    const { positional, flags, values } = parseArgs(args, {
      flags: ['json'],
      values: ['rule', 'since', 'until', 'syndication', 'database-url'],
    });
    const ruleFile = values.get('rule');
    if (positional.length > 0 || !ruleFile) throw new CliError(`usage: tonewatch ${this.usage}`, 2);
    const now = new Date();
    const until = timeOption(values.get('until') ?? 'now', 'until', now);
    const since = timeOption(values.get('since'), 'since', now);
    if (since >= until) throw new CliError('--since must be before --until', 2);

    // A rule may watch a monitor of MONITORS_DIR, read as the services read it.
    const monitorProblems = loadMonitorsDir(process.env.MONITORS_DIR?.trim() || null);
    if (monitorProblems.length > 0) throw new CliError(monitorProblems.join('; '));
    const fields = await readRule(ruleFile);
    // the rule's own setting unless the command line asks to compare the other
    const syndication = values.get('syndication');
    if (syndication !== undefined) {
      if (syndication !== 'collapse' && syndication !== 'all') {
        throw new CliError(`--syndication must be collapse or all (got "${syndication}")`, 2);
      }
      fields.syndication = syndication;
    }
    const rule = detectorRuleOf(fields);
    const databaseUrl = values.get('database-url') ?? databaseUrlFromEnv();
    const dataSource = createDataSource(databaseUrl, 1);
    await dataSource.initialize();
    try {
      // The first baseline window ends excludeRecentDays before `since` and spans baselineDays.
      const warmup = (rule.detector.baselineDays + rule.detector.excludeRecentDays + 1) * DAY_MS;
      const observations = await observationsOf(dataSource.manager, fields, {
        from: new Date(since.getTime() - warmup),
        to: until,
      });
      const { events } = replay(rule, observations, { from: since, until });
      const replayed = observations.filter((o) => o.occurredAt >= since).length;
      const arming = armingOf(rule, observations, since, until);
      // an asymmetry rule replays events, the others articles
      const counted = fields.metric === 'asymmetry' ? { events: replayed } : { articles: replayed };
      const json = {
        rule: fields.name,
        syndication: fields.syndication,
        since,
        until,
        ...counted,
        arming,
        events: events.map(jsonEvent),
      };
      io.stdout(
        flags.has('json')
          ? `${JSON.stringify(json, null, 2)}\n`
          : table(fields, rule, replayed, events) + armingLine(rule, arming),
      );
    } finally {
      await dataSource.destroy();
    }
  },
};

/** An ISO date or time, `now`, or a span before now: `30d`, `36h`. */
export function timeOption(value: string | undefined, name: string, now: Date): Date {
  const relative = value === undefined ? null : /^(\d{1,4})([dh])$/.exec(value);
  if (value === 'now') return now;
  if (relative) {
    const span = Number(relative[1]) * (relative[2] === 'd' ? DAY_MS : 3_600_000);
    return new Date(now.getTime() - span);
  }
  const date = value === undefined ? new Date(Number.NaN) : new Date(value);
  if (Number.isNaN(date.getTime())) {
    throw new CliError(
      `--${name} must be an ISO date or time (2025-03-01), a span before now (30d, 36h) or now (got "${value ?? ''}")`,
      2,
    );
  }
  return date;
}

function databaseUrlFromEnv(): string {
  try {
    return loadDatabaseUrl();
  } catch (error) {
    if (error instanceof ConfigError) throw new CliError(error.problems.join('; '));
    throw error;
  }
}

/** The rule file holds the same JSON as POST /api/alert-rules, checked by the same rules. */
async function readRule(path: string) {
  let json: unknown;
  try {
    json = JSON.parse(readFileSync(path, 'utf8'));
  } catch (error) {
    throw new CliError(`cannot read rule ${path}: ${(error as Error).message}`);
  }
  const input = plainToInstance(AlertRuleInputDto, json);
  const errors = await validate(input, { whitelist: true, forbidNonWhitelisted: true });
  const problems = errors.flatMap((e) => messages(e));
  const { fields, problems: ruleProblems } = ruleFieldsFrom(input, DEFAULT_MONITOR);
  problems.push(...ruleProblems);
  if (problems.length > 0) throw new CliError(`rule ${path}: ${problems.join('; ')}`, 2);
  return fields;
}

function messages(error: ValidationError, prefix = ''): string[] {
  const path = `${prefix}${error.property}`;
  const own = Object.values(error.constraints ?? {}).map((m) =>
    m.startsWith(error.property) ? `${prefix}${m}` : `${path}: ${m}`,
  );
  return [...own, ...(error.children ?? []).flatMap((c) => messages(c, `${path}.`))];
}

function jsonEvent(event: DetectorEvent) {
  return event.type === 'fired'
    ? {
        type: event.type,
        channel: event.channel,
        at: event.at,
        onsetAt: event.onsetAt,
        ...event.figures,
        articles: event.articles,
        outlets: event.outlets,
        evidence: event.evidence,
        ...(event.events.length > 0 ? { evidenceEvents: event.events } : {}),
      }
    : { type: event.type, channel: event.channel, at: event.at, ...event.figures };
}

function table(
  { name, syndication }: { name: string; syndication: string },
  rule: DetectorRule,
  articles: number,
  events: DetectorEvent[],
): string {
  const fmt = (n: number | null) => (n === null ? '' : n.toFixed(3));
  const lines = [
    `rule "${name}" (${rule.metric}, ${rule.direction}, syndication ${syndication}): ${articles} ${unitOf(rule).observed} replayed, ${events.filter((e) => e.type === 'fired').length} firing(s)`,
    '',
    [
      'time',
      'event',
      'direction',
      'onset',
      'statistic',
      'baseline',
      'current',
      'shift',
      'shift SD',
      'articles',
      'outlets',
    ].join('\t'),
  ];
  for (const event of events) {
    const f = event.figures;
    lines.push(
      [
        event.at.toISOString(),
        event.type,
        event.channel,
        event.type === 'fired' ? event.onsetAt.toISOString() : '',
        fmt(f.statistic),
        fmt(f.baseline),
        fmt(f.current),
        fmt(f.shift),
        fmt(f.shiftSd),
        event.type === 'fired' ? String(event.articles) : '',
        event.type === 'fired' ? String(event.outlets) : '',
      ].join('\t'),
    );
  }
  return `${lines.join('\n')}\n`;
}

function unitOf(rule: DetectorRule): { observed: string; held: string } {
  return rule.metric === 'asymmetry'
    ? { observed: 'event(s)', held: 'event(s)' }
    : { observed: 'article(s)', held: 'paragraph(s)' };
}

export interface Arming {
  /** the paragraphs (asymmetry: events) a baseline must hold before the detector judges anything */
  needs: number;
  /** replayed articles (asymmetry: events) judged while the baseline held fewer: they could not fire anything */
  disarmedArticles: number;
  articles: number;
  /** the baseline at --until, or at the last replayed observation that found it too small */
  baseline: {
    at: string;
    from: string;
    to: string;
    paragraphs: number;
    /** asymmetry: the events it held */
    events?: number;
    armed: boolean;
  };
}

/** Whether the detector could fire: per replayed article, the size of its day's baseline. */
export function armingOf(
  rule: DetectorRule,
  observations: readonly Observation[],
  since: Date,
  until: Date,
): Arming {
  const cache = new Map<
    number,
    { from: Date; to: Date; paragraphs: number; events: number; armed: boolean }
  >();
  const at = (time: Date) => {
    const window = baselineWindow(time, rule.detector);
    let entry = cache.get(window.to.getTime());
    if (!entry) {
      const inside = observations.filter(
        (o) => o.occurredAt >= window.from && o.occurredAt < window.to,
      );
      const baseline = computeBaseline(inside.map(summarise));
      entry = {
        ...window,
        paragraphs: baseline.paragraphs,
        events: baseline.articles,
        armed: isArmed(rule, baseline),
      };
      cache.set(window.to.getTime(), entry);
    }
    return entry;
  };
  let disarmed = 0;
  let articles = 0;
  let lastDisarmed: { time: Date; entry: ReturnType<typeof at> } | undefined;
  for (const o of observations) {
    if (o.occurredAt < since || o.occurredAt > until) continue;
    articles++;
    const entry = at(o.occurredAt);
    if (!entry.armed) {
      disarmed++;
      lastDisarmed = { time: o.occurredAt, entry };
    }
  }
  const shown = lastDisarmed ?? { time: until, entry: at(until) };
  const asymmetry = rule.metric === 'asymmetry';
  return {
    needs: asymmetry ? rule.detector.minBaselineEvents : rule.detector.minBaselineParagraphs,
    disarmedArticles: disarmed,
    articles,
    baseline: {
      at: shown.time.toISOString(),
      from: shown.entry.from.toISOString(),
      to: shown.entry.to.toISOString(),
      paragraphs: shown.entry.paragraphs,
      ...(asymmetry ? { events: shown.entry.events } : {}),
      armed: shown.entry.armed,
    },
  };
}

function armingLine(rule: DetectorRule, arming: Arming): string {
  const b = arming.baseline;
  const unit = unitOf(rule);
  const held = b.events ?? b.paragraphs;
  const setting = rule.metric === 'asymmetry' ? 'minBaselineEvents' : 'minBaselineParagraphs';
  const window = `${b.from.slice(0, 10)} to ${b.to.slice(0, 10)}`;
  if (arming.disarmedArticles === 0) {
    return `detector armed for every ${unit.observed.replace('(s)', '')}: baseline ${window} held ${held} ${unit.held}, ${arming.needs} needed\n`;
  }
  const all = arming.disarmedArticles === arming.articles;
  return (
    `detector not armed for ${arming.disarmedArticles} of ${arming.articles} ${unit.observed}` +
    `${all ? '' : ` (until ${b.at})`}: the baseline (${window}) held ${held} of the ${arming.needs} ${unit.held} it needs` +
    `${all ? `; nothing could fire (store more history before --since, or lower detector.${setting})` : ''}\n`
  );
}
