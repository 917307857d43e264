/** Four decimals: tone values and shares are read by people, and sums in floating point differ past that. */
export function round(value: number): number {
  return Math.round(value * 10_000) / 10_000 || 0;
}

/** A fraction of a count, or null when there is nothing to divide. */
export function share(part: number, whole: number): number | null {
  return whole === 0 ? null : round(part / whole);
}
