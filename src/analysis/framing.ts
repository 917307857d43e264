import data from './data/frames.json';
import type { FrameHit, Span } from './types';

export interface FrameDefinition {
  id: string;
  meaning: string;
  polarity: number;
  patterns: string[];
  note: string;
}

export const FRAMES: readonly FrameDefinition[] = data.frames;

const NEGATION_BEFORE =
  /(?:^|\W)(?:not|never|no|hardly|without|n't|neither|nor|cannot|wasn't|weren't|isn't|aren't|didn't|doesn't|don't|won't|hasn't|haven't)\s+(?:\w+\s+){0,2}$/i;

function slotPattern(slot: string): string {
  return `(?:${slot
    .split('|')
    .map((alt) => (alt.endsWith('*') ? `${escape(alt.slice(0, -1))}[\\w-]*` : escape(alt)))
    .join('|')})`;
}

function escape(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

function phrasePattern(pattern: string): string {
  let out = '';
  let gap = false;
  for (const slot of pattern.split(' ')) {
    if (slot === '~') {
      gap = true;
      continue;
    }
    if (out) out += gap ? '(?:\\s+[\\w-]+,?){0,2}\\s+' : '\\s+';
    out += slotPattern(slot);
    gap = false;
  }
  return out;
}

// One regex for every frame: one capture group per frame, so a paragraph is scanned once.
const COMBINED = new RegExp(
  FRAMES.map((f) => {
    const alternatives = f.patterns.map(phrasePattern).sort((a, b) => b.length - a.length);
    return `(${alternatives.join('|')})`;
  })
    .map((group) => `(?<![\\w-])${group}(?![\\w])`)
    .join('|'),
  'gi',
);

export interface RawFrameHit extends Span {
  frame: string;
  phrase: string;
  negated: boolean;
}

export function findFrames(text: string): RawFrameHit[] {
  const hits: RawFrameHit[] = [];
  COMBINED.lastIndex = 0;
  for (let m = COMBINED.exec(text); m; m = COMBINED.exec(text)) {
    let g = 1;
    while (g < m.length && m[g] === undefined) g++;
    const frame = FRAMES[g - 1];
    const start = m.index;
    const window = text.slice(Math.max(0, start - 40), start);
    const clause = window.slice(
      Math.max(window.lastIndexOf(','), window.lastIndexOf(';'), window.lastIndexOf('.')) + 1,
    );
    hits.push({
      frame: frame.id,
      phrase: m[0],
      negated: NEGATION_BEFORE.test(clause),
      start,
      end: start + m[0].length,
    });
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
