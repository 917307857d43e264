import { readFileSync } from 'node:fs';
import { cpus } from 'node:os';
import Sentiment from 'sentiment';
import { SentimentIntensityAnalyzer } from 'vader-sentiment';
import { analyzeArticle } from '../src/analysis';
import { sharedFile } from './support/shared';
import { pearson, seededRandom } from './support/stats';

interface Row {
  editorial: number;
  rating: number;
  text: string;
}

function load(path: string): Row[] {
  return readFileSync(path, 'utf8')
    .trim()
    .split('\n')
    .slice(1)
    .map((line) => {
      const [id, rating, ...text] = line.split('\t');
      return { editorial: Number(id.split('_')[0]), rating: Number(rating), text: text.join('\t') };
    });
}

/** ~100-word paragraphs of dev sentences drawn in a seeded random order. */
function buildParagraphs(rows: Row[], count: number): string[] {
  const random = seededRandom(42);
  const out: string[] = [];
  for (let p = 0; p < count; p++) {
    const parts: string[] = [];
    let words = 0;
    const target = 80 + Math.floor(random() * 40);
    while (words < target) {
      const s = rows[Math.floor(random() * rows.length)].text;
      parts.push(s);
      words += s.split(/\s+/).length;
    }
    out.push(parts.join(' '));
  }
  return out;
}

/**
 * Paragraphs per second for each function: rounds are interleaved and the best round of each
 * is kept, so load from other processes on a shared machine skews both sides alike.
 */
function throughput(paragraphs: string[], fns: ((p: string) => unknown)[], rounds = 12): number[] {
  const best = fns.map(() => Infinity);
  for (const fn of fns) for (const p of paragraphs) fn(p);
  for (let r = 0; r < rounds; r++) {
    fns.forEach((fn, k) => {
      const start = process.hrtime.bigint();
      for (const p of paragraphs) fn(p);
      best[k] = Math.min(best[k], Number(process.hrtime.bigint() - start) / 1e9);
    });
  }
  return best.map((seconds) => paragraphs.length / seconds);
}

function fmt(r: number): string {
  return r.toFixed(3);
}

function main(): void {
  const path = sharedFile('data/nyt-editorial-dev.tsv');
  if (!path) {
    console.warn('bench:analysis skipped: ../shared/data/nyt-editorial-dev.tsv is absent');
    return;
  }
  const rows = load(path);
  const sentiment = new Sentiment();
  const ratings = rows.map((r) => r.rating);
  const tonewatch = rows.map((r) => analyzeArticle(r.text).paragraphs[0]?.tone.value ?? 0);
  const raw = rows.map((r) => sentiment.analyze(r.text).comparative);
  const vader = rows.map((r) => SentimentIntensityAnalyzer.polarity_scores(r.text).compound);
  const half = (odd: boolean): number[] =>
    rows.flatMap((r, i) => ((r.editorial % 2 === 1) === odd ? [i] : []));
  const odd = half(true);
  const even = half(false);
  const r = (xs: number[], idx?: number[]): number =>
    idx
      ? pearson(
          idx.map((i) => xs[i]),
          idx.map((i) => ratings[i]),
        )
      : pearson(xs, ratings);

  console.log(
    `NYT editorial dev set: ${rows.length} sentences (${odd.length} in odd editorials, ${even.length} in even)`,
  );
  console.log('Pearson r vs mean human rating     full   odd(tuning)  even(held out)');
  for (const [name, xs] of [
    ['Tonewatch value', tonewatch],
    ['sentiment comparative (AFINN)', raw],
    ['vader-sentiment compound', vader],
  ] as const) {
    console.log(
      `  ${name.padEnd(32)} ${fmt(r(xs))}  ${fmt(r(xs, odd))}        ${fmt(r(xs, even))}`,
    );
  }

  const paragraphs = buildParagraphs(rows, 400);
  const words = paragraphs.reduce((n, p) => n + p.split(/\s+/).length, 0) / paragraphs.length;
  const [rawRate, twRate] = throughput(paragraphs, [
    (p) => sentiment.analyze(p),
    (p) => analyzeArticle(p),
  ]);
  console.log(
    `\nThroughput on ${paragraphs.length} paragraphs of ${words.toFixed(0)} words on average (one core, best of 12 interleaved rounds):`,
  );
  console.log(`  sentiment.analyze                ${rawRate.toFixed(0)} paragraphs/s`);
  console.log(
    `  Tonewatch analyzeArticle         ${twRate.toFixed(0)} paragraphs/s (${((twRate / rawRate) * 100).toFixed(0)}% of raw)`,
  );
  console.log(
    `\nNode ${process.version}, ${cpus().length} cores, ${cpus()[0]?.model ?? 'unknown CPU'}`,
  );
}

main();
