import { monitorEventLoopDelay } from 'node:perf_hooks';
import { analyzeArticle } from '../../src/analysis';

// Analysis must be linear in its input: a run-on paragraph ten times longer may take at most
// about twelve times longer, and no single analysis may hold the event loop for a second.
// Each shape stresses one part of attribution (docs/analysis.md, "Speed").

function repeat(unit: string | ((k: number) => string), times: number, separator = ' '): string {
  return Array.from({ length: times }, (_, k) => (typeof unit === 'string' ? unit : unit(k))).join(
    separator,
  );
}

/** A made-up surname per index: "Ban", "Can", …, "Bcan", … (no real person). */
function surname(k: number): string {
  const letters = 'bcdfghjklmnprstvwz';
  let s = '';
  let x = k;
  do {
    s += letters[x % letters.length];
    x = Math.floor(x / letters.length);
  } while (x > 0);
  return `${s[0].toUpperCase()}${s.slice(1)}an`;
}

// Each longer input costs at most about 100 ms of CPU time, so the file stays within a few
// seconds. Even linear code costs somewhat more per character on a larger input (it no longer
// fits in the CPU's caches, and garbage collection has more to trace), so a ratio above 12 is
// measured again, up to five times, before the test fails.
const SHAPES: { name: string; text: (times: number) => string; times: number }[] = [
  { name: "'said' as one run-on sentence", text: (n) => repeat('said', n), times: 4_000 },
  { name: "'said.' as many sentences", text: (n) => repeat('said.', n), times: 1_500 },
  { name: "'said,' as one sentence of clauses", text: (n) => repeat('said,', n), times: 4_000 },
  { name: 'attributed sentences', text: (n) => repeat('China said.', n), times: 500 },
  {
    name: 'quotations and attributions',
    text: (n) => repeat('"Maybe," China said.', n),
    times: 400,
  },
  {
    name: 'scored sentences that open with a contrast (tone)',
    text: (n) => repeat('It was good. But it was bad.', n),
    times: 1_500,
  },
  { name: 'quoted reporting verbs', text: (n) => repeat('"said"', n), times: 3_000 },
  { name: 'source markers', text: (n) => repeat('according to', n), times: 2_000 },
  { name: 'periods of abbreviations', text: (n) => repeat('a.', n, ''), times: 10_000 },
  {
    name: 'a new name learned in every sentence',
    text: (n) => repeat((k) => `Chinese official Wei ${surname(k)} said.`, n),
    times: 200,
  },
  {
    name: 'learned names sharing a first word',
    text: (n) => repeat((k) => `Chinese official Wei ${surname(k)} said. Wei said.`, n),
    times: 150,
  },
];

/**
 * Best of `runs` timings in milliseconds of CPU time: the machine is shared, and CPU time does
 * not count the time the test waits for a core, which wall time would.
 */
function best(text: string, runs: number): number {
  let min = Infinity;
  for (let r = 0; r < runs; r++) {
    const before = process.cpuUsage();
    analyzeArticle(text);
    const used = process.cpuUsage(before);
    min = Math.min(min, (used.user + used.system) / 1e3);
  }
  return min;
}

const nextTurn = (): Promise<void> => new Promise((resolve) => setImmediate(resolve));

describe('analysis is linear in the length of a paragraph', () => {
  beforeAll(() => {
    analyzeArticle('Warm-up. The spokesman said it was fine.');
  });

  it.each(SHAPES)('$name: 10x longer takes at most about 12x longer', async ({ text, times }) => {
    const short = text(times);
    const long = text(times * 10);
    analyzeArticle(short); // compiles the shape's code paths; not timed
    let ratio = Infinity;
    for (let attempt = 0; attempt < 5 && ratio > 12; attempt++) {
      await nextTurn();
      const small = best(short, 3);
      await nextTurn();
      const large = best(long, 2);
      // A floor of 3 ms keeps timer noise on a tiny input from making the ratio meaningless.
      ratio = Math.min(ratio, large / Math.max(small, 3));
    }
    expect(ratio).toBeLessThanOrEqual(12);
  });

  it('never blocks the event loop for a second', async () => {
    // Each longer input alone in a turn of the event loop; the histogram records how long the
    // loop was held. Wall time on a shared machine includes waiting for a core, so a round
    // over 1 s is run again (up to three rounds) before the test fails.
    const inputs = SHAPES.map(({ text, times }) => text(times * 10));
    let worst = Infinity;
    for (let round = 0; round < 3 && worst >= 1_000; round++) {
      const delay = monitorEventLoopDelay({ resolution: 10 });
      delay.enable();
      for (const input of inputs) {
        await nextTurn();
        analyzeArticle(input);
      }
      await nextTurn();
      delay.disable();
      worst = Math.min(worst, delay.max / 1e6);
    }
    expect(worst).toBeLessThan(1_000);
  });
});
