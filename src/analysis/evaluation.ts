import { analyzeArticle } from './analyze';
import { DEFAULT_MONITOR } from './monitors';
import { splitParagraphs } from './paragraphs';
import type { ToneParams } from './tone';
import type { ParagraphAnalysis, ToneLabel } from './types';

/** One paragraph as a reader labelled it: `side` is a monitor side, `mixed` or `neutral`. */
export interface LabelledParagraph {
  text: string;
  side: string;
  /** -1 hostile or critical, 0 factual or balanced, +1 conciliatory or hopeful */
  tone?: number;
  /** a careful reader could defend another side: left out of side accuracy */
  doubtful?: boolean;
  why?: string;
}

export interface LabelledArticle {
  id: string;
  monitor?: string;
  source?: string;
  paragraphs: LabelledParagraph[];
}

export interface SideMiss {
  article: string;
  index: number;
  expected: string;
  got: string;
  speaker: string | null;
  reason: string;
  why: string | null;
  text: string;
}

export interface Accuracy {
  correct: number;
  total: number;
}

export interface ToneAgreement {
  paragraphs: number;
  /** Pearson r of the calibrated `value` against the labels */
  r: number;
  /** share of paragraphs whose `label` matches the labelled class */
  accuracy: number;
  /** confusion[expected][got] over negative / neutral / positive */
  confusion: Record<ToneLabel, Record<ToneLabel, number>>;
}

export interface EvaluationReport {
  side: Accuracy;
  doubtfulLeftOut: number;
  /** confusion[expected][got] of sides, doubtful paragraphs left out */
  sideConfusion: Record<string, Record<string, number>>;
  byMonitor: Record<string, Accuracy>;
  byArticle: { id: string; monitor: string; side: Accuracy }[];
  tone: ToneAgreement | null;
  misses: SideMiss[];
}

export class EvaluationInputError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'EvaluationInputError';
  }
}

const TONE_CLASSES: ToneLabel[] = ['negative', 'neutral', 'positive'];

export function toneClass(label: number): ToneLabel {
  return label < 0 ? 'negative' : label > 0 ? 'positive' : 'neutral';
}

export function pearson(x: readonly number[], y: readonly number[]): number {
  const n = x.length;
  if (n === 0) return 0;
  const mx = x.reduce((a, b) => a + b, 0) / n;
  const my = y.reduce((a, b) => a + b, 0) / n;
  let sxy = 0;
  let sxx = 0;
  let syy = 0;
  for (let i = 0; i < n; i++) {
    sxy += (x[i] - mx) * (y[i] - my);
    sxx += (x[i] - mx) ** 2;
    syy += (y[i] - my) ** 2;
  }
  return sxx === 0 || syy === 0 ? 0 : sxy / Math.sqrt(sxx * syy);
}

/**
 * Analyses each article as one text (paragraphs joined by blank lines, so coreference across
 * paragraphs works as in production) and compares every paragraph with its label.
 */
export function analyseLabelled(
  article: LabelledArticle,
  options: EvaluationOptions = {},
): ParagraphAnalysis[] {
  const text = article.paragraphs.map((p) => p.text.trim()).join('\n\n');
  const count = splitParagraphs(text).length;
  if (count !== article.paragraphs.length) {
    throw new EvaluationInputError(
      `article ${article.id}: ${article.paragraphs.length} labelled paragraphs split into ${count}; a paragraph text must not be empty or contain a blank line`,
    );
  }
  return analyzeArticle(text, {
    monitor: article.monitor,
    source: article.source,
    toneParams: options.toneParams,
  }).paragraphs;
}

function bump(table: Record<string, Record<string, number>>, row: string, column: string): void {
  table[row] ??= {};
  table[row][column] = (table[row][column] ?? 0) + 1;
}

export interface EvaluationOptions {
  toneParams?: Partial<ToneParams>;
}

