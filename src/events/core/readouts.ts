import { contentWords } from './terms';

/**
 * One event as each side told it: per side its paragraphs, mean tone, frames, most distinctive
 * terms and top quotes, then the asymmetry between the two sides. Plain functions over the
 * event's stored paragraphs.
 */

export interface EventParagraph {
  articleId: string;
  index: number;
  side: string;
  speaker: string | null;
  text: string;
  evidence: { start: number; end: number } | null;
  tone: number;
  frames: { frame: string; phrase: string; negated: boolean; start: number; end: number }[];
}

export interface SideFrame {
  frame: string;
  negated: boolean;
  hits: number;
}

export interface SideQuote {
  articleId: string;
  paragraphIndex: number;
  speaker: string | null;
  text: string;
  evidence: { start: number; end: number } | null;
  tone: number;
  frames: { frame: string; phrase: string; negated: boolean; start: number; end: number }[];
}

export interface SideAccount {
  side: string;
  paragraphs: number;
  articles: number;
  meanTone: number | null;
  frames: SideFrame[];
  distinctiveTerms: { term: string; count: number }[];
  quotes: SideQuote[];
}

export interface Asymmetry {
  /** the two sides compared, the one with more paragraphs first */
  sides: [string, string];
  /** meanTone of the first side minus that of the second */
  toneGap: number;
  /** frames (with negation) one side used and the other did not */
  framesOnlyIn: Record<string, string[]>;
  /** share of the frames used by either side that only one of them used, 0 to 1 */
  frameDivergence: number;
  /** distinctive terms of each side that the other side's paragraphs never use */
  termsOnlyIn: Record<string, string[]>;
  /** 1 − cosine of the two sides' content-word counts, 0 to 1 */
  termDivergence: number;
  /** ASYMMETRY_WEIGHTS.tone × min(1, |toneGap|) + .frames × frameDivergence + .terms × termDivergence */
  score: number;
}

/** Weights of the asymmetry score; they add up to 1, so the score lies in [0, 1]. */
export const ASYMMETRY_WEIGHTS = { tone: 0.5, frames: 0.3, terms: 0.2 } as const;

export const DISTINCTIVE_TERMS = 10;
export const QUOTES_PER_SIDE = 3;

/** Key of a frame as a side used it: `red-line`, or `not respectful` for a negated use. */
export function frameKey(frame: string, negated: boolean): string {
  return negated ? `not ${frame}` : frame;
}

function countWords(paragraphs: EventParagraph[], monitor: string): Map<string, number> {
  const counts = new Map<string, number>();
  for (const p of paragraphs) {
    for (const w of contentWords(p.text, monitor)) counts.set(w, (counts.get(w) ?? 0) + 1);
  }
  return counts;
}

function sortedEntries(map: Map<string, number>): [string, number][] {
  return [...map].sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1));
}

/**
 * A side's most distinctive terms against the other sides of the monitor in the event (against
 * every other voice, `mixed` and `neutral` included, when no other side speaks): log-odds of the term in the side's paragraphs
 * over the rest, with add-half smoothing, divided by its standard error (a z-score, as in
 * Monroe, Colaresi and Quinn's weighted log-odds), for terms the side used at least once.
 */
export function distinctiveTerms(
  own: Map<string, number>,
  rest: Map<string, number>,
  n = DISTINCTIVE_TERMS,
): { term: string; count: number }[] {
  const ownTotal = [...own.values()].reduce((a, b) => a + b, 0);
  const restTotal = [...rest.values()].reduce((a, b) => a + b, 0);
  const vocabulary = new Set([...own.keys(), ...rest.keys()]).size || 1;
  const scored = [...own].map(([term, count]) => {
    const other = rest.get(term) ?? 0;
    const delta =
      Math.log((count + 0.5) / (ownTotal + 0.5 * vocabulary)) -
      Math.log((other + 0.5) / (restTotal + 0.5 * vocabulary));
    // a z-score, so a word said three times outranks one said once
    const score = delta / Math.sqrt(1 / (count + 0.5) + 1 / (other + 0.5));
    return { term, count, score };
  });
  return scored
    .filter((s) => s.score > 0)
    .sort((a, b) => b.score - a.score || b.count - a.count || (a.term < b.term ? -1 : 1))
    .slice(0, n)
    .map(({ term, count }) => ({ term, count }));
}

/** Quotes: attributed paragraphs first, then by framing hits, then by the strength of tone. */
function topQuotes(paragraphs: EventParagraph[]): SideQuote[] {
  return [...paragraphs]
    .sort(
      (a, b) =>
        Number(b.speaker !== null) - Number(a.speaker !== null) ||
        b.frames.length - a.frames.length ||
        Math.abs(b.tone) - Math.abs(a.tone) ||
        (a.articleId < b.articleId ? -1 : a.articleId > b.articleId ? 1 : a.index - b.index),
    )
    .slice(0, QUOTES_PER_SIDE)
    .map((p) => ({
      articleId: p.articleId,
      paragraphIndex: p.index,
      speaker: p.speaker,
      text: p.text,
      evidence: p.evidence,
      tone: p.tone,
      frames: p.frames,
    }));
}

