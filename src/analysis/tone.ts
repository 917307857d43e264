import Sentiment from 'sentiment';
import afinn from 'sentiment/languages/en/labels.json';
import news from './data/lexicon/news.json';
import phrases from './data/lexicon/phrases.json';
import modifiers from './data/lexicon/modifiers.json';
import params from './data/tone-params.json';
import { normalizeTypography } from './normalize';
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

interface LexiconEntry {
  weight: number;
  source: 'afinn' | 'news';
}

const LEXICON = new Map<string, LexiconEntry>();
for (const [word, weight] of Object.entries(afinn as Record<string, number>)) {
  if (!word.includes(' ')) LEXICON.set(word, { weight, source: 'afinn' });
}
for (const entry of news.entries) {
  for (const term of entry.terms) LEXICON.set(term, { weight: entry.weight, source: 'news' });
}

interface Phrase {
  slots: Set<string>[];
  weight: number;
}
const PHRASES = new Map<string, Phrase[]>();
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

const NEGATORS = new Set(modifiers.negators.words);
const NOT_NEGATING = new Set(modifiers.notNegating.words);
const MITIGATORS = new Set(modifiers.mitigators.words);
const BOOSTERS = new Set(modifiers.boosters.words);
const DOWNTONERS = new Set(modifiers.downtoners.words);
const CONTRAST = new Set(modifiers.contrast.words);
const STOPPERS = new Set(modifiers.scopeStoppers.words);

// Raw AFINN figures come from the `sentiment` package itself, default language, no extras.
const sentiment = new Sentiment();

