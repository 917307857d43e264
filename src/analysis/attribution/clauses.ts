import { isAbbreviation } from '../sentences';
import type { Span } from '../types';
import { INVERTED_STOP } from './lexicon';
import { nextWord } from './words';

function isBoundaryChar(c: string): boolean {
  return c === ',' || c === ';' || c === ':' || c === '"' || c === '(' || c === ')' || c === '.';
}

/**
 * Start of the clause that ends at `pos`: back to punctuation, a quote mark, a spaced dash or
 * "that", never before `from` (the sentence start, so the scan is bounded by the sentence).
 */
export function clauseStart(text: string, from: number, pos: number): number {
  let i = pos - 1;
  while (i >= from) {
    const c = text[i];
    // "Maj. Gen. Pat Ryder", "J. Smith": the period of a title or an initial ends no clause.
    if (isBoundaryChar(c) && !(c === '.' && isAbbreviation(text, i))) return i + 1;
    if (c === '-' && text[i - 1] === ' ' && text[i + 1] === ' ') return i + 1;
    if (
      c === 't' &&
      text.startsWith('that', i - 3) &&
      /\W/.test(text[i - 4] ?? ' ') &&
      /\W/.test(text[i + 1] ?? ' ')
    ) {
      return i + 1;
    }
    i--;
  }
  return from;
}

/** Whether the clause ending at `cs` is closed by "that" ("said that … had agreed"). */
export function followsThat(text: string, from: number, cs: number): boolean {
  return /\bthat\s*$/.test(text.slice(Math.max(from, cs - 6), cs));
}

/** An appositive after a comma: up to the next comma, quote or sentence end. */
export function phraseAfterComma(text: string, from: number, limit: number): Span {
  let end = from;
  for (let w = nextWord(text, from, limit); w; w = nextWord(text, w.end, limit)) {
    if (/[,;:"()]/.test(text.slice(end, w.start)) && end > from) break;
    end = w.end;
  }
  return { start: from, end };
}

/** Noun phrase placed after a verb or marker, up to punctuation or a closing word. */
export function phraseAfter(text: string, from: number, limit: number): Span {
  let end = from;
  for (let w = nextWord(text, from, limit); w; w = nextWord(text, w.end, limit)) {
    if (/[,;:"().]/.test(text.slice(end, w.start)) && end > from) break;
    if (INVERTED_STOP.has(w.lower)) break;
    end = w.end;
  }
  return { start: from, end };
}
