import type { Span } from '../types';

/** A word of the text as the speaker rules read it: letters with inner apostrophes, periods, hyphens. */
export interface Word extends Span {
  text: string;
  lower: string;
}

function isLetter(c: number): boolean {
  return (c >= 65 && c <= 90) || (c >= 97 && c <= 122);
}

function isWordChar(c: number): boolean {
  return isLetter(c) || c === 39 || c === 46 || c === 45; // ' . -
}

/**
 * The first word that starts in [from, end): a letter and the letters, apostrophes, periods and
 * hyphens after it, without a trailing period or apostrophe ("U.S." is "U.S"). Reads no
 * character before `from` and none after the word, so walking a bounded range of a run-on
 * paragraph costs only that range. The next word starts at or after the returned word's end.
 */
export function nextWord(text: string, from: number, end: number): Word | undefined {
  let i = from;
  while (i < end && !isLetter(text.charCodeAt(i))) i++;
  if (i >= end) return undefined;
  let e = i + 1;
  while (e < text.length && isWordChar(text.charCodeAt(e))) e++;
  while (text[e - 1] === '.' || text[e - 1] === "'") e--;
  const w = text.slice(i, e);
  return { start: i, end: e, text: w, lower: w.toLowerCase() };
}

/** The first `limit` words that start in [start, end). */
export function firstWords(text: string, start: number, end: number, limit: number): Word[] {
  const out: Word[] = [];
  for (let w = nextWord(text, start, end); w && out.length < limit; w = nextWord(text, w.end, end))
    out.push(w);
  return out;
}

/** Every word that starts in [start, end). */
export function wordsIn(text: string, start: number, end: number): Word[] {
  return firstWords(text, start, end, Infinity);
}

/** The last word that starts in [start, end), or undefined. */
export function lastWordIn(text: string, start: number, end: number): Word | undefined {
  return wordsIn(text, start, end).pop();
}

/** Whether the first word of [start, end) is in `words`. */
export function opensWith(text: string, start: number, end: number, words: Set<string>): boolean {
  const opener = firstWords(text, start, end, 1)[0];
  return opener !== undefined && words.has(opener.lower);
}