export function evaluate(
  articles: readonly LabelledArticle[],
  options: EvaluationOptions = {},
): EvaluationReport {
  const report: EvaluationReport = {
    side: { correct: 0, total: 0 },
    doubtfulLeftOut: 0,
    sideConfusion: {},
    byMonitor: {},
    byArticle: [],
    tone: null,
    misses: [],
  };
  const toneValues: number[] = [];
  const toneLabels: number[] = [];
  const toneConfusion = Object.fromEntries(
    TONE_CLASSES.map((e) => [e, Object.fromEntries(TONE_CLASSES.map((g) => [g, 0]))]),
  ) as ToneAgreement['confusion'];
  let toneCorrect = 0;

  for (const article of articles) {
    const analysed = analyseLabelled(article, options);
    const monitor = article.monitor ?? DEFAULT_MONITOR;
    const perMonitor = (report.byMonitor[monitor] ??= { correct: 0, total: 0 });
    const perArticle: Accuracy = { correct: 0, total: 0 };
    article.paragraphs.forEach((label, i) => {
      const got = analysed[i];
      if (typeof label.tone === 'number') {
        toneValues.push(got.tone.value);
        toneLabels.push(label.tone);
        const expected = toneClass(label.tone);
        toneConfusion[expected][got.tone.label]++;
        if (expected === got.tone.label) toneCorrect++;
      }
      if (label.doubtful) {
        report.doubtfulLeftOut++;
        return;
      }
      const hit = got.side === label.side;
      for (const acc of [report.side, perMonitor, perArticle]) {
        acc.total++;
        if (hit) acc.correct++;
      }
      bump(report.sideConfusion, label.side, got.side);
      if (!hit) {
        report.misses.push({
          article: article.id,
          index: i,
          expected: label.side,
          got: got.side,
          speaker: got.speaker,
          reason: got.sideReason,
          why: label.why ?? null,
          text: label.text,
        });
      }
    });
    report.byArticle.push({ id: article.id, monitor, side: perArticle });
  }
  if (toneValues.length > 0) {
    report.tone = {
      paragraphs: toneValues.length,
      r: pearson(toneValues, toneLabels),
      accuracy: toneCorrect / toneValues.length,
      confusion: toneConfusion,
    };
  }
  return report;
}

/** Checks one parsed JSON Lines record and names the first field that is wrong. */
export function parseLabelledArticle(value: unknown, where: string): LabelledArticle {
  const fail = (what: string): never => {
    throw new EvaluationInputError(`${where}: ${what}`);
  };
  if (typeof value !== 'object' || value === null || Array.isArray(value))
    fail('expected a JSON object');
  const record = value as Record<string, unknown>;
  const rawId = record.id ?? where;
  let id = '';
  if (typeof rawId === 'string') id = rawId;
  else if (typeof rawId === 'number') id = rawId.toString();
  else fail('"id" must be a string');
  for (const key of ['monitor', 'source'] as const) {
    if (record[key] !== undefined && typeof record[key] !== 'string')
      fail(`"${key}" must be a string`);
  }
  if (!Array.isArray(record.paragraphs) || record.paragraphs.length === 0)
    fail('"paragraphs" must be a non-empty array');
  const paragraphs = (record.paragraphs as unknown[]).map((p, i): LabelledParagraph => {
    const at = `paragraphs[${i}]`;
    if (typeof p !== 'object' || p === null) fail(`${at} must be an object`);
    const para = p as Record<string, unknown>;
    if (typeof para.text !== 'string' || para.text.trim() === '')
      fail(`${at}.text must be a non-empty string`);
    if (typeof para.side !== 'string') fail(`${at}.side must be a string`);
    if (para.tone !== undefined && ![-1, 0, 1].includes(para.tone as number))
      fail(`${at}.tone must be -1, 0 or 1`);
    if (para.doubtful !== undefined && typeof para.doubtful !== 'boolean')
      fail(`${at}.doubtful must be true or false`);
    return {
      text: para.text as string,
      side: para.side as string,
      tone: para.tone as number | undefined,
      doubtful: para.doubtful as boolean | undefined,
      why: typeof para.why === 'string' ? para.why : undefined,
    };
  });
  return {
    id,
    monitor: record.monitor as string | undefined,
    source: record.source as string | undefined,
    paragraphs,
  };
}
