import type { CompiledMonitor } from '../monitors';
import { splitSentences, type Sentence } from '../sentences';
import type { Tokens } from '../tokens';
import { clauseStart } from './clauses';
import { SpeakerHistory } from './coreference';
import { findHits } from './hits';
import { LearnedNames } from './learned-names';
import {
  MAX_ATTRIBUTION_SENTENCE_CHARS,
  MAX_HITS_PER_SENTENCE,
  MAX_MENTION_REFRESHES,
} from './limits';
import { findMentions } from './mentions';
import { quoteSpans } from './quotes';
import { resolveSpeaker } from './speakers';
import { firstAtOrAfter, firstStartingAt, inSpans } from './spans';
import {
  markerSpeaker,
  SKIP_RULES,
  SPEAKER_STRATEGIES,
  type Found,
  type VerbSite,
} from './strategies';
import type { Attribution, Hit, Mention, ParagraphAttribution, Resolved } from './types';

/** Positions of the straight quote marks of a text, in order. */
function quoteMarks(text: string): number[] {
  const marks: number[] = [];
  for (let i = text.indexOf('"'); i >= 0; i = text.indexOf('"', i + 1)) marks.push(i);
  return marks;
}

/** The hits that start inside a sentence (hits sorted by start). */
function* hitsIn(hits: Hit[], sentence: Sentence): Generator<Hit> {
  for (let k = firstStartingAt(hits, sentence.start); k < hits.length; k++) {
    if (hits[k].start >= sentence.end) return;
    yield hits[k];
  }
}

/**
 * Attribution state of one article: the speakers heard and the names learned so far. Paragraphs
 * are analysed in order; each sentence's reporting verbs go through the skip rules and then the
 * speaker strategies (strategies.ts), its source markers through `markerSpeaker`.
 */
export class AttributionContext {
  readonly history = new SpeakerHistory();
  /** names learned from side-bearing speaker phrases */
  private readonly learned = new LearnedNames();

  constructor(readonly monitor: CompiledMonitor) {}

  analyze(text: string, t: Tokens, bodyStart: number): ParagraphAttribution {
    const quotes = quoteSpans(text);
    const mentions: Mention[] = findMentions(text, t, quotes, this.learned);
    let refreshes = 0;
    const refreshMentions = (): void => {
      if (refreshes++ >= MAX_MENTION_REFRESHES) return;
      const again = findMentions(text, t, quotes, this.learned);
      // Copied one by one: spreading a list of 100,000 mentions into push() overflows the stack.
      mentions.length = again.length;
      for (let k = 0; k < again.length; k++) mentions[k] = again[k];
    };
    if (this.learned.learnMentionedPeople(text, mentions)) refreshMentions();
    const hits = findHits(t);
    // Sentences matter only around attributions; most narration paragraphs have none.
    const sentences =
      hits.verbs.length + hits.markers.length > 0
        ? splitSentences(text).filter((s) => s.end > bodyStart)
        : [];
    const marks = quoteMarks(text);
    const hasQuoteMark = (from: number, to: number): boolean => {
      const k = firstAtOrAfter(marks, from);
      return k < marks.length && marks[k] < to;
    };
    const scope = { sideIds: this.monitor.sideIds, history: this.history };
    const resolve = (start: number, end: number): Resolved | null =>
      resolveSpeaker(text, start, end, mentions, scope);
    const attributions: Attribution[] = [];

    sentences.forEach((sentence, si) => {
      if (sentence.end - sentence.start > MAX_ATTRIBUTION_SENTENCE_CHARS) return;
      const found: Attribution[] = [];
      const add = ({ r, evidenceStart, evidenceEnd, how }: Found): void => {
        found.push({
          speaker: r.speaker,
          sides: r.sides,
          speakerSpan: r.span,
          evidence: {
            start: Math.min(evidenceStart, r.span.start),
            end: Math.max(evidenceEnd, r.span.end),
          },
          sentence: si,
          reason: `${how}; ${r.reason}`,
        });
        this.history.remember(r);
        // A name learned here also counts in the rest of this paragraph.
        if (this.learned.learnFromSpeaker(text, r, mentions)) refreshMentions();
      };

      let verbsRead = 0;
      for (const hit of hitsIn(hits.verbs, sentence)) {
        if (!inSpans(hit.start, quotes) && ++verbsRead > MAX_HITS_PER_SENTENCE) break;
        let cs: number | undefined;
        const site: VerbSite = {
          text,
          sentence,
          hit,
          get clauseStart() {
            return (cs ??= clauseStart(text, sentence.start, hit.start));
          },
          quotes,
          hasQuoteMark,
          found,
          sideCount: this.monitor.sideIds.length,
          resolve,
        };
        if (SKIP_RULES.some((rule) => rule.applies(site))) continue;
        for (const strategy of SPEAKER_STRATEGIES) {
          const f = strategy.find(site);
          if (f) {
            add(f);
            break;
          }
        }
      }

      let markersRead = 0;
      for (const marker of hitsIn(hits.markers, sentence)) {
        if (inSpans(marker.start, quotes)) continue;
        if (++markersRead > MAX_HITS_PER_SENTENCE) break;
        const f = markerSpeaker(text, sentence, marker, resolve);
        if (f) add(f);
      }
      attributions.push(...found);
    });
    return { sentences, quotes, mentions, attributions };
  }
}
