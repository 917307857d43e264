import { existsSync, readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { evaluate } from '../src/analysis';
import { formatReport, readLabelledSet } from '../src/cli/eval.command';

/**
 * Side accuracy and tone agreement on the rebuilt real-article development set. Its texts are
 * third-party articles, so they live outside the repository: rebuild them as
 * ../shared/tools/rebuild-real-articles.py explains and point DEVSET_FILE at the result
 * (default ../devset/articles-dev.jsonl beside the checkout).
 */
function main(): void {
  const path = resolve(
    process.env.DEVSET_FILE ?? `${__dirname}/../../../devset/articles-dev.jsonl`,
  );
  if (!existsSync(path)) {
    console.log(
      `bench:attribution skipped: no rebuilt development set at ${path} (set DEVSET_FILE; see ../shared/tools/rebuild-real-articles.py)`,
    );
    return;
  }
  const articles = readLabelledSet(readFileSync(path, 'utf8'), path);
  console.log(`${articles.length} article(s) from ${path}\n`);
  console.log(formatReport(evaluate(articles), process.argv.includes('--show-errors')));
  // Tone is tuned on the even-numbered articles and reported on the odd-numbered ones.
  for (const [name, half] of [
    ['tuning half (even)', articles.filter((_, i) => i % 2 === 0)],
    ['held-out half (odd)', articles.filter((_, i) => i % 2 === 1)],
  ] as const) {
    const tone = evaluate(half).tone;
    if (tone)
      console.log(
        `${name}: tone r ${tone.r.toFixed(3)}, label accuracy ${(100 * tone.accuracy).toFixed(1)}% over ${tone.paragraphs}`,
      );
  }
}

main();
