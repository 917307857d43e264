import { readFileSync } from 'node:fs';
import {
  analyzeArticle,
  analyseLabelled,
  isNarration,
  pearson,
  TONE_PARAMS,
  toneClass,
  type LabelledArticle,
  type ToneLabel,
  type ToneParams,
} from '../src/analysis';
import { readDevset, sharedFile } from './support/shared';

/**
 * Learns the tone parameters that are calibrated on labels (the neutral bands and the weights of
 * word kinds) from the tuning half of the real-article development set (articles at even positions
 * of the file: ids d01, d03, …), then reports the held-out half (d02, d04, …) with the chosen
 * values. The choice maximises 3-class label accuracy on the tuning half; ties go to the higher
 * Pearson r there, then to the wider band (the more conservative reading). Weights that would take the NYT editorial sentences'
 * tuning half (odd editorials) below r 0.515 are not considered, so tone on news editorials keeps
 * its level (the word-level rules were tuned there to about 0.52). Prints the block to copy into
 * src/analysis/data/tone-params.json.
 */
const NYT_FLOOR = 0.515;

const WEIGHT_GRID: Record<string, number[]> = {
  alpha: [10, 15],
  eventFactor: [1, 0.5],
  narratedEventFactor: [0, 0.25, 0.5],
  conditionalFactor: [1, 0.3],
};
const BANDS = [0.1, 0.15, 0.2, 0.25, 0.3, 0.35, 0.4, 0.5];

interface Scored {
  value: number;
  label: number;
  narrated: boolean;
}

function combos(grid: Record<string, number[]>): Partial<ToneParams>[] {
  return Object.entries(grid).reduce<Partial<ToneParams>[]>(
    (acc, [key, values]) => acc.flatMap((c) => values.map((v) => ({ ...c, [key]: v }))),
    [{}],
  );
}

function score(articles: LabelledArticle[], toneParams: Partial<ToneParams>): Scored[] {
  return articles.flatMap((article) =>
    analyseLabelled(article, { toneParams }).flatMap((p, i) => {
      const label = article.paragraphs[i].tone;
      return label === undefined ? [] : [{ value: p.tone.value, label, narrated: isNarration(p) }];
    }),
  );
}

function classify(s: Scored, band: number, narratedBand: number): ToneLabel {
  const t = s.narrated ? narratedBand : band;
  return s.value >= t ? 'positive' : s.value <= -t ? 'negative' : 'neutral';
}

function accuracy(rows: Scored[], band: number, narratedBand: number): number {
  return (
    rows.filter((s) => classify(s, band, narratedBand) === toneClass(s.label)).length / rows.length
  );
}

function r(rows: Scored[]): number {
  return pearson(
    rows.map((s) => s.value),
    rows.map((s) => s.label),
  );
}

interface Rated {
  text: string;
  rating: number;
}

/** Sentences of the odd-numbered NYT editorials: the tuning half of that set. */
function nytTuningHalf(): Rated[] {
  const path = sharedFile('data/nyt-editorial-dev.tsv');
  if (!path) return [];
  return readFileSync(path, 'utf8')
    .trim()
    .split('\n')
    .slice(1)
    .map((line) => line.split('\t'))
    .filter(([id]) => Number(id.split('_')[0]) % 2 === 1)
    .map(([, rating, ...text]) => ({ text: text.join('\t'), rating: Number(rating) }));
}

function nytR(rows: Rated[], toneParams: Partial<ToneParams>): number {
  return pearson(
    rows.map((s) => analyzeArticle(s.text, { toneParams }).paragraphs[0]?.tone.value ?? 0),
    rows.map((s) => s.rating),
  );
}

function main(): void {
  const devset = readDevset('bench:tone-calibration');
  if (!devset) return;
  const { path, articles } = devset;
  const tuning = articles.filter((_, i) => i % 2 === 0);
  const heldOut = articles.filter((_, i) => i % 2 === 1);

  const nyt = nytTuningHalf();
  if (nyt.length === 0) console.log('NYT editorial set absent: its floor is not applied');
  let best: { params: Partial<ToneParams>; accuracy: number; r: number; width: number } | null =
    null;
  for (const weights of combos(WEIGHT_GRID)) {
    if (nyt.length > 0 && nytR(nyt, weights) < NYT_FLOOR) continue;
    const rows = score(tuning, weights);
    const tuningR = r(rows);
    for (const band of BANDS) {
      for (const narratedBand of BANDS) {
        const acc = accuracy(rows, band, narratedBand);
        const width = band + narratedBand;
        const better =
          !best ||
          acc > best.accuracy + 1e-9 ||
          (Math.abs(acc - best.accuracy) < 1e-9 &&
            (tuningR > best.r + 1e-9 || (Math.abs(tuningR - best.r) < 1e-9 && width > best.width)));
        if (better) {
          best = {
            params: { ...weights, labelThreshold: band, narratedLabelThreshold: narratedBand },
            accuracy: acc,
            r: tuningR,
            width,
          };
        }
      }
    }
  }
  if (!best) {
    console.log(`no weights keep the NYT tuning half at r ${NYT_FLOOR} or above`);
    process.exitCode = 1;
    return;
  }
  const params = best.params;
  const held = score(heldOut, params);
  const shipped = score(heldOut, {});
  const shippedAccuracy = accuracy(
    shipped,
    TONE_PARAMS.labelThreshold,
    TONE_PARAMS.narratedLabelThreshold,
  );
  console.log(`${tuning.length} tuning and ${heldOut.length} held-out article(s) from ${path}`);
  console.log(
    `chosen on the tuning half: label accuracy ${(100 * best.accuracy).toFixed(1)}%, r ${best.r.toFixed(3)}`,
  );
  console.log(
    `held-out half with the chosen values: label accuracy ${(100 * accuracy(held, params.labelThreshold!, params.narratedLabelThreshold!)).toFixed(1)}%, r ${r(held).toFixed(3)} over ${held.length} paragraphs`,
  );
  console.log(
    `held-out half with the shipped tone-params.json: label accuracy ${(100 * shippedAccuracy).toFixed(1)}%, r ${r(shipped).toFixed(3)}`,
  );
  if (nyt.length > 0)
    console.log(`NYT tuning half r with the chosen values: ${nytR(nyt, params).toFixed(3)}`);
  console.log(
    `\nvalues for src/analysis/data/tone-params.json:\n${JSON.stringify(params, null, 2)}`,
  );
}

main();
