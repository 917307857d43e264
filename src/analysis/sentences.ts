import abbreviations from './data/lexicon/abbreviations.json';
import type { Span } from './types';

export interface Sentence extends Span {
  text: string;
}

// Tokens ending in a period that do not end a sentence in news copy (data/lexicon/abbreviations.json).
const ABBREVIATIONS = new Set(abbreviations.groups.flatMap((group) => group.words));
// Longest abbreviation: a longer run of letters and periods before a period is no abbreviation,
// so the backward scan below never reads further than this (a run-on "a.a.a.a…" stays linear).
const LONGEST_ABBREVIATION = Math.max(...[...ABBREVIATIONS].map((word) => word.length));

/** Whether the period at `dot` closes an abbreviation or an initial rather than a sentence. */
export function isAbbreviation(text: string, dot: number): boolean {
  const stop = Math.max(0, dot - LONGEST_ABBREVIATION - 1);
  let s = dot;
  while (s > stop && /[A-Za-z.]/.test(text[s - 1])) s--;
  if (s === stop && s > 0 && /[A-Za-z.]/.test(text[s - 1])) return false;
  const word = text.slice(s, dot).toLowerCase();
  if (word.length === 1) return true; // initials: "Clement C. Moore"
  return ABBREVIATIONS.has(word);
}

/**
 * Quote-aware sentence split over normalised text (straight quotes only). A sentence does not
 * end inside an open quotation, so "“A. B,” Xi said." stays one sentence with its attribution.
 * With an odd number of quote marks the quote state is unreliable and is ignored.
 */
export function splitSentences(text: string): Sentence[] {
  let quoteCount = 0;
  for (let i = text.indexOf('"'); i >= 0; i = text.indexOf('"', i + 1)) quoteCount++;
  const trackQuotes = quoteCount % 2 === 0;
  const out: Sentence[] = [];
  let start = 0;
  let inQuote = false;
  const push = (from: number, to: number): void => {
    let s = from;
    let e = to;
    while (s < e && (text[s] === ' ' || text[s] === '\n' || text[s] === '\r' || text[s] === '\t'))
      s++;
    while (e > s && /\s/.test(text[e - 1])) e--;
    if (e > s) out.push({ start: s, end: e, text: text.slice(s, e) });
  };
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (c === '"') {
      inQuote = !inQuote;
      continue;
    }
    if (c !== '.' && c !== '!' && c !== '?') continue;
    // Inside a quotation only a terminator right before the closing mark can end the sentence.
    if (trackQuotes && inQuote && text[i + 1] !== '"') continue;
    if (c === '.' && isAbbreviation(text, i)) continue;
    let j = i + 1;
    while (j < text.length && (text[j] === '"' || text[j] === ')' || text[j] === "'")) {
      if (text[j] === '"') inQuote = !inQuote;
      j++;
    }
    const resume = j - 1; // quote marks up to j were already counted
    if (j < text.length && !/\s/.test(text[j])) {
      i = resume;
      continue; // "3.5", "U.S.-China"
    }
    // "…," she said. / "… soon." she said: a lower-case continuation is still the same sentence.
    if (j > i + 1 && /^\s+[a-z]/.test(text.slice(j, j + 3))) {
      i = resume;
      continue;
    }
    push(start, j);
    start = j;
    i = resume;
  }
  push(start, text.length);
  return out;
}
