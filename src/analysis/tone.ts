import afinn from 'sentiment/languages/en/labels.json';
import news from './data/lexicon/news.json';
import phrases from './data/lexicon/phrases.json';
import modifiers from './data/lexicon/modifiers.json';
import params from './data/tone-params.json';
import {
  F_BOOSTER,
  F_CONTRAST,
  F_DOWNTONER,
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
  labelThreshold: number;
}

export const TONE_PARAMS: Readonly<ToneParams> = params;

export interface LexiconEntry {
  weight: number;
  source: 'afinn' | 'news';
}

export const LEXICON = new Map<string, LexiconEntry>();
for (const [word, weight] of Object.entries(afinn as Record<string, number>)) {
  if (!word.includes(' ')) LEXICON.set(word, { weight, source: 'afinn' });
}
for (const entry of news.entries) {
  for (const term of entry.terms) LEXICON.set(term, { weight: entry.weight, source: 'news' });
}

export interface Phrase {
  slots: Set<string>[];
  weight: number;
}
export const PHRASES = new Map<string, Phrase[]>();
for (const entry of phrases.entries) {
  const slots = entry.phrase.split(' ').map((slot) => new Set(slot.split('|')));
  for (const first of slots[0]) {
    const list = PHRASES.get(first) ?? [];
    list.push({ slots, weight: entry.weight });
    // Longer phrases first so "serious difficulties" wins over a shorter overlap.
    list.sort((a, b) => b.slots.length - a.slots.length);
    PHRASES.set(first, list);
  }
}

export const NEGATORS = new Set(modifiers.negators.words);
export const NOT_NEGATING = new Set(modifiers.notNegating.words);
export const MITIGATORS = new Set(modifiers.mitigators.words);
export const BOOSTERS = new Set(modifiers.boosters.words);
export const DOWNTONERS = new Set(modifiers.downtoners.words);
export const CONTRAST = new Set(modifiers.contrast.words);
export const STOPPERS = new Set(modifiers.scopeStoppers.words);

function isMasked(pos: number, masks: readonly Span[]): boolean {
  for (const m of masks) if (pos >= m.start && pos < m.end) return true;
  return false;
}

/** Capitalised word inside a run of capitalised words, not at a sentence start: part of a name. */
function inProperName(t: Tokens, i: number): boolean {
  if (!t.capital[i] || i === 0 || t.gap[i] !== NONE) return false;
  const prevCap = t.capital[i - 1];
  const nextCap = i + 1 < t.lower.length && t.capital[i + 1] && t.gap[i + 1] === NONE;
  return prevCap || nextCap;
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

/**
 * Tone of one paragraph from its tokens. Raw `score`/`comparative` are `sentiment`'s own;
 * `value` applies Tonewatch's lexicon and rules. `masks` are spans of actor names, which are
 * never scored ("United States", "People's Liberation Army").
 */
export function computeTone(
  text: string,
  t: Tokens,
  masks: readonly Span[] = [],
  p: Readonly<ToneParams> = TONE_PARAMS,
): Tone {
  const n = t.lower.length;
  const terms: ToneTerm[] = [];
  const termSentence: number[] = [];
  // Per sentence: offset of its first contrast word (-1 if none), and whether the contrast word
  // opens the sentence ("A. But B." puts the previous sentence before the contrast too).
  const contrastAt: number[] = [-1];
  const contrastOpens: boolean[] = [false];
  let sentence = 0;
  let sentenceStart = 0;

  for (let i = 0; i < n; i++) {
    if (t.gap[i] === SENTENCE && i > 0) {
      sentence++;
      sentenceStart = i;
      contrastAt.push(-1);
      contrastOpens.push(false);
    }
    const info = t.info[i];
    if (contrastAt[sentence] < 0 && info.flags & F_CONTRAST) {
      contrastAt[sentence] = t.start[i];
      contrastOpens[sentence] = i === sentenceStart;
    }

    let weight: number;
    let source: string;
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
    if (phrase) {
      weight = phrase.weight;
      source = 'phrase';
      last = i + phrase.slots.length - 1;
    } else {
      const entry = info.lex;
      if (!entry || entry.weight === 0) continue;
      if (isMasked(t.start[i], masks) || inProperName(t, i)) continue;
      weight = entry.weight;
      source = entry.source;
    }
    if (weight === 0) {
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
      if (weight < 0 && f & F_MITIGATOR) {
        negated = true;
        break;
      }
    }
    weight *= factor;
    if (negated) weight *= weight > 0 ? p.negationOfPositive : p.negationOfNegative;
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

  let score = 0;
  for (let k = 0; k < terms.length; k++) {
    const s = termSentence[k];
    const term = terms[k];
    let f = 1;
    if (contrastAt[s] >= 0) f = term.start < contrastAt[s] ? p.contrastBefore : p.contrastAfter;
    else if (s + 1 < contrastAt.length && contrastOpens[s + 1]) f = p.contrastBefore;
    term.weight = round(term.weight * f, 3);
    score += term.weight;
  }

  const value = squash(score, p.alpha);
  return {
    value: round(value),
    score: t.rawScore,
    comparative: round(t.rawComparative),
    label: labelFor(value, p.labelThreshold),
    terms,
  };
}
