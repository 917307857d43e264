import { lettersOf } from '../monitors';
import { NONE, type Tokens } from '../tokens';
import type { Span } from '../types';
import type { LearnedNames } from './learned-names';
import { CLAUSE_STARTERS, COREF_HEADS, singular, TITLE_WORDS } from './lexicon';
import { inSpans } from './spans';
import type { Mention } from './types';

/**
 * Actor names of the monitor and names learned earlier in the article, left to right on the
 * paragraph's tokens; the longest name starting at a token wins and the scan resumes after it.
 */
export function findMentions(
  text: string,
  t: Tokens,
  quotes: Span[],
  learned: LearnedNames,
): Mention[] {
  const out: Mention[] = [];
  const n = t.lower.length;
  for (let i = 0; i < n; i++) {
    const candidates = t.info[i].actors;
    if (!candidates) {
      if (learned.size > 0 && t.capital[i]) i = findLearned(t, quotes, learned, i, out);
      continue;
    }
    const found = out.length;
    for (const name of candidates) {
      const len = name.tokens.length;
      if (i + len > n) continue;
      const last = i + len - 1;
      let ok = true;
      for (let k = 1; k < len && ok; k++) {
        const w = k === len - 1 ? t.base[i + k] : t.lower[i + k];
        ok = t.gap[i + k] === NONE && (w === name.tokens[k] || t.lower[i + k] === name.tokens[k]);
      }
      if (!ok) continue;
      const possessive = t.base[last] !== t.lower[last] && t.lower[last] !== name.tokens[len - 1];
      const end = t.end[last] - (possessive ? 2 : 0);
      let letters = lettersOf(text.slice(t.start[i], end));
      let expected = name.letters;
      if (name.foldFirst) {
        letters = letters.toLowerCase();
        expected = expected.toLowerCase();
      }
      if (letters !== expected) continue;
      out.push({
        start: t.start[i],
        end,
        side: name.info.side,
        kind: name.info.kind,
        inQuote: inSpans(t.start[i], quotes),
      });
      i = last;
      break;
    }
    if (out.length === found && learned.size > 0 && t.capital[i])
      i = findLearned(t, quotes, learned, i, out);
  }
  return out;
}

/** A learned name starting at token i, pushed to `out`; returns the last token it covers. */
function findLearned(
  t: Tokens,
  quotes: Span[],
  learned: LearnedNames,
  i: number,
  out: Mention[],
): number {
  const list = learned.startingWith(t.lower[i]) ?? learned.startingWith(t.base[i]);
  if (!list) return i;
  // "Vincent Chen" when "Chen" was learned: a capitalised given name before it is someone else.
  if (i > 0 && t.gap[i] === NONE && t.capital[i - 1]) {
    const prev = t.lower[i - 1];
    if (
      !TITLE_WORDS.has(prev) &&
      !COREF_HEADS.has(singular(prev)) &&
      !CLAUSE_STARTERS.has(prev) &&
      !t.info[i - 1].actors
    )
      return i;
  }
  const n = t.lower.length;
  for (const name of list) {
    const len = name.tokens.length;
    if (!name.side || i + len > n) continue;
    const last = i + len - 1;
    let ok = true;
    for (let k = 0; k < len && ok; k++) {
      const w = k === len - 1 ? t.base[i + k] : t.lower[i + k];
      ok = (k === 0 || (t.gap[i + k] === NONE && t.capital[i + k])) && w === name.tokens[k];
    }
    // A surname followed by another capitalised word is someone else's full name.
    if (!ok || (last + 1 < n && t.gap[last + 1] === NONE && t.capital[last + 1])) continue;
    const possessive = t.base[last] !== t.lower[last];
    out.push({
      start: t.start[i],
      end: t.end[last] - (possessive ? 2 : 0),
      side: name.side,
      kind: 'person',
      inQuote: inSpans(t.start[i], quotes),
      learned: name.phrase,
    });
    return last;
  }
  return i;
}
