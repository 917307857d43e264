import data from './data/frames.json';
import { F_NEGATOR, NONE, type Tokens } from './tokens';
import type { FrameHit, Span } from './types';

export interface FrameDefinition {
  id: string;
  meaning: string;
  polarity: number;
  patterns: string[];
  note: string;
}

export const FRAMES: readonly FrameDefinition[] = data.frames;

/** One word position of a pattern: exact words, prefixes ("oppos*"), or a gap of up to 2 words. */
interface Slot {
  exact: Set<string>;
  prefixes: string[];
  gap: boolean;
}

export interface Pattern {
  frame: string;
  slots: Slot[];
}

const PREFIX_KEY = 4;
const byWord = new Map<string, Pattern[]>();
const byPrefix = new Map<string, Pattern[]>();

function addTo(index: Map<string, Pattern[]>, key: string, p: Pattern): void {
  const list = index.get(key) ?? [];
  list.push(p);
  list.sort((a, b) => b.slots.length - a.slots.length);
  index.set(key, list);
}

for (const frame of FRAMES) {
  for (const source of frame.patterns) {
    const slots: Slot[] = source.split(' ').map((word) => {
      if (word === '~') return { exact: new Set(), prefixes: [], gap: true };
      const alts = word.split('|');
      const prefixes = alts.filter((a) => a.endsWith('*')).map((a) => a.slice(0, -1));
      for (const prefix of prefixes) {
        if (prefix.length < PREFIX_KEY)
          throw new Error(`frame ${frame.id}: prefix '${prefix}*' is too short`);
      }
      return { exact: new Set(alts.filter((a) => !a.endsWith('*'))), prefixes, gap: false };
    });
    const pattern = { frame: frame.id, slots };
    for (const w of slots[0].exact) addTo(byWord, w, pattern);
    for (const prefix of slots[0].prefixes) addTo(byPrefix, prefix.slice(0, PREFIX_KEY), pattern);
  }
}

function slotMatches(slot: Slot, word: string): boolean {
  if (slot.exact.has(word)) return true;
  for (const prefix of slot.prefixes) if (word.startsWith(prefix)) return true;
  return false;
}

/** Index of the last token matched, or -1; words inside a match may not be split by punctuation. */
function matchAt(t: Tokens, slots: Slot[], k: number, i: number): number {
  if (k === slots.length) return i - 1;
  if (i >= t.lower.length || (k > 0 && t.gap[i] !== NONE)) return -1;
  const slot = slots[k];
  if (slot.gap) {
    // Longest match first: "promote coordination and cooperation", not "promote coordination".
    for (let skip = 2; skip >= 0; skip--) {
      let clear = i + skip <= t.lower.length;
      for (let j = i + 1; j <= i + skip && clear; j++)
        clear = j >= t.lower.length || t.gap[j] === NONE;
      if (!clear) continue;
      const end = matchAt(t, slots, k + 1, i + skip);
      if (end >= 0) return end;
    }
    return -1;
  }
  return slotMatches(slot, t.lower[i]) ? matchAt(t, slots, k + 1, i + 1) : -1;
}

/** Patterns whose first word can be `word`, longest first; undefined when none. */
export function framesStartingWith(word: string): Pattern[] | undefined {
  const exact = byWord.get(word);
  const prefixed = word.length >= PREFIX_KEY ? byPrefix.get(word.slice(0, PREFIX_KEY)) : undefined;
  const matching = prefixed?.filter((p) => p.slots[0].prefixes.some((x) => word.startsWith(x)));
  if (!exact && !matching?.length) return undefined;
  return [...(exact ?? []), ...(matching ?? [])];
}

export interface RawFrameHit extends Span {
  frame: string;
  phrase: string;
  negated: boolean;
}

export function findFrames(text: string, t: Tokens): RawFrameHit[] {
  const hits: RawFrameHit[] = [];
  const n = t.lower.length;
  for (let i = 0; i < n; i++) {
    const candidates = t.info[i].frames;
    if (!candidates) continue;
    let best: { frame: string; end: number } | null = null;
    for (const p of candidates) {
      const end = matchAt(t, p.slots, 0, i);
      if (end >= 0 && (!best || end > best.end)) best = { frame: p.frame, end };
    }
    if (!best) continue;
    let negated = false;
    for (let j = i - 1; j >= 0 && j >= i - 3 && t.gap[j + 1] === NONE; j--) {
      if (t.info[j].flags & F_NEGATOR) {
        negated = true;
        break;
      }
    }
    const start = t.start[i];
    const end = t.end[best.end];
    hits.push({ frame: best.frame, phrase: text.slice(start, end), negated, start, end });
    i = best.end;
  }
  return hits;
}

export function withSide(hit: RawFrameHit, side: string): FrameHit {
  return {
    frame: hit.frame,
    phrase: hit.phrase,
    side,
    negated: hit.negated,
    start: hit.start,
    end: hit.end,
  };
}
