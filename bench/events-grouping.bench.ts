import { join } from 'node:path';
import { projectRoot } from '../src/http/project-root';
import {
  articleTerms,
  GROUPING,
  groupAsArriving,
  groupInOrder,
  pairwiseScores,
  readLabelledEventSet,
} from '../src/events/core';

/**
 * Pairwise precision and recall of event grouping on the labelled set (written for this
 * project: test/fixtures/events/grouping-set.json, or the file given as the first argument).
 * The articles are grouped as the worker groups them, one by one in time order
 * (groupInOrder), and every pair of articles is checked against the labels.
 */
function main(): void {
  const file =
    process.argv.slice(2).find((a) => !a.startsWith('-')) ??
    join(projectRoot(__dirname), 'test/fixtures/events/grouping-set.json');
  const set = readLabelledEventSet(file);
  const started = process.hrtime.bigint();
  const articles = set.articles.map((a) => ({
    id: a.id,
    occurredAt: Date.parse(a.publishedAt),
    terms: articleTerms(a.title, a.text, set.monitor),
  }));
  const predicted = groupInOrder(articles);
  const ms = Number(process.hrtime.bigint() - started) / 1e6;
  const gold = new Map(set.articles.map((a) => [a.id, a.event]));
  const scores = pairwiseScores(gold, predicted);
  const goldEvents = new Set(set.articles.map((a) => a.event).filter((e) => e !== null)).size;
  const unrelated = set.articles.filter((a) => a.event === null).length;
  const predictedEvents = new Set(predicted.values()).size;
  console.log(`labelled set: ${file}`);
  console.log(
    `${set.articles.length} articles: ${goldEvents} events, ${unrelated} unrelated; grouped into ${predictedEvents} events in ${ms.toFixed(0)} ms`,
  );
  console.log(
    `settings: threshold ${GROUPING.threshold}, gap ${GROUPING.maxGapMs / 3_600_000} h, span ${GROUPING.maxSpanMs / 86_400_000} d, time discount ${GROUPING.gapDiscount}`,
  );
  console.log(
    `pairwise precision ${scores.precision.toFixed(3)} (${scores.truePairs}/${scores.predictedPairs})  recall ${scores.recall.toFixed(3)} (${scores.truePairs}/${scores.goldPairs})  F1 ${scores.f1.toFixed(3)}`,
  );
  // how much the figures depend on the one tuned setting
  const sweep = [0.12, 0.16, 0.2, 0.22, 0.26, 0.3, 0.35].map((threshold) => {
    const s = pairwiseScores(gold, groupInOrder(articles, threshold));
    return `${threshold.toFixed(2)}: P ${s.precision.toFixed(3)} R ${s.recall.toFixed(3)}`;
  });
  console.log(`threshold sweep: ${sweep.join(' | ')}`);
  // the worker groups articles as they are scored, which is not always in time order
  const orders = shuffledOrders(articles.length, 50);
  for (const threshold of [0.22, GROUPING.threshold, 0.12]) {
    const shuffled = orders.map((order) =>
      pairwiseScores(gold, groupAsArriving(articles, order, threshold)),
    );
    const mean = (f: (s: (typeof shuffled)[number]) => number) =>
      shuffled.reduce((sum, s) => sum + f(s), 0) / shuffled.length;
    const min = (f: (s: (typeof shuffled)[number]) => number) => Math.min(...shuffled.map(f));
    console.log(
      `${orders.length} shuffled arrival orders, threshold ${threshold.toFixed(2)}: precision mean ${mean((s) => s.precision).toFixed(3)} min ${min((s) => s.precision).toFixed(3)}  recall mean ${mean((s) => s.recall).toFixed(3)} min ${min((s) => s.recall).toFixed(3)}`,
    );
  }
  if (process.argv.includes('--show')) {
    const byEvent = new Map<string, string[]>();
    for (const a of set.articles) {
      const e = predicted.get(a.id)!;
      byEvent.set(e, [...(byEvent.get(e) ?? []), `${a.id} [${a.event ?? '-'}]`]);
    }
    for (const [e, ids] of byEvent) console.log(`${e}: ${ids.join(', ')}`);
  }
}

/** Deterministic shuffles (a fixed-seed LCG), so every run measures the same orders. */
function shuffledOrders(n: number, count: number): number[][] {
  let seed = 20261102;
  const next = () => {
    seed = (seed * 1103515245 + 12345) % 2147483648;
    return seed / 2147483648;
  };
  return Array.from({ length: count }, () => {
    const order = Array.from({ length: n }, (_, i) => i);
    for (let i = n - 1; i > 0; i--) {
      const j = Math.floor(next() * (i + 1));
      [order[i], order[j]] = [order[j], order[i]];
    }
    return order;
  });
}

main();
