import { existsSync } from 'node:fs';
import { cpus, totalmem } from 'node:os';
import { resolve } from 'node:path';
import {
  DEFAULT_DETECTOR,
  DEFAULT_EPISODE,
  DEFAULT_EVIDENCE,
  type DetectorRule,
  type Metric,
  replay,
} from '../src/alerts/detection';
import {
  multiplyNegativeShare,
  type ParagraphPool,
  devSetPool,
  paragraphStats,
  projectPool,
  seededRandom,
  shiftTone,
  simulateStream,
  type StreamOptions,
} from './alert-streams';

/**
 * Detector quality with the default settings, over many simulated streams of one side:
 * false alarms per 1,000 articles when nothing changes, and the delay (in articles) until a
 * shift that starts at a random article is detected.
 */

const STREAMS_WITHOUT_CHANGE = Number(process.env.BENCH_STREAMS ?? 200);
const ARTICLES_PER_STREAM = 1_000;
const STREAMS_PER_SHIFT = Number(process.env.BENCH_SHIFT_STREAMS ?? 300);
const ARTICLES_AFTER_CHANGE = 200;
const START = new Date('2025-03-01T00:00:00Z');
const DEV_SET = resolve(process.cwd(), '../shared/data/nyt-editorial-dev.tsv');

function ruleFor(metric: Metric): DetectorRule {
  return {
    metric,
    direction: 'both',
    detector: DEFAULT_DETECTOR,
    evidence: DEFAULT_EVIDENCE,
    episode: DEFAULT_EPISODE,
    silenceAfterSeconds: null,
  };
}

function baseOptions(metric: Metric): Omit<StreamOptions, 'articles'> {
  return {
    warmupDays: DEFAULT_DETECTOR.baselineDays + DEFAULT_DETECTOR.excludeRecentDays + 1,
    articlesPerDay: 12,
    outlets: 6,
    start: START,
    flag: (p) => (metric === 'tone' ? false : p.negative),
  };
}

function falseAlarmsPer1000(pool: ParagraphPool, metric: Metric, seed: number): number {
  let alarms = 0;
  for (let s = 0; s < STREAMS_WITHOUT_CHANGE; s++) {
    const random = seededRandom(seed + s);
    const { observations } = simulateStream(pool, random, {
      ...baseOptions(metric),
      articles: ARTICLES_PER_STREAM,
    });
    const { events } = replay(ruleFor(metric), observations, { from: START });
    alarms += events.filter((e) => e.type === 'fired').length;
  }
  return (alarms / (STREAMS_WITHOUT_CHANGE * ARTICLES_PER_STREAM)) * 1000;
}

interface DelayResult {
  median: number;
  p90: number;
  missed: number;
  alarmsBeforeChange: number;
  runs: number;
}

function detectionDelay(
  pool: ParagraphPool,
  metric: Metric,
  channel: 'up' | 'down',
  apply: NonNullable<StreamOptions['change']>['apply'],
  seed: number,
): DelayResult {
  const delays: number[] = [];
  let alarmsBeforeChange = 0;
  for (let s = 0; s < STREAMS_PER_SHIFT; s++) {
    const random = seededRandom(seed + s);
    const atArticle = 20 + Math.floor(random() * 40);
    const { observations, firstMonitored } = simulateStream(pool, random, {
      ...baseOptions(metric),
      articles: atArticle + ARTICLES_AFTER_CHANGE,
      change: { atArticle, apply },
    });
    const changeAt = observations[firstMonitored + atArticle].occurredAt;
    const { events } = replay(ruleFor(metric), observations, { from: START });
    const fired = events.filter((e) => e.type === 'fired');
    if (fired.some((e) => e.at < changeAt)) {
      alarmsBeforeChange++;
      continue;
    }
    const detection = fired.find((e) => e.channel === channel);
    const after = observations.slice(firstMonitored + atArticle);
    delays.push(
      detection
        ? after.filter((o) => o.occurredAt <= detection.at).length
        : Number.POSITIVE_INFINITY,
    );
  }
  delays.sort((a, b) => a - b);
  const at = (q: number) => delays[Math.min(delays.length - 1, Math.floor(q * delays.length))];
  return {
    median: at(0.5),
    p90: at(0.9),
    missed: delays.filter((d) => !Number.isFinite(d)).length,
    alarmsBeforeChange,
    runs: STREAMS_PER_SHIFT,
  };
}

function show(value: number): string {
  return Number.isFinite(value) ? String(value) : `>${ARTICLES_AFTER_CHANGE}`;
}

function main(): void {
  const pool = existsSync(DEV_SET) ? devSetPool(DEV_SET) : projectPool();
  const stats = paragraphStats(pool);
  const started = Date.now();
  console.log(
    `machine: ${cpus().length} × ${cpus()[0]?.model ?? 'cpu'}, ${Math.round(totalmem() / 2 ** 30)} GiB, Node ${process.version}`,
  );
  console.log(
    `paragraphs: ${pool.origin}; paragraph tone SD ${stats.sd.toFixed(3)}, negative share ${stats.negativeShare.toFixed(3)}`,
  );
  console.log(
    `streams: 12 articles/day, 6 outlets, 1–8 paragraphs per article; defaults ${JSON.stringify(DEFAULT_DETECTOR)}`,
  );
  console.log('');
  console.log(
    '| metric | scenario | false alarms / 1,000 articles | median delay | p90 delay | missed | runs |',
  );
  console.log('|---|---|---|---|---|---|---|');
  for (const metric of ['tone', 'negative-share'] as const) {
    const rate = falseAlarmsPer1000(pool, metric, 1_000);
    console.log(
      `| ${metric} | no change (${STREAMS_WITHOUT_CHANGE} × ${ARTICLES_PER_STREAM} articles) | ${rate.toFixed(2)} | | | | |`,
    );
  }
  for (const sds of [0.5, 1, 2]) {
    for (const channel of ['down', 'up'] as const) {
      const delta = (channel === 'up' ? 1 : -1) * sds * stats.sd;
      const result = detectionDelay(pool, 'tone', channel, shiftTone(delta), 50_000 + sds * 1000);
      console.log(
        `| tone | ${channel} ${sds} SD (${delta.toFixed(3)}) | ${result.alarmsBeforeChange} before change | ${show(result.median)} | ${show(result.p90)} | ${result.missed} | ${result.runs} |`,
      );
    }
  }
  const doubled = detectionDelay(
    pool,
    'negative-share',
    'up',
    multiplyNegativeShare(stats.negativeShare, 2),
    90_000,
  );
  console.log(
    `| negative-share | up ×2 | ${doubled.alarmsBeforeChange} before change | ${show(doubled.median)} | ${show(doubled.p90)} | ${doubled.missed} | ${doubled.runs} |`,
  );
  console.log('');
  console.log(`took ${((Date.now() - started) / 1000).toFixed(1)} s`);
}

main();
