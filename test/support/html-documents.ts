/** Documents and timers shared by the extraction tests (the unit limits and the timing tier). */

export const PARAGRAPH =
  'The harbour authority said on Tuesday that the night shift would resume once the cranes ' +
  'were inspected, and the union said its members were ready to return.';

/**
 * A document `depth` elements deep (html, body, `depth - 3` divs, p) with nothing in it but two
 * paragraphs at the bottom: Readability's worst shape.
 */
export function nested(depth: number, tag = 'div'): string {
  const levels = depth - 3;
  return (
    `<html><head><title>Harbour shift</title></head><body>${`<${tag}>`.repeat(levels)}` +
    `<p>${PARAGRAPH}</p><p>${PARAGRAPH}</p>${`</${tag}>`.repeat(levels)}</body></html>`
  );
}

async function timed<T>(run: () => Promise<T>): Promise<number> {
  const started = performance.now();
  await run();
  return performance.now() - started;
}

/** The fastest of a few runs: what the work costs, with the least of the machine's other load. */
export async function fastest(runs: number, run: () => Promise<unknown>): Promise<number> {
  let best = Infinity;
  for (let i = 0; i < runs; i++) best = Math.min(best, await timed(run));
  return best;
}
