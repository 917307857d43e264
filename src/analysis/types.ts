import type { ToneParams } from './tone';
/**
 * The analysis core's public data shapes. Everything outside src/analysis (CLI, worker,
 * dashboard, benchmarks) depends only on these and on the functions exported from index.ts.
 *
 * Offsets: a paragraph's start/end are character offsets in the original article text;
 * evidence, tone-term and frame offsets are relative to the paragraph's own text.
 */

/** `neutral`: narration in the journalist's own voice; `mixed`: statements from two or more sides. */
export type SideLabel = string;
export const MIXED = 'mixed';
export const NEUTRAL = 'neutral';

export interface Span {
  start: number;
  end: number;
}

export type ToneLabel = 'positive' | 'negative' | 'neutral';

export interface ToneTerm {
  /** word or phrase as it appears in the text */
  term: string;
  /** contribution to the raw score after negation, intensifiers and contrast */
  weight: number;
  /** lexicon the base weight came from, e.g. `afinn`, `diplomatic` */
  source: string;
  negated: boolean;
  start: number;
  end: number;
}

export interface Tone {
  /** calibrated tone in [-1, 1]: `score` squashed; every aggregate uses this figure */
  value: number;
  /** sum of the weights of `terms`: the evidence, after negation, contrast and hedging */
  score: number;
  /** `score` per word of the paragraph */
  comparative: number;
  /** negative or positive when `value` falls outside the neutral band, else neutral */
  label: ToneLabel;
  /** every contribution to `score`, phrases included */
  terms: ToneTerm[];
  /** `sentiment`'s own AFINN-165 figures for the same text, for reference; no rule uses them */
  afinn: { score: number; comparative: number };
}

export interface FrameHit {
  /** frame id from the framing lexicon, e.g. `serious-difficulties` */
  frame: string;
  /** the text as matched */
  phrase: string;
  /** side of whoever says it (the paragraph's speaker side, or the side of the quote it sits in) */
  side: SideLabel;
  negated: boolean;
  start: number;
  end: number;
}

export interface ParagraphAnalysis {
  index: number;
  text: string;
  /** offsets of the paragraph in the original text */
  start: number;
  end: number;
  side: SideLabel;
  /** phrase naming who speaks, e.g. "a senior administration official"; null for narration */
  speaker: string | null;
  /** where the attribution is, relative to the paragraph text */
  evidence: Span | null;
  /** short human-readable reason for the side, e.g. "speech verb 'said' after 'the official'" */
  sideReason: string;
  /** side ids the paragraph talks about */
  targets: string[];
  tone: Tone;
  frames: FrameHit[];
}

export interface SideSummary {
  paragraphs: number;
  meanTone: number;
  frames: number;
}

export interface ArticleAnalysis {
  monitor: string;
  analysisVersion: string;
  paragraphs: ParagraphAnalysis[];
  summary: { paragraphs: number; bySide: Record<SideLabel, SideSummary> };
}

export interface AnalyzeOptions {
  /** monitor id; defaults to `us-china` */
  monitor?: string;
  /** outlet or source name of the article (e.g. "Xinhua"); a configured outlet lends its side to unattributed paragraphs */
  source?: string;
  /** tone parameters to use instead of the shipped ones (calibration and benchmarks) */
  toneParams?: Partial<ToneParams>;
}
