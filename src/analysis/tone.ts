import afinn from 'sentiment/languages/en/labels.json';
import diplomatic from './data/lexicon/diplomatic.json';
import events from './data/lexicon/events.json';
import news from './data/lexicon/news.json';
import phrases from './data/lexicon/phrases.json';
import modifiers from './data/lexicon/modifiers.json';
import params from './data/tone-params.json';
import {
  F_BOOSTER,
  F_CONTRAST,
  F_DOWNTONER,
  F_HARMER,
  F_MITIGATOR,
  F_NEGATOR,
  F_NOT_NEGATING,
  F_STOPPER,
  NONE,
  SENTENCE,
  type Tokens,
} from './tokens';
import type { Span, Tone, ToneLabel, ToneTerm } from './types';

export interface ToneParams {
  alpha: number;
  negationOfPositive: number;
  negationOfNegative: number;
  negationWindow: number;
  booster: number;
  downtoner: number;
  contrastBefore: number;
  contrastAfter: number;
  /** scale of words that name events rather than judge them (events.json), in attributed statements */
  eventFactor: number;
  /** the same in the reporter's own narration */
  narratedEventFactor: number;
  /** scale of hopeful terms in a sentence that states a condition ("relations will improve once …") */
  conditionalFactor: number;
  /** half-width of the neutral band of `value` in attributed statements */
  labelThreshold: number;
  /** half-width of the neutral band in the reporter's own narration, which reports more than it judges */
  narratedLabelThreshold: number;
}

export const TONE_PARAMS: Readonly<ToneParams> = params;

export type LexiconSource = 'afinn' | 'news' | 'diplomatic';

export interface LexiconEntry {
  weight: number;
  source: LexiconSource;
  /** names an event rather than judging it: scaled by `eventFactor` */
  event: boolean;
  /** weight when negated, for entries whose negation means something of its own */
  negatedWeight?: number;
}

interface DiplomaticEntry {
  weight: number;
  negatedWeight?: number;
  terms?: string[];
  phrase?: string;
}

const EVENT_WORDS = new Set(events.groups.flatMap((group) => group.terms));
const DEMAND_VERBS = new Set(diplomatic.demands.verbs);
const UNDO_VERBS = new Set(diplomatic.demands.undo);
const DEMAND_MODALS = new Set(diplomatic.demands.modals);

/**
 * "urged Washington to withdraw …": an undo verb after "to", a demand verb shortly before; or
 * an undo verb after a modal of obligation ("must stop its provocations").
 */
function isDemandToUndo(t: Tokens, i: number, sentenceStart: number): boolean {
  if (!UNDO_VERBS.has(t.lower[i]) || i === sentenceStart) return false;
  if (DEMAND_MODALS.has(t.lower[i - 1])) return true;
  if (t.lower[i - 1] !== 'to') return false;
  const from = Math.max(sentenceStart, i - 1 - diplomatic.demands.window);
  for (let j = i - 2; j >= from; j--) if (DEMAND_VERBS.has(t.lower[j])) return true;
  return false;
}

export const LEXICON = new Map<string, LexiconEntry>();
function addWord(term: string, weight: number, source: LexiconSource, negatedWeight?: number) {
  LEXICON.set(term, { weight, source, event: EVENT_WORDS.has(term), negatedWeight });
}
for (const [word, weight] of Object.entries(afinn as Record<string, number>)) {
  if (!word.includes(' ')) addWord(word, weight, 'afinn');
}
for (const entry of news.entries) {
  for (const term of entry.terms) addWord(term, entry.weight, 'news');
}

export interface Phrase {
  slots: Set<string>[];
  weight: number;
  /** 'phrase' (phrases.json) or 'diplomatic' (diplomatic.json) */
  source: string;
  negatedWeight?: number;
}
export const PHRASES = new Map<string, Phrase[]>();
function addPhrase(text: string, phrase: Omit<Phrase, 'slots'>) {
  const slots = text.split(' ').map((slot) => new Set(slot.split('|')));
  for (const first of slots[0]) {
    const list = PHRASES.get(first) ?? [];
    list.push({ slots, ...phrase });
    // Longer phrases first so "serious difficulties" wins over a shorter overlap.
    list.sort((a, b) => b.slots.length - a.slots.length);
    PHRASES.set(first, list);
  }
}
for (const entry of phrases.entries) addPhrase(entry.phrase, { weight: entry.weight, source: 'phrase' });
for (const entry of diplomatic.entries as DiplomaticEntry[]) {
  const { weight, negatedWeight } = entry;
  if (entry.phrase) addPhrase(entry.phrase, { weight, source: 'diplomatic', negatedWeight });
  for (const term of entry.terms ?? []) addWord(term, weight, 'diplomatic', negatedWeight);
}

