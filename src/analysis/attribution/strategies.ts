import type { Sentence } from '../sentences';
import type { Span } from '../types';
import { clauseStart, followsThat, phraseAfter, phraseAfterComma } from './clauses';
import {
  APPOSITIVE_START,
  CLAUSE_STARTERS,
  DEFINITE_START,
  INDEFINITE_START,
  INVERTED_SPEAKER_START,
  INVERTED_STOP,
  INVERTING_VERBS,
  NEGATIONS,
  PREPOSITIONAL_OPENERS,
  SUBORDINATORS,
} from './lexicon';
import { inSpans } from './spans';
import type { Attribution, Hit, Resolved } from './types';
import { firstWords, nextWord, opensWith } from './words';

/** One reporting verb in one sentence, with what the rules may read around it. */
export interface VerbSite {
  text: string;
  sentence: Sentence;
  hit: Hit;
  /** start of the clause that ends at the verb (computed on first use) */
  readonly clauseStart: number;
  quotes: Span[];
  /** whether a straight quote mark lies in [from, to) */
  hasQuoteMark(from: number, to: number): boolean;
  /** statements already found in this sentence */
  found: readonly Attribution[];
  /** number of sides of the monitor */
  sideCount: number;
  resolve(start: number, end: number): Resolved | null;
}

/** A speaker found for a verb: who, where the evidence runs, and how it was found. */
export interface Found {
  r: Resolved;
  evidenceStart: number;
  evidenceEnd: number;
  how: string;
}

/** A rule under which a verb reports no statement of its own; the first that holds skips the verb. */
export interface SkipRule {
  name: string;
  applies(v: VerbSite): boolean;
}

/** A way of finding the verb's speaker; strategies are tried in order, the first found wins. */
export interface SpeakerStrategy {
  name: string;
  find(v: VerbSite): Found | null;
}

export const SKIP_RULES: readonly SkipRule[] = [
  {
    // "are expected", "was told"; or a verb quoted inside the statement itself.
    name: 'passive or quoted',
    applies: (v) => v.hit.passive || inSpans(v.hit.start, v.quotes),
  },
  {
    // "has not explained", "did not say": no statement is reported.
    name: 'negated',
    applies: (v) =>
      firstWords(v.text, Math.max(v.sentence.start, v.hit.start - 12), v.hit.start, Infinity).some(
        (w) => NEGATIONS.has(w.lower),
      ),
  },
  {
    // ", calling it …" after "the minister said that the army fired …": the participle
    // continues the sentence's speaker, not the subject of the reported clause.
    name: 'participle continues the speaker',
    applies: (v) => v.found.length > 0 && v.hit.word.endsWith('ing'),
  },
  {
    // "The minister said that both sides had confirmed": speech reported inside another
    // speaker's statement belongs to that speaker.
    name: 'reported inside a statement',
    applies: (v) => v.found.length > 0 && followsThat(v.text, v.sentence.start, v.clauseStart),
  },
  {
    // "When Ottawa raised duties, …": background, not the sentence's speaker.
    name: 'subordinate clause',
    applies: (v) => opensWith(v.text, v.clauseStart, v.hit.start, SUBORDINATORS),
  },
];

/** "The ministry said …", "Zhang Xiaogang, …, told reporters": the clause before the verb. */
const subjectBeforeVerb: SpeakerStrategy = {
  name: 'subject before the verb',
  find(v) {
    const r = v.resolve(v.clauseStart, v.hit.start);
    if (!r) return null;
    return {
      r,
      evidenceStart: r.span.start,
      evidenceEnd: v.hit.end,
      how: `'${v.hit.word}' after '${r.speaker}'`,
    };
  },
};

/** The last non-blank character before `pos` and at or after `from`, or -1. */
function lastNonBlank(text: string, from: number, pos: number): number {
  let i = pos - 1;
  while (i >= from && /\s/.test(text[i])) i--;
  return i;
}

/**
 * Inverted attribution after a quotation ("…," said the official / "…" Xi said) or after an
 * agency paraphrase without quotation marks ("The visit went well, said Tan Wei, a senior
 * official"). The speaker must end the sentence or open an appositive, and a participle
 * (", quoting …") is a tail, not an inversion. An appositive may give a side-less name its side
 * ("…," said Zhang Xiaogang, a spokesman for the Chinese Defense Ministry).
 */
