import type { Sentence } from '../sentences';
import type { Span } from '../types';

/** An actor name found in a paragraph. */
export interface Mention extends Span {
  side: string;
  kind: string;
  inQuote: boolean;
  /** for a name learned earlier in the article: the speaker phrase that introduced it */
  learned?: string;
}

/** One attributed statement: who speaks, for which side(s), and where the attribution is. */
export interface Attribution {
  speaker: string;
  /** empty for speakers outside the monitor (analysts, other governments) */
  sides: string[];
  /** speaker phrase offsets */
  speakerSpan: Span;
  /** whole attribution (speaker and verb or marker) */
  evidence: Span;
  sentence: number;
  reason: string;
}

export interface ParagraphAttribution {
  sentences: Sentence[];
  quotes: Span[];
  mentions: Mention[];
  attributions: Attribution[];
}

/** Who a speaker phrase names, before it becomes an attribution. */
export interface Resolved {
  sides: string[];
  speaker: string;
  span: Span;
  reason: string;
  /** coreference heads of the phrase ("official", "ministry") */
  heads: Set<string>;
}

/** A reporting verb ("said", ", saying") or a source marker ("according to") found on tokens. */
export interface Hit extends Span {
  word: string;
  passive: boolean;
}
