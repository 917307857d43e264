import Sentiment from 'sentiment';
import { normalizeTypography } from './normalize';

/**
 * Word tokens of one paragraph, derived from the tokens `sentiment` itself produces, so the raw
 * AFINN figures and Tonewatch's rules come out of a single tokenisation pass.
 * All offsets are offsets in the paragraph text.
 */
/** Everything the rules need to know about one word, looked up once per distinct word. */
export interface WordInfo {
  flags: number;
  lex: { weight: number; source: string } | undefined;
  phrases: { slots: Set<string>[]; weight: number }[] | undefined;
  frames: unknown[] | undefined;
  actors: unknown[] | undefined;
}

export const F_VERB = 1;
export const F_CONTRAST = 2;
export const F_NEGATOR = 4;
export const F_BOOSTER = 8;
export const F_DOWNTONER = 16;
export const F_MITIGATOR = 32;
export const F_STOPPER = 64;
export const F_NOT_NEGATING = 128;
export const F_PASSIVE = 256;
export const F_MARKER = 512;

export type WordLookup = (word: string, base: string) => WordInfo;

export interface Tokens {
  info: WordInfo[];
  /** lower-case word, typographic characters normalised, surrounding punctuation removed */
  lower: string[];
  /** `lower` without a possessive "'s" */
  base: string[];
  start: number[];
  end: number[];
  capital: boolean[];
  /** what separates a token from the previous one: NONE, CLAUSE (, ; : quote, dash) or SENTENCE */
  gap: Uint8Array;
  /** raw AFINN score and comparative exactly as `sentiment.analyze` reports them */
  rawScore: number;
  rawComparative: number;
}

export const NONE = 0;
export const CLAUSE = 1;
export const SENTENCE = 2;

const sentiment = new Sentiment();

function isWordChar(c: number): boolean {
  return (c >= 97 && c <= 122) || (c >= 48 && c <= 57) || (c >= 65 && c <= 90);
}

/** Classifies the characters between two tokens. A period counts only when followed by space. */
function classifyGap(text: string, from: number, to: number): number {
  let kind = NONE;
  for (let i = from; i < to; i++) {
    const c = text.charCodeAt(i);
    if (c === 46 || c === 33 || c === 63) {
      // "." "!" "?"
      const next = i + 1 < text.length ? text.charCodeAt(i + 1) : 32;
      if (
        next === 32 ||
        next === 10 ||
        next === 13 ||
        next === 9 ||
        next === 34 ||
        next === 0x201d ||
        next === 0x2019 ||
        next === 41 ||
        i + 1 >= to
      ) {
        if (c !== 46 || i + 1 >= text.length || next !== 46) return SENTENCE;
      }
    } else if (
      c === 44 ||
      c === 59 ||
      c === 58 ||
      c === 34 ||
      c === 40 ||
      c === 41 ||
      c === 0x201c ||
      c === 0x201d ||
      c === 0x2013 ||
      c === 0x2014
    ) {
      kind = CLAUSE;
    } else if (c === 45 && i > from && text.charCodeAt(i - 1) === 32) {
      kind = CLAUSE; // spaced hyphen used as a dash
    }
  }
  return kind;
}

export function tokenize(text: string, lookup: WordLookup): Tokens {
  const result = sentiment.analyze(text);
  const t: Tokens = {
    info: [],
    lower: [],
    base: [],
    start: [],
    end: [],
    capital: [],
    gap: new Uint8Array(0),
    rawScore: result.score,
    rawComparative: result.comparative,
  };
  const lowerText = text.toLowerCase();
  // Lower-casing changes the length only for rare characters; offsets would then drift.
  const searchable = lowerText.length === text.length ? lowerText : null;
  const gaps: number[] = [];
  let cursor = 0;
  let prevEnd = 0;
  // The token string from `sentiment` is reused when no trimming was needed (the common case).
  let whole = '';
  let curly = false;
  let wholeStart = 0;
  let wholeEnd = 0;
  const push = (s: number, e: number): void => {
    let word = s === wholeStart && e === wholeEnd ? whole : lowerText.slice(s, e);
    if (curly) word = normalizeTypography(word);
    const base = word.endsWith("'s") ? word.slice(0, -2) : word;
    t.lower.push(word);
    t.base.push(base);
    t.info.push(lookup(word, base));
    t.start.push(s);
    t.end.push(e);
    const c = text.charCodeAt(s);
    t.capital.push(c >= 65 && c <= 90);
    gaps.push(classifyGap(text, prevEnd, s));
    prevEnd = e;
  };
  if (searchable) {
    for (const token of result.tokens) {
      if (token.length === 0) continue;
      const at = searchable.indexOf(token, cursor);
      if (at < 0) continue;
      cursor = at + token.length;
      whole = token;
      wholeStart = at;
      wholeEnd = cursor;
      // Trim quotes, dashes and other marks `sentiment` leaves attached; split on inner ones.
      let s = at;
      const e = cursor;
      curly = false;
      for (let i = s; i <= e; i++) {
        if (i < e) {
          const c = text.charCodeAt(i);
          if ((c >= 97 && c <= 122) || (c >= 65 && c <= 90) || (c >= 48 && c <= 57)) continue;
          if (isJoiner(text, i, s, e)) {
            if (c > 127) curly = true;
            continue;
          }
        }
        if (i > s) push(s, i);
        s = i + 1;
        curly = false;
      }
    }
  }
  t.gap = Uint8Array.from(gaps);
  return t;
}

/** Apostrophes and hyphens join word characters ("haven't", "win-win"), nothing else does. */
function isJoiner(text: string, i: number, s: number, e: number): boolean {
  const c = text.charCodeAt(i);
  if (c !== 39 && c !== 0x2019 && c !== 45) return false;
  return (
    i > s && i + 1 < e && isWordChar(text.charCodeAt(i - 1)) && isWordChar(text.charCodeAt(i + 1))
  );
}