const speakerAfterVerb: SpeakerStrategy = {
  name: 'speaker after the verb',
  find(v) {
    const { text, sentence, hit } = v;
    const cs = v.clauseStart;
    // A coordinated verb ("did not provide a list, but said") takes the earlier subject.
    if (opensWith(text, cs, hit.start, CLAUSE_STARTERS)) return null;
    const lastBefore = lastNonBlank(text, sentence.start, cs);
    const beforeEnd = lastBefore >= sentence.start ? text[lastBefore] : '';
    if (!INVERTING_VERBS.has(hit.word)) return null;
    const quoted =
      beforeEnd === '"' || (beforeEnd === ',' && v.hasQuoteMark(sentence.start, lastBefore));
    const paraphrase =
      !quoted &&
      beforeEnd === ',' &&
      firstWords(text, sentence.start, cs, 6).length >= 6;
    if (!quoted && !paraphrase) return null;
    const after = phraseAfter(text, hit.end, sentence.end);
    const closer = text.slice(after.end, after.end + 12);
    const closes = paraphrase ? /^\s*(?:$|[,.;])/ : /^\s*(?:$|[,.;:"]|[a-z]+\b)/;
    if (
      after.end <= hit.end ||
      !INVERTED_SPEAKER_START.test(text.slice(after.start, after.end)) ||
      !closes.test(closer)
    )
      return null;
    const following = /^\s*([a-z]+)/.exec(closer)?.[1];
    if (following && !INVERTED_STOP.has(following)) return null;
    let r = v.resolve(after.start, after.end);
    // "…, said Washington did not seek conflict": the words after the verb are its object
    // clause, not an inverted speaker, unless they are all speaker phrase.
    if (paraphrase && r && nextWord(text, r.span.end, after.end)) r = null;
    if (r && r.sides.length === 0) {
      const tail = text.slice(after.end, after.end + 8);
      if (APPOSITIVE_START.test(tail)) {
        const from = after.end + tail.indexOf(',') + 1;
        const appos = phraseAfterComma(text, from, sentence.end);
        const a = v.resolve(appos.start, appos.end);
        if (a && a.sides.length < v.sideCount)
          r = {
            ...r,
            sides: a.sides,
            reason: `appositive '${a.speaker}'; ${a.reason}`,
            heads: new Set([...r.heads, ...a.heads]),
          };
      }
    }
    if (!r) return null;
    return {
      r,
      evidenceStart: hit.start,
      evidenceEnd: r.span.end,
      how: `'${hit.word}' before '${r.speaker}'`,
    };
  },
};

/**
 * Whether the clause right before a verb reads as an appositive of the name before it: "The
 * Daily Herald, a tabloid run by the party, claimed" (an indefinite article, any clause back),
 * "Xinhua, the Chinese state news agency, reported" or "Xinhua, China's state news agency,
 * said" (a definite article or a possessive, right before the verb).
 */
function isAppositive(speaker: string, hop: number): boolean {
  return INDEFINITE_START.test(speaker) || (hop === 0 && definiteOpening(speaker));
}

/** "the Chinese state news agency", "China's state news agency". */
function definiteOpening(phrase: string): boolean {
  return DEFINITE_START.test(phrase) || POSSESSIVE_START.test(phrase);
}

const POSSESSIVE_START = /^[A-Z][A-Za-z.-]*['’]s\s/;

/**
 * A definite appositive follows a short name and a comma ("Xinhua, the …", "Radio Harbour,
 * the …"), not any phrase, nor a dateline before a dash.
 */
function namesBefore(appositive: string, named: Resolved, separator: string): boolean {
  if (INDEFINITE_START.test(appositive)) return true;
  if (separator !== ',') return false;
  const words = named.speaker.split(' ');
  return words.length <= 4 && words.every((w) => /^[A-Z]/.test(w));
}

/**
 * "The overall goal, the official said, was …", "Wang, a spokesman, said": up to three clauses
 * back, the first that names a side is the subject; interruptions opening with a subordinator
 * or a preposition are skipped. "The Daily Herald, a tabloid run by the party, claimed": the
 * appositive gives the side, the name before it is the speaker.
 */
const subjectOfEarlierClause: SpeakerStrategy = {
  name: 'subject of an earlier clause',
  find(v) {
    const { text, sentence, hit, quotes } = v;
    let end = v.clauseStart - 1;
    for (let hop = 0; hop < 3 && end > sentence.start; hop++) {
      const s = clauseStart(text, sentence.start, end);
      if (
        !inSpans(s, quotes) &&
        !opensWith(text, s, end, SUBORDINATORS) &&
        !opensWith(text, s, end, PREPOSITIONAL_OPENERS)
      ) {
        let r = v.resolve(s, end);
        if (r && r.sides.length > 0) {
          if (isAppositive(r.speaker, hop) && s - 1 > sentence.start) {
            const named = v.resolve(clauseStart(text, sentence.start, s - 1), s - 1);
            if (
              named &&
              !inSpans(named.span.start, quotes) &&
              namesBefore(r.speaker, named, text[s - 1])
            )
              r = { ...named, sides: named.sides.length > 0 ? named.sides : r.sides };
          }
          return {
            r,
            evidenceStart: r.span.start,
            evidenceEnd: hit.end,
            how: `'${hit.word}' with subject '${r.speaker}'`,
          };
        }
      }
      end = s - 1;
    }
    return null;
  },
};

export const SPEAKER_STRATEGIES: readonly SpeakerStrategy[] = [
  subjectBeforeVerb,
  speakerAfterVerb,
  subjectOfEarlierClause,
];

/** "according to X", "provided by X": the noun phrase after the marker. */
export function markerSpeaker(
  text: string,
  sentence: Sentence,
  marker: Hit,
  resolve: (start: number, end: number) => Resolved | null,
): Found | null {
  const after = phraseAfter(text, marker.end, sentence.end);
  const r = resolve(after.start, after.end);
  if (!r) return null;
  return {
    r,
    evidenceStart: marker.start,
    evidenceEnd: r.span.end,
    how: `'${marker.word}' '${r.speaker}'`,
  };
}
