import type { Span } from '../types';

// Quotes and mentions are found left to right and never overlap, so they are sorted by start and
// by end: every "which of them lies here" question is a binary search, not a scan of the list.

/** Index of the first span whose start is at or after `pos`. */
export function firstStartingAt(spans: readonly Span[], pos: number): number {
  let lo = 0;
  let hi = spans.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (spans[mid].start < pos) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/** Whether `pos` lies inside one of the sorted, disjoint `spans`. */
export function inSpans(pos: number, spans: readonly Span[]): boolean {
  const k = firstStartingAt(spans, pos + 1) - 1;
  return k >= 0 && pos < spans[k].end;
}

/** The spans that lie wholly inside [start, end), in order. */
export function spansWithin<T extends Span>(spans: readonly T[], start: number, end: number): T[] {
  const out: T[] = [];
  for (let k = firstStartingAt(spans, start); k < spans.length && spans[k].start < end; k++)
    if (spans[k].end <= end) out.push(spans[k]);
  return out;
}

/** Whether any of the sorted, disjoint `spans` that overlap [start, end) satisfies `test`. */
export function someOverlapping<T extends Span>(
  spans: readonly T[],
  start: number,
  end: number,
  test: (span: T) => boolean = () => true,
): boolean {
  for (let k = firstStartingAt(spans, end) - 1; k >= 0 && spans[k].end > start; k--)
    if (test(spans[k])) return true;
  return false;
}

/** Index of the first number at or after `pos` in an ascending list. */
export function firstAtOrAfter(sorted: readonly number[], pos: number): number {
  let lo = 0;
  let hi = sorted.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (sorted[mid] < pos) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/** Index of the span containing `pos` among sorted, disjoint spans (sentences), or -1. */
export function indexContaining(spans: readonly Span[], pos: number): number {
  const k = firstStartingAt(spans, pos + 1) - 1;
  return k >= 0 && pos < spans[k].end ? k : -1;
}

/** Spans in any order, possibly overlapping, asked in log time whether any overlaps a span. */
export class SpanIndex {
  private readonly sorted: Span[];
  /** largest end among sorted[0..k] */
  private readonly maxEnd: number[] = [];

  constructor(spans: readonly Span[]) {
    this.sorted = [...spans].sort((a, b) => a.start - b.start);
    let max = -Infinity;
    for (const s of this.sorted) this.maxEnd.push((max = Math.max(max, s.end)));
  }

  overlaps(span: Span): boolean {
    const k = firstStartingAt(this.sorted, span.end) - 1;
    return k >= 0 && this.maxEnd[k] > span.start;
  }
}
