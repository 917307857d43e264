import { type Channel } from './settings';

export interface EvidenceParagraph {
  paragraphId: string;
  articleId: string;
  source: string | null;
  occurredAt: string;
  snippet: string;
  toneValue: number;
  /** how strongly the paragraph points in the channel's direction (standardised tone, or log-likelihood ratio) */
  weight: number;
}

/** An event that pushed an asymmetry rule's statistic up (or down): the alert's evidence. */
export interface EvidenceEvent {
  eventId: string;
  title: string;
  startedAt: string;
  endedAt: string;
  score: number;
  toneGap: number | null;
  sides: string[];
  articles: number;
  outlets: number;
  /** the score in baseline SDs from the usual gap, in the channel's direction */
  weight: number;
}

export type Phase = 'idle' | 'pending' | 'firing';

/** One direction of a rule's detector. Plain JSON, persisted between evaluations. */
export interface ChannelState {
  channel: Channel;
  statistic: number;
  /** occurred time of the observation after which the statistic last left zero */
  onsetAt: string | null;
  /** since onset, every observation, for the "current" figure: articles, sum of their mean tones, paragraphs, flagged paragraphs */
  observedArticles: number;
  observedMeanSum: number;
  observedParagraphs: number;
  observedFlagged: number;
  /** since onset: the articles that pushed the statistic up, and their outlets (capped lists) */
  contributingArticles: string[];
  contributingOutlets: string[];
  contributingParagraphs: number;
  /** the paragraphs that pushed hardest since onset, strongest first */
  evidence: EvidenceParagraph[];
  /** asymmetry: the events that pushed hardest since onset, strongest first (absent in states stored before events were watched) */
  events?: EvidenceEvent[];
  phase: Phase;
  pendingSince: string | null;
  firingSince: string | null;
  /** while firing: since when the statistic has been under the resolve level */
  quietSince: string | null;
  cooldownUntil: string | null;
}

export const MAX_EVIDENCE = 10;
// Enough to decide any minimum-evidence rule; lists stay small in the persisted state.
const MAX_DISTINCT = 50;

export function newChannelState(channel: Channel): ChannelState {
  return {
    channel,
    statistic: 0,
    onsetAt: null,
    observedArticles: 0,
    observedMeanSum: 0,
    observedParagraphs: 0,
    observedFlagged: 0,
    contributingArticles: [],
    contributingOutlets: [],
    contributingParagraphs: 0,
    evidence: [],
    events: [],
    phase: 'idle',
    pendingSince: null,
    firingSince: null,
    quietSince: null,
    cooldownUntil: null,
  };
}

export function clearOnset(state: ChannelState): void {
  state.onsetAt = null;
  state.observedArticles = 0;
  state.observedMeanSum = 0;
  state.observedParagraphs = 0;
  state.observedFlagged = 0;
  state.contributingArticles = [];
  state.contributingOutlets = [];
  state.contributingParagraphs = 0;
  state.evidence = [];
  state.events = [];
}

export function addDistinct(list: string[], value: string | null): void {
  if (value !== null && !list.includes(value) && list.length < MAX_DISTINCT) list.push(value);
}

export function mergeEvidence(state: ChannelState, candidates: EvidenceParagraph[]): void {
  state.evidence = [...state.evidence, ...candidates]
    .sort((a, b) => b.weight - a.weight || b.occurredAt.localeCompare(a.occurredAt))
    .slice(0, MAX_EVIDENCE);
}

export function mergeEvidenceEvents(state: ChannelState, candidates: EvidenceEvent[]): void {
  state.events = [...(state.events ?? []), ...candidates]
    .sort((a, b) => b.weight - a.weight || b.endedAt.localeCompare(a.endedAt))
    .slice(0, MAX_EVIDENCE);
}
