import { F_MARKER, F_PASSIVE, F_VERB, NONE, type Tokens } from '../tokens';
import { DETERMINERS, SOURCE_MARKERS, STATEMENT_NOUNS, STATEMENT_VERBS } from './lexicon';
import type { Hit } from './types';

/**
 * Reporting verbs ("said", ", saying"), statement phrases ("issued a statement") and source
 * markers ("according to", "provided by") on a paragraph's tokens, in text order. A verb form
 * after an article is a noun or an adjective ("a warning", "the reported merger").
 */
export function findHits(t: Tokens): { verbs: Hit[]; markers: Hit[] } {
  const verbs: Hit[] = [];
  const markers: Hit[] = [];
  const n = t.lower.length;
  for (let i = 0; i < n; i++) {
    const w = t.lower[i];
    const flags = t.info[i].flags;
    const afterArticle = i > 0 && t.gap[i] === NONE && DETERMINERS.has(t.lower[i - 1]);
    if (flags & F_VERB && !afterArticle) {
      // "are expected", "was told": a passive names no speaker, unless "by" follows.
      const passive =
        i > 0 &&
        t.gap[i] === NONE &&
        (t.info[i - 1].flags & F_PASSIVE) !== 0 &&
        t.lower[i + 1] !== 'by';
      verbs.push({ start: t.start[i], end: t.end[i], word: w, passive });
    }
    if (STATEMENT_VERBS.has(w) && !afterArticle) {
      for (let k = i + 1; k <= i + 4 && k < n && t.gap[k] === NONE; k++) {
        if (STATEMENT_NOUNS.has(t.lower[k])) {
          verbs.push({ start: t.start[i], end: t.end[i], word: w, passive: false });
          break;
        }
      }
    }
    if (!(flags & F_MARKER)) continue;
    for (const m of SOURCE_MARKERS) {
      if (!m.slots[0].has(w) || i + m.slots.length > n) continue;
      let ok = true;
      for (let k = 1; k < m.slots.length && ok; k++)
        ok = t.gap[i + k] === NONE && m.slots[k].has(t.lower[i + k]);
      if (!ok) continue;
      const last = i + m.slots.length - 1;
      const word = t.lower.slice(i, last + 1).join(' ');
      markers.push({ start: t.start[i], end: t.end[last], word, passive: false });
    }
  }
  return { verbs, markers };
}
