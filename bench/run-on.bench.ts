import { cpus } from 'node:os';
import { analyzeArticle, MAX_ARTICLE_CHARS } from '../src/analysis';

/**
 * Analysis time of run-on paragraphs, the inputs that used to make attribution quadratic:
 * "said" repeated with no punctuation, as sentences, as clauses, attributed to an actor, after
 * quotations. Each line gives the wall time of one analysis (best of three, after a warm-up).
 * A shape whose input would pass the article limit is not run. Pass a number to skip shapes
 * longer than that many milliseconds at the previous size (default 20,000).
 */
const SHAPES: [string, string][] = [
  ['said', 'said'],
  ['said.', 'said.'],
  ['said,', 'said,'],
  ['China said.', 'China said.'],
  ['"Maybe," China said.', '"Maybe," China said.'],
];
const SIZES = [2_000, 4_000, 8_000, 16_000, 32_000, 98_000];

function time(text: string): number {
  let best = Infinity;
  for (let run = 0; run < 3; run++) {
    const t0 = process.hrtime.bigint();
    analyzeArticle(text);
    best = Math.min(best, Number(process.hrtime.bigint() - t0) / 1e6);
    if (best > 5_000) break; // one run of a slow input is enough
  }
  return best;
}

function main(): void {
  const giveUp = Number(process.argv[2] ?? 20_000);
  console.log(`${cpus().length} cores, Node ${process.version}`);
  analyzeArticle('Warm-up. The spokesman said the talks were fine.');
  for (const [name, unit] of SHAPES) {
    const cells: string[] = [];
    let previous = 0;
    for (const n of SIZES) {
      const text = Array.from({ length: n }, () => unit).join(' ');
      if (text.length > MAX_ARTICLE_CHARS || previous > giveUp) {
        cells.push(`${n}: -`);
        continue;
      }
      previous = time(text);
      cells.push(`${n}: ${previous.toFixed(0)} ms`);
    }
    console.log(`${JSON.stringify(name).padEnd(24)} ${cells.join('  ')}`);
  }
}

main();
