import type { Span } from './types';

export interface Sentence extends Span {
  text: string;
}

// Tokens ending in a period that do not end a sentence in news copy.
const ABBREVIATIONS = new Set(
  (
    'mr mrs ms dr prof gen lt col maj capt sgt adm gov sen rep sens reps pres st jr sr inc corp co ltd ' +
    'no vs etc jan feb mar apr aug sept sep oct nov dec u.s u.n u.k e.u p.m a.m e.g i.e dept est approx'
  ).split(' '),
);

/** Whether the period at `dot` closes an abbreviation or an initial rather than a sentence. */
export function isAbbreviation(text: string, dot: number): boolean {
  let s = dot;
  while (s > 0 && /[A-Za-z.]/.test(text[s - 1])) s--;
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
