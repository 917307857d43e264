import {
  CHAR_CLASS,
  C_SEPARATOR,
  C_SPACE,
  C_WORD,
  AFINN_LABELS,
  isAfinnNegator,
  isWideSpace,
} from './afinn';
import type { Pattern } from './framing';
import type { ActorName } from './monitors';
import { isAbbreviation } from './sentences';

// Word tokens of one paragraph and, from the same pass over its characters, the raw AFINN
// figures exactly as `sentiment.analyze` reports them (see afinn.ts). All offsets are offsets in
// the paragraph text.

/** Everything the rules need to know about one word, looked up once per distinct word. */
export interface WordInfo {
  flags: number;
  lex: { weight: number; source: string; event: boolean; negatedWeight?: number } | undefined;
  phrases:
    { slots: Set<string>[]; weight: number; source: string; negatedWeight?: number }[] | undefined;
  /** frame patterns whose first word this is */
  frames: Pattern[] | undefined;
  /** actor names of the monitor that may start at this word, longest first */
  actors: ActorName[] | undefined;
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
export const F_HARMER = 1024;

/** A distinct word as it appears in text (letters, digits, inner apostrophes and hyphens). */
export interface Word {
  /** the characters in lower case, as `sentiment` sees them (typographic apostrophe kept) */
  key: string;
  /** `key` with a typographic apostrophe normalised: what the rules compare */
  lower: string;
  /** `lower` without a possessive "'s" */
  base: string;
  info: WordInfo;
  /** AFINN weight of `key` as a whole `sentiment` token, when `scored` */
  afinn: number;
  scored: boolean;
  /** `key` negates the next `sentiment` token */
  negator: boolean;
}

/** Finds (or adds) the word at text[start, end), whose lower-case FNV-1a hash is `hash`. */
export interface WordTable {
  find(text: string, start: number, end: number, hash: number): Word;
}

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
  gap: number[];
  /** raw AFINN score and comparative exactly as `sentiment.analyze` reports them */
  rawScore: number;
  rawComparative: number;
}

export const NONE = 0;
export const CLAUSE = 1;
export const SENTENCE = 2;

/** Classifies the characters between two tokens. A period counts only when followed by space. */
function classifyGap(text: string, from: number, to: number): number {
  let kind = NONE;
  for (let i = from; i < to; i++) {
    const c = text.charCodeAt(i);
    if (c === 46 || c === 33 || c === 63) {
      // "." "!" "?"
      const next = i + 1 < text.length ? text.charCodeAt(i + 1) : 32;
      // "U.S. officials", "Maj. Gen. Pat Ryder": the period of an abbreviation or an initial,
      // or one inside a word ("U.S"), ends no sentence.
      if (c === 46 && (isAbbreviation(text, i) || (i + 1 >= to && i + 1 < text.length))) continue;
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

const FNV_OFFSET = 0x811c9dc5 | 0;
const FNV_PRIME = 0x01000193;
const DOTTED_CAPITAL_I = 0x130; // "İ": its lower case is two characters

function isBlank(c: number): boolean {
  return c < 128 ? (CHAR_CLASS[c] & (C_SEPARATOR | C_SPACE)) !== 0 : isWideSpace(c);
}

/**
 * One pass over the characters. Tonewatch words are runs of ASCII letters and digits joined by
 * inner apostrophes (straight or typographic) and hyphens ("haven't", "win-win"); everything
 * else separates them. Alongside, `sentiment`'s tokens are delimited by its own rules and scored
 * with its word list and negation: a token that is exactly one word takes its AFINN weight from
 * the word table, any other token (attached quotes, dashes, accents, emoji) is looked up as a
 * string.
 */
export function tokenize(text: string, table: WordTable): Tokens {
  const t: Tokens = {
    info: [],
    lower: [],
    base: [],
    start: [],
    end: [],
    capital: [],
    gap: [],
    rawScore: 0,
    rawComparative: 0,
  };
  const n = text.length;
  let prevEnd = 0;
  let dottedI = false;

  // The current `sentiment` token: its start (-1 between tokens), its words, other characters.
  let tokenStart = -1;
  let tokenWords = 0;
  let tokenOther = false;
  let tokenWord: Word | null = null;
  let tokenCount = 0;
  let previousNegates = false;
  let score = 0;
  const endToken = (end: number): void => {
    let weight = 0;
    let scored: boolean;
    let negator: boolean;
    if (tokenWords === 1 && !tokenOther && tokenWord) {
      scored = tokenWord.scored;
      weight = tokenWord.afinn;
      negator = tokenWord.negator;
    } else {
      const token = text.slice(tokenStart, end).toLowerCase();
      const found = AFINN_LABELS.get(token);
      scored = found !== undefined;
      if (scored) weight = found as number;
      negator = isAfinnNegator(token);
    }
    if (scored) score += tokenCount > 0 && previousNegates ? -weight : weight;
    previousNegates = negator;
    tokenCount++;
    tokenStart = -1;
    tokenWords = 0;
    tokenOther = false;
    tokenWord = null;
  };

  let i = 0;
  while (i < n) {
    let c = text.charCodeAt(i);
    if (c < 128 && CHAR_CLASS[c] === C_WORD) {
      const s = i;
      let hash = FNV_OFFSET;
      for (;;) {
        hash = Math.imul(hash ^ (c >= 65 && c <= 90 ? c + 32 : c), FNV_PRIME);
        if (++i >= n) break;
        c = text.charCodeAt(i);
        if (c < 128 && CHAR_CLASS[c] === C_WORD) continue;
        if ((c === 39 || c === 45 || c === 0x2019) && i + 1 < n) {
          const next = text.charCodeAt(i + 1);
          if (next < 128 && CHAR_CLASS[next] === C_WORD) continue;
        }
        break;
      }
      const word = table.find(text, s, i, hash);
      if (tokenStart < 0) tokenStart = s;
      tokenWords++;
      tokenWord = word;
      t.lower.push(word.lower);
      t.base.push(word.base);
      t.info.push(word.info);
      t.start.push(s);
      t.end.push(i);
      const first = text.charCodeAt(s);
      t.capital.push(first >= 65 && first <= 90);
      t.gap.push(classifyGap(text, prevEnd, s));
      prevEnd = i;
      continue;
    }
    if (isBlank(c)) {
      let j = i + 1;
      let separator = c < 128 && CHAR_CLASS[c] === C_SEPARATOR;
      while (j < n) {
        const d = text.charCodeAt(j);
        if (!isBlank(d)) break;
        if (d < 128 && CHAR_CLASS[d] === C_SEPARATOR) separator = true;
        j++;
      }
      if (tokenStart >= 0) {
        // A lone tab or no-break space inside a token is not collapsed, so it does not split.
        if (j - i === 1 && !separator && j < n) tokenOther = true;
        else endToken(i);
      }
      i = j;
      continue;
    }
    if (c === DOTTED_CAPITAL_I) dottedI = true;
    if (tokenStart < 0) tokenStart = i;
    tokenOther = true;
    i++;
  }
  if (tokenStart >= 0) endToken(n);
  t.rawScore = score;
  t.rawComparative = score / Math.max(tokenCount, 1);
  if (dottedI) {
    // Offsets into a lower-cased copy of such a text would drift, so it has never had word
    // tokens; kept so that results stay the same (see docs/analysis.md, "Speed").
    t.info = [];
    t.lower = [];
    t.base = [];
    t.start = [];
    t.end = [];
    t.capital = [];
    t.gap = [];
  }
  return t;
}
