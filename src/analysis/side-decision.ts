import type { Attribution, ParagraphAttribution } from './attribution';
import type { CompiledMonitor } from './monitors';
import { MIXED, NEUTRAL, type Span } from './types';

/** Whose voice a paragraph carries, who speaks, where it says so and which rule decided. */
export interface Voice {
  side: string;
  speaker: string | null;
  evidence: Span | null;
  sideReason: string;
}

/** The voice of the paragraph before, as the next one may continue it. */
export interface PreviousVoice {
  side: string;
  speaker: string | null;
  /** a quotation was left open at its end, as news copy does for quotes over several paragraphs */
  openQuote: boolean;
}

/** An outlet or institution of a side that the article comes from. */
export interface SourceVoice {
  side: string;
  name: string;
}

export interface SideEvidence {
  monitor: CompiledMonitor;
  attribution: ParagraphAttribution;
  /** attributions whose speaker belongs to a side */
  sided: Attribution[];
  /** their sides, in the monitor's order */
  sides: string[];
  /** the paragraph after its dateline */
  body: string;
  previous: PreviousVoice | null;
  source: SourceVoice | null;
}

interface SideRule {
  name: string;
  decide(e: SideEvidence): Voice | null;
}

/**
 * The rules in the order they are tried (docs/analysis.md, "Paragraph side"); the first that
 * decides gives the paragraph's voice.
 */
const SIDE_RULES: SideRule[] = [
  {
    // One side among the paragraph's attributed statements gives that side; two or more, mixed.
    name: 'attributed statements',
    decide: ({ sided, sides }) => {
      if (sides.length === 0) return null;
      const side = sides.length === 1 ? sides[0] : MIXED;
      const speaker =
        side === MIXED ? [...new Set(sided.map((a) => a.speaker))].join('; ') : sided[0].speaker;
      return {
        side,
        speaker,
        evidence: sided[0].evidence,
        sideReason: sided.map((a) => a.reason).join(' | '),
      };
    },
  },
  {
    // An unattributed quotation goes on in the previous speaker's voice.
    name: 'quotation continued',
    decide: ({ previous, body, attribution }) => {
      if (!previous || previous.side === NEUTRAL || attribution.attributions.length > 0) return null;
      if (!body.startsWith('"') && !previous.openQuote) return null;
      return {
        side: previous.side,
        speaker: previous.speaker,
        evidence: null,
        sideReason: `unattributed quote continues the previous speaker '${previous.speaker ?? previous.side}'`,
      };
    },
  },
  {
    // A third-party speaker: neutral, with the speaker kept.
    name: 'speaker of no side',
    decide: ({ attribution, monitor }) => {
      const first = attribution.attributions[0];
      if (!first) return null;
      return {
        side: NEUTRAL,
        speaker: first.speaker,
        evidence: first.evidence,
        sideReason: `speaker '${first.speaker}' belongs to no side of ${monitor.definition.id} (${first.reason})`,
      };
    },
  },
  {
    // No attribution at all in an article from a side's outlet: the outlet speaks.
    name: "the article's source",
    decide: ({ source }) =>
      source && {
        side: source.side,
        speaker: source.name,
        evidence: null,
        sideReason: `no attribution; the article's source '${source.name}' speaks for ${source.side}`,
      },
  },
];

const NARRATION: Voice = {
  side: NEUTRAL,
  speaker: null,
  evidence: null,
  sideReason: 'narration: no attributed statement',
};

export function decideSide(evidence: SideEvidence): Voice {
  for (const rule of SIDE_RULES) {
    const voice = rule.decide(evidence);
    if (voice) return voice;
  }
  return NARRATION;
}