export const NEGATORS = new Set(modifiers.negators.words);
export const NOT_NEGATING = new Set(modifiers.notNegating.words);
export const MITIGATORS = new Set(modifiers.mitigators.words);
export const HARMERS = new Set(modifiers.harmers.words);
export const BOOSTERS = new Set(modifiers.boosters.words);
export const DOWNTONERS = new Set(modifiers.downtoners.words);
export const CONTRAST = new Set(modifiers.contrast.words);
export const STOPPERS = new Set(modifiers.scopeStoppers.words);

/**
 * Answers "is this offset inside an actor name?" for offsets asked in increasing order, in time
 * linear in the words and names together: the names are merged into disjoint spans once, then
 * walked with the words.
 */
class MaskWalk {
  private readonly spans: Span[] = [];
  private at = 0;

  constructor(masks: readonly Span[]) {
    for (const m of [...masks].sort((a, b) => a.start - b.start)) {
      const last = this.spans[this.spans.length - 1];
      if (last && m.start <= last.end) last.end = Math.max(last.end, m.end);
      else this.spans.push({ start: m.start, end: m.end });
    }
  }

  covers(pos: number): boolean {
    while (this.at < this.spans.length && this.spans[this.at].end <= pos) this.at++;
    return this.at < this.spans.length && this.spans[this.at].start <= pos;
  }
}

const NAME_LINKS = new Set(modifiers.nameLinks.words);

/**
 * Capitalised word inside a run of capitalised words, not at a sentence start: part of a name.
 * A link word joins two runs into one name ("Department of Justice", "Office for Civil Rights").
 */
function inProperName(t: Tokens, i: number): boolean {
  if (!t.capital[i] || i === 0 || t.gap[i] !== NONE) return false;
  const prevCap = t.capital[i - 1];
  const nextCap = i + 1 < t.lower.length && t.capital[i + 1] && t.gap[i + 1] === NONE;
  const linked = i >= 2 && NAME_LINKS.has(t.lower[i - 1]) && t.capital[i - 2] && t.gap[i - 1] === NONE;
  return prevCap || nextCap || linked;
}

const CONDITIONALS = new Set(modifiers.conditionals.words);
const OPENING_CONDITIONALS = new Set(modifiers.conditionals.atSentenceStart);

function opensCondition(t: Tokens, i: number, sentenceStart: number): boolean {
  const word = t.lower[i];
  if (CONDITIONALS.has(word)) return true;
  // "as soon as"
  if (word === 'soon' && t.lower[i - 1] === 'as' && t.lower[i + 1] === 'as') return true;
  return i === sentenceStart && OPENING_CONDITIONALS.has(word);
}

function squash(score: number, alpha: number): number {
  return score === 0 ? 0 : score / Math.sqrt(score * score + alpha);
}

function round(n: number, digits = 4): number {
  const f = 10 ** digits;
  return Math.round(n * f) / f;
}

export function labelFor(value: number, threshold = TONE_PARAMS.labelThreshold): ToneLabel {
  if (value >= threshold) return 'positive';
  if (value <= -threshold) return 'negative';
  return 'neutral';
}

export interface ToneContext {
  /** the reporter's own voice: no attributed statement in the paragraph */
  narrated?: boolean;
}

/**
 * Tone of one paragraph from its tokens: every lexicon and phrase hit becomes a term, weighted by
 * negation, boosters, contrast, hedging and the kind of word (event words count for less, most of
 * all in the reporter's own narration); `score` is their sum, `value` squashes it into [-1, 1]
 * and `label` reads `value` against the neutral band. `masks` are spans of actor names, which are
 * never scored ("United States", "People's Liberation Army").
 */