const TOKEN = /[A-Za-z0-9]+(?:['-][A-Za-z0-9]+)*|[.!?;:,"()]/g;

interface Tokens {
  lower: string[];
  start: number[];
  end: number[];
  /** true for punctuation tokens */
  punct: boolean[];
  capital: boolean[];
}

function tokenize(text: string): Tokens {
  const t: Tokens = { lower: [], start: [], end: [], punct: [], capital: [] };
  TOKEN.lastIndex = 0;
  for (let m = TOKEN.exec(text); m; m = TOKEN.exec(text)) {
    const s = m[0];
    const c = s.charCodeAt(0);
    const isWord = (c >= 65 && c <= 90) || (c >= 97 && c <= 122) || (c >= 48 && c <= 57);
    t.lower.push(s.toLowerCase());
    t.start.push(m.index);
    t.end.push(m.index + s.length);
    t.punct.push(!isWord);
    t.capital.push(c >= 65 && c <= 90);
  }
  return t;
}

function isSentenceEnd(token: string): boolean {
  return token === '.' || token === '!' || token === '?';
}

function lookup(word: string): LexiconEntry | undefined {
  const hit = LEXICON.get(word);
  if (hit || !word.endsWith("'s")) return hit;
  return LEXICON.get(word.slice(0, -2));
}

function isMasked(pos: number, masks: readonly Span[]): boolean {
  for (const m of masks) if (pos >= m.start && pos < m.end) return true;
  return false;
}

/** Capitalised word inside a run of capitalised words, not at a sentence start: part of a name. */
function inProperName(t: Tokens, i: number): boolean {
  if (!t.capital[i] || i === 0) return false;
  const prev = t.lower[i - 1];
  if (t.punct[i - 1] && (isSentenceEnd(prev) || prev === '"' || prev === '(' || prev === ':'))
    return false;
  const prevCap = !t.punct[i - 1] && t.capital[i - 1];
  const nextCap = i + 1 < t.lower.length && !t.punct[i + 1] && t.capital[i + 1];
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
 * Tone of one paragraph. `text` is the original (raw AFINN is computed on it); `normalized` is
 * the same text with typographic characters replaced one-for-one; `masks` are spans of actor
 * names that must not be scored ("United States", "Liberation Army").
 */
export function computeTone(
  text: string,
  normalized: string,
  masks: readonly Span[] = [],
  p: Readonly<ToneParams> = TONE_PARAMS,
): Tone {
  const raw = sentiment.analyze(text);
  const t = tokenize(normalized);
  const n = t.lower.length;
  const terms: ToneTerm[] = [];
  const termSentence: number[] = [];
  // For each sentence, the token index of its first contrast word, or -1.
  const contrastAt: number[] = [];
  let sentence = 0;
  let sentenceStart = 0;
  contrastAt.push(-1);

  for (let i = 0; i < n; i++) {
    const word = t.lower[i];
    if (t.punct[i]) {
      if (isSentenceEnd(word)) {
        sentence++;
        sentenceStart = i + 1;
        contrastAt.push(-1);
      }
      continue;
    }
    if (CONTRAST.has(word) && contrastAt[sentence] < 0) contrastAt[sentence] = i;

    let weight: number;
    let source: string;
    let last = i;
    const candidates = PHRASES.get(word);
    let phrase: Phrase | undefined;
    if (candidates) {
      phrase = candidates.find((ph) => {
        if (i + ph.slots.length > n) return false;
        for (let k = 1; k < ph.slots.length; k++)
          if (!ph.slots[k].has(t.lower[i + k])) return false;
        return true;
      });
    }
    if (phrase) {
      weight = phrase.weight;
      source = 'phrase';
      last = i + phrase.slots.length - 1;
    } else {
      const entry = lookup(word);
      if (!entry || entry.weight === 0) continue;
      if (isMasked(t.start[i], masks) || inProperName(t, i)) continue;
      weight = entry.weight;
      source = entry.source;
    }

    let negated = false;
    let factor = 1;
    for (let k = 1; k <= p.negationWindow; k++) {
      const j = i - k;
      if (j < sentenceStart || t.punct[j]) break;
      const w = t.lower[j];
      if (STOPPERS.has(w)) break;
      if (k <= 2 && BOOSTERS.has(w)) factor *= 1 + p.booster;
      else if (k <= 2 && DOWNTONERS.has(w)) factor *= p.downtoner;
      if (NEGATORS.has(w) && !(j + 1 < n && NOT_NEGATING.has(t.lower[j + 1]))) {
        negated = true;
        break;
      }
      if (weight < 0 && MITIGATORS.has(w)) {
        negated = true;
        break;
      }
    }
    weight *= factor;
    if (negated) weight *= weight > 0 ? p.negationOfPositive : p.negationOfNegative;
    if (weight !== 0) {
      terms.push({
        term: text.slice(t.start[i], t.end[last]),
        weight,
        source,
        negated,
        start: t.start[i],
        end: t.end[last],
      });
      termSentence.push(sentence);
    }
    i = last;
  }

  // "A. But B." puts the previous sentence before the contrast as well.
  let score = 0;
  for (let k = 0; k < terms.length; k++) {
    const s = termSentence[k];
    const term = terms[k];
    let c = contrastAt[s];
    let f = 1;
    if (c >= 0) {
      f = term.start < t.start[c] ? p.contrastBefore : p.contrastAfter;
    } else if (s + 1 < contrastAt.length) {
      c = contrastAt[s + 1];
      if (c >= 0 && isSentenceStartToken(t, c)) f = p.contrastBefore;
    }
    term.weight = round(term.weight * f, 3);
    score += term.weight;
  }

  const value = squash(score, p.alpha);
  return {
    value: round(value),
    score: raw.score,
    comparative: round(raw.comparative),
    label: labelFor(value, p.labelThreshold),
    terms,
  };
}

function isSentenceStartToken(t: Tokens, i: number): boolean {
  return i === 0 || (t.punct[i - 1] && (isSentenceEnd(t.lower[i - 1]) || t.lower[i - 1] === '"'));
}

/** Tone of a free-standing text with no monitor context (no actor masking beyond proper names). */
export function scoreTone(text: string): Tone {
  return computeTone(text, normalizeTypography(text));
}
