import type { Span } from '../types';

/** Quotation spans of a paragraph (straight double quotes, paired in order), sorted, disjoint. */
export function quoteSpans(text: string): Span[] {
  const spans: Span[] = [];
  let open = -1;
  for (let i = text.indexOf('"'); i >= 0; i = text.indexOf('"', i + 1)) {
    if (open < 0) open = i;
    else {
      spans.push({ start: open, end: i + 1 });
      open = -1;
    }
  }
  // News convention: a quotation that runs on into the next paragraph is left unclosed.
  if (open >= 0) spans.push({ start: open, end: text.length });
  return spans;
}
