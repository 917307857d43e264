import Sentiment from 'sentiment';
import { SentimentIntensityAnalyzer } from 'vader-sentiment';
import {
  evaluate,
  pearson,
  toneClass,
  type LabelledArticle,
  type ToneLabel,
} from '../src/analysis';
import { formatReport } from '../src/cli/eval.command';
import { readDevset } from './support/shared';

/**
 * Side accuracy and tone agreement on the rebuilt real-article development set. Its texts are
 * third-party articles, so they live outside the repository: rebuild them as
 * ../shared/tools/rebuild-real-articles.py explains and point DEVSET_FILE at the result
 * (default ../devset/articles-dev.jsonl beside the checkout). Tone is calibrated on the
 * even-numbered articles (npm run bench:tone-calibration) and reported on the odd-numbered ones,
 * with VADER and raw AFINN beside it on the same paragraphs.
 */

const sentiment = new Sentiment();

/** Label by sign with a dead zone, as each scorer's own convention has it. */
function bySign(value: number, deadZone: number): ToneLabel {
  return value >= deadZone ? 'positive' : value <= -deadZone ? 'negative' : 'neutral';
}

const REFERENCES: { name: string; score: (text: string) => number; deadZone: number }[] = [
  // VADER's documented thresholds for its compound score
  {
    name: 'vader-sentiment compound',
    score: (t) => SentimentIntensityAnalyzer.polarity_scores(t).compound,
    deadZone: 0.05,
  },
  // AFINN has no neutral band of its own: any hit decides
  { name: 'raw AFINN comparative', score: (t) => sentiment.analyze(t).comparative, deadZone: 1e-9 },
];

function referenceLine(articles: LabelledArticle[], ref: (typeof REFERENCES)[number]): string {
  const paragraphs = articles.flatMap((a) => a.paragraphs).filter((p) => p.tone !== undefined);
  const scores = paragraphs.map((p) => ref.score(p.text));
  const labels = paragraphs.map((p) => p.tone!);
  const correct = paragraphs.filter(
    (p, i) => bySign(scores[i], ref.deadZone) === toneClass(p.tone!),
  ).length;
  return `${ref.name}: r ${pearson(scores, labels).toFixed(3)}, label accuracy ${((100 * correct) / paragraphs.length).toFixed(1)}%`;
}

function main(): void {
  const devset = readDevset('bench:attribution');
  if (!devset) return;
  const { path, articles } = devset;
  console.log(`${articles.length} article(s) from ${path}\n`);
  console.log(formatReport(evaluate(articles), process.argv.includes('--show-errors')));
  for (const [name, half] of [
    ['tuning half (d01, d03, …)', articles.filter((_, i) => i % 2 === 0)],
    ['held-out half (d02, d04, …)', articles.filter((_, i) => i % 2 === 1)],
  ] as const) {
    const tone = evaluate(half).tone;
    if (!tone) continue;
    const c = tone.confusion;
    console.log(
      `\n${name}: Tonewatch tone r ${tone.r.toFixed(3)}, label accuracy ${(100 * tone.accuracy).toFixed(1)}% over ${tone.paragraphs}`,
    );
    console.log(
      `  confusion (labelled → Tonewatch): negative ${c.negative.negative}/${c.negative.neutral}/${c.negative.positive}, neutral ${c.neutral.negative}/${c.neutral.neutral}/${c.neutral.positive}, positive ${c.positive.negative}/${c.positive.neutral}/${c.positive.positive} (as negative/neutral/positive)`,
    );
    for (const ref of REFERENCES) console.log(`  ${referenceLine(half, ref)}`);
  }
}

main();