function cosineOfCounts(a: Map<string, number>, b: Map<string, number>): number {
  let dot = 0;
  for (const [t, c] of a) dot += c * (b.get(t) ?? 0);
  const na = Math.sqrt([...a.values()].reduce((s, c) => s + c * c, 0));
  const nb = Math.sqrt([...b.values()].reduce((s, c) => s + c * c, 0));
  return na === 0 || nb === 0 ? 0 : dot / (na * nb);
}

export interface EventReadouts {
  sides: SideAccount[];
  /** null when fewer than two of the monitor's sides speak in the event */
  asymmetry: Asymmetry | null;
}

/**
 * Each side's account of the event and the asymmetry between the two sides that speak most.
 * `sideIds` are the monitor's sides, in the monitor's order; `mixed` and `neutral` paragraphs
 * get an account too (after the sides) but are never compared.
 */
export function compareReadouts(
  paragraphs: EventParagraph[],
  sideIds: string[],
  monitor: string,
): EventReadouts {
  const bySide = new Map<string, EventParagraph[]>();
  for (const p of paragraphs) bySide.set(p.side, [...(bySide.get(p.side) ?? []), p]);
  const order = [...sideIds, ...[...bySide.keys()].filter((s) => !sideIds.includes(s)).sort()];
  const words = new Map<string, Map<string, number>>();
  for (const [side, list] of bySide) words.set(side, countWords(list, monitor));

  const accounts: SideAccount[] = [];
  for (const side of order) {
    const list = bySide.get(side) ?? [];
    if (list.length === 0 && !sideIds.includes(side)) continue;
    const frames = new Map<string, SideFrame>();
    for (const p of list) {
      for (const f of p.frames) {
        const key = frameKey(f.frame, f.negated);
        const entry = frames.get(key) ?? { frame: f.frame, negated: f.negated, hits: 0 };
        entry.hits++;
        frames.set(key, entry);
      }
    }
    const rest = new Map<string, number>();
    const othersSpeak = sideIds.some((s) => s !== side && words.has(s));
    for (const [other, counts] of words) {
      if (other === side || (othersSpeak && !sideIds.includes(other))) continue;
      for (const [t, c] of counts) rest.set(t, (rest.get(t) ?? 0) + c);
    }
    accounts.push({
      side,
      paragraphs: list.length,
      articles: new Set(list.map((p) => p.articleId)).size,
      meanTone: list.length === 0 ? null : list.reduce((s, p) => s + p.tone, 0) / list.length,
      frames: [...frames.values()].sort(
        (a, b) =>
          b.hits - a.hits || (frameKey(a.frame, a.negated) < frameKey(b.frame, b.negated) ? -1 : 1),
      ),
      distinctiveTerms: distinctiveTerms(words.get(side) ?? new Map<string, number>(), rest),
      quotes: topQuotes(list),
    });
  }

  const speaking = accounts
    .filter((a) => sideIds.includes(a.side) && a.paragraphs > 0)
    .sort(
      (a, b) => b.paragraphs - a.paragraphs || sideIds.indexOf(a.side) - sideIds.indexOf(b.side),
    );
  if (speaking.length < 2) return { sides: accounts, asymmetry: null };
  const [first, second] = speaking;
  return { sides: accounts, asymmetry: asymmetryOf(first, second, words) };
}

function asymmetryOf(
  a: SideAccount,
  b: SideAccount,
  words: Map<string, Map<string, number>>,
): Asymmetry {
  const framesA = new Set(a.frames.map((f) => frameKey(f.frame, f.negated)));
  const framesB = new Set(b.frames.map((f) => frameKey(f.frame, f.negated)));
  const union = new Set([...framesA, ...framesB]);
  const onlyA = [...framesA].filter((f) => !framesB.has(f)).sort();
  const onlyB = [...framesB].filter((f) => !framesA.has(f)).sort();
  const frameDivergence = union.size === 0 ? 0 : (onlyA.length + onlyB.length) / union.size;
  const wordsA = words.get(a.side) ?? new Map<string, number>();
  const wordsB = words.get(b.side) ?? new Map<string, number>();
  const termDivergence = 1 - cosineOfCounts(wordsA, wordsB);
  const toneGap = (a.meanTone ?? 0) - (b.meanTone ?? 0);
  const score =
    ASYMMETRY_WEIGHTS.tone * Math.min(1, Math.abs(toneGap)) +
    ASYMMETRY_WEIGHTS.frames * frameDivergence +
    ASYMMETRY_WEIGHTS.terms * termDivergence;
  return {
    sides: [a.side, b.side],
    toneGap,
    framesOnlyIn: { [a.side]: onlyA, [b.side]: onlyB },
    frameDivergence,
    termsOnlyIn: {
      [a.side]: sortedEntries(wordsA)
        .filter(([t]) => !wordsB.has(t))
        .slice(0, DISTINCTIVE_TERMS)
        .map(([t]) => t),
      [b.side]: sortedEntries(wordsB)
        .filter(([t]) => !wordsA.has(t))
        .slice(0, DISTINCTIVE_TERMS)
        .map(([t]) => t),
    },
    termDivergence,
    score,
  };
}