export function computeTone(
  text: string,
  t: Tokens,
  masks: readonly Span[] = [],
  context: ToneContext = {},
  p: Readonly<ToneParams> = TONE_PARAMS,
): Tone {
  const eventFactor = context.narrated ? p.narratedEventFactor : p.eventFactor;
  const masked = new MaskWalk(masks);
  const n = t.lower.length;
  const terms: ToneTerm[] = [];
  const termSentence: number[] = [];
  // Per sentence: offset of its first contrast word (-1 if none), and whether the contrast word
  // opens the sentence ("A. But B." puts the previous sentence before the contrast too).
  const contrastAt: number[] = [-1];
  const contrastOpens: boolean[] = [false];
  // Per sentence: whether it states a condition ("if", "once", "as soon as", an opening "when"),
  // which hedges any hope it expresses.
  const conditional: boolean[] = [false];
  let sentence = 0;
  let sentenceStart = 0;

  for (let i = 0; i < n; i++) {
    if (t.gap[i] === SENTENCE && i > 0) {
      sentence++;
      sentenceStart = i;
      contrastAt.push(-1);
      contrastOpens.push(false);
      conditional.push(false);
    }
    if (!conditional[sentence] && opensCondition(t, i, sentenceStart)) conditional[sentence] = true;
    const info = t.info[i];
    if (contrastAt[sentence] < 0 && info.flags & F_CONTRAST) {
      contrastAt[sentence] = t.start[i];
      contrastOpens[sentence] = i === sentenceStart;
    }

    let weight: number;
    let source: string;
    let negatedWeight: number | undefined;
    let last = i;
    const candidates = info.phrases;
    let phrase: Phrase | undefined;
    if (candidates) {
      phrase = candidates.find((ph) => {
        if (i + ph.slots.length > n) return false;
        for (let k = 1; k < ph.slots.length; k++) {
          if (t.gap[i + k] !== NONE || !ph.slots[k].has(t.lower[i + k])) return false;
        }
        return true;
      });
    }
    if (isDemandToUndo(t, i, sentenceStart)) {
      weight = diplomatic.demands.weight;
      source = 'diplomatic';
    } else if (phrase) {
      weight = phrase.weight;
      source = phrase.source;
      negatedWeight = phrase.negatedWeight;
      last = i + phrase.slots.length - 1;
    } else {
      const entry = info.lex;
      if (!entry || (entry.weight === 0 && entry.negatedWeight === undefined)) continue;
      if (masked.covers(t.start[i]) || inProperName(t, i)) continue;
      weight = entry.event ? entry.weight * eventFactor : entry.weight;
      source = entry.source;
      negatedWeight = entry.negatedWeight;
    }
    if (weight === 0 && negatedWeight === undefined) {
      i = last;
      continue;
    }

    let negated = false;
    let factor = 1;
    for (let k = 1; k <= p.negationWindow; k++) {
      const j = i - k;
      if (j < sentenceStart || t.gap[j + 1] !== NONE) break;
      const f = t.info[j].flags;
      if (f & F_STOPPER) break;
      if (k <= 2 && f & F_BOOSTER) factor *= 1 + p.booster;
      else if (k <= 2 && f & F_DOWNTONER) factor *= p.downtoner;
      if (f & F_NEGATOR && !(j + 1 < n && t.info[j + 1].flags & F_NOT_NEGATING)) {
        negated = true;
        break;
      }
      if ((weight < 0 && f & F_MITIGATOR) || (weight > 0 && f & F_HARMER)) {
        negated = true;
        break;
      }
    }
    if (negated && negatedWeight !== undefined) weight = negatedWeight * factor;
    else {
      weight *= factor;
      if (negated) weight *= weight > 0 ? p.negationOfPositive : p.negationOfNegative;
    }
    if (weight === 0) {
      i = last;
      continue;
    }
    terms.push({
      term: text.slice(t.start[i], t.end[last]),
      weight,
      source,
      negated,
      start: t.start[i],
      end: t.end[last],
    });
    termSentence.push(sentence);
    i = last;
  }

  // A contrast only shifts weight to what follows it when something weighed follows it:
  // "urged restraint, but noted it had ample resources" keeps the warning whole.
  const weighedAfterContrast = contrastAt.map(() => false);
  terms.forEach((term, k) => {
    const at = contrastAt[termSentence[k]];
    if (at >= 0 && term.start >= at) weighedAfterContrast[termSentence[k]] = true;
  });
  let score = 0;
  for (let k = 0; k < terms.length; k++) {
    const s = termSentence[k];
    const term = terms[k];
    let f = 1;
    if (contrastAt[s] >= 0) {
      if (term.start >= contrastAt[s]) f = p.contrastAfter;
      else if (weighedAfterContrast[s]) f = p.contrastBefore;
    } else if (s + 1 < contrastAt.length && contrastOpens[s + 1] && weighedAfterContrast[s + 1])
      f = p.contrastBefore;
    if (conditional[s] && term.weight > 0) f *= p.conditionalFactor;
    term.weight = round(term.weight * f, 3);
    score += term.weight;
  }

  score = round(score, 3);
  const value = round(squash(score, p.alpha));
  const band = context.narrated ? p.narratedLabelThreshold : p.labelThreshold;
  return {
    value,
    score,
    comparative: round(score / Math.max(n, 1)),
    label: labelFor(value, band),
    terms,
    afinn: { score: t.rawScore, comparative: round(t.rawComparative) },
  };
}
