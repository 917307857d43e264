import { readFileSync } from 'node:fs';
import { scoreTone } from '../src/analysis';
import { type ArticleObservation, type StreamParagraph } from '../src/alerts/detection';
import { PROJECT_ARTICLES } from './data/project-paragraphs';

/**
 * Synthetic but realistic streams of one side's articles for the alert detectors: every
 * article is a run of consecutive paragraphs of one real text (so paragraphs of an article
 * share its tone, as in news), articles have 1–8 paragraphs, come from several outlets and
 * arrive at random times. Tones are those Tonewatch's scorer gives the real paragraphs.
 */

export interface PoolParagraph {
  text: string;
  value: number;
  negative: boolean;
}

export interface ParagraphPool {
  /** where the paragraphs came from, for benchmark output */
  origin: string;
  /** paragraphs grouped by the text they come from, in order */
  groups: PoolParagraph[][];
}

function scored(texts: string[]): PoolParagraph[] {
  return texts.map((text) => {
    const tone = scoreTone(text);
    return { text, value: tone.value, negative: tone.label === 'negative' };
  });
}

/** Paragraphs written for the project; always available. */
export function projectPool(): ParagraphPool {
  return { origin: 'project-owned paragraphs', groups: PROJECT_ARTICLES.map(scored) };
}

/** Sentences of the shared NYT editorial dev set (`../shared/data/nyt-editorial-dev.tsv`), grouped by editorial. */
export function devSetPool(path: string): ParagraphPool {
  const byEditorial = new Map<string, string[]>();
  for (const line of readFileSync(path, 'utf8').trim().split('\n').slice(1)) {
    const [id, , text] = line.split('\t');
    const editorial = id.split('_')[0];
    const texts = byEditorial.get(editorial) ?? [];
    texts.push(text);
    byEditorial.set(editorial, texts);
  }
  return {
    origin: `shared dev set (${byEditorial.size} editorials)`,
    groups: [...byEditorial.values()].map(scored),
  };
}

/** Small deterministic PRNG (mulberry32), so every run of a benchmark or test sees the same streams. */
export function seededRandom(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export interface StreamOptions {
  /** articles before `start`, spread over `warmupDays`, to fill the baseline window */
  warmupDays: number;
  /** articles from `start` on */
  articles: number;
  articlesPerDay: number;
  outlets: number;
  start: Date;
  /** per-paragraph flag the metric watches */
  flag: (paragraph: PoolParagraph) => boolean;
  /** changes paragraphs of every article from this index (counted from `start`) on */
  change?: {
    atArticle: number;
    apply: (paragraph: PoolParagraph, random: () => number) => PoolParagraph;
  };
}

export interface SimulatedStream {
  observations: ArticleObservation[];
  /** index in `observations` of the first article at or after `start` */
  firstMonitored: number;
}

export function simulateStream(
  pool: ParagraphPool,
  random: () => number,
  options: StreamOptions,
): SimulatedStream {
  const dayMs = 86_400_000;
  const meanGapMs = dayMs / options.articlesPerDay;
  const warmup = Math.round(options.warmupDays * options.articlesPerDay);
  const observations: ArticleObservation[] = [];
  let time = options.start.getTime() - options.warmupDays * dayMs;
  for (let i = 0; i < warmup + options.articles; i++) {
    const monitoredIndex = i - warmup;
    time += -Math.log(1 - random()) * meanGapMs;
    if (monitoredIndex === 0) time = Math.max(time, options.start.getTime());
    const changed = options.change !== undefined && monitoredIndex >= options.change.atArticle;
    const articleId = `a${i}`;
    const source = `outlet-${Math.floor(random() * options.outlets)}`;
    const occurredAt = new Date(time);
    const paragraphs: StreamParagraph[] = pickRun(pool, random).map((original, index) => {
      const paragraph = changed ? options.change!.apply(original, random) : original;
      return {
        id: `${articleId}-p${index}`,
        articleId,
        source,
        occurredAt,
        value: paragraph.value,
        flagged: options.flag(paragraph),
        text: paragraph.text,
      };
    });
    observations.push({ articleId, source, occurredAt, paragraphs });
  }
  return { observations, firstMonitored: warmup };
}

/** 1–8 consecutive paragraphs of one text, most often 2–4, as a side's share of a news article. */
function pickRun(pool: ParagraphPool, random: () => number): PoolParagraph[] {
  const group = pool.groups[Math.floor(random() * pool.groups.length)];
  const wanted = 1 + Math.min(7, Math.floor(-Math.log(1 - random()) * 2.5));
  const length = Math.min(wanted, group.length);
  const start = Math.floor(random() * (group.length - length + 1));
  return group.slice(start, start + length);
}

/** A tone shift of `delta` on the [-1, 1] scale, clamped to the scale. */
export function shiftTone(delta: number) {
  return (paragraph: PoolParagraph): PoolParagraph => ({
    ...paragraph,
    value: Math.max(-1, Math.min(1, paragraph.value + delta)),
  });
}

/** Turns non-negative paragraphs negative with a probability that multiplies the negative share by `factor`. */
export function multiplyNegativeShare(baseRate: number, factor: number) {
  const flip = (baseRate * (factor - 1)) / (1 - baseRate);
  return (paragraph: PoolParagraph, random: () => number): PoolParagraph =>
    !paragraph.negative && random() < flip ? { ...paragraph, negative: true } : paragraph;
}

export function paragraphStats(pool: ParagraphPool): { sd: number; negativeShare: number } {
  const all = pool.groups.flat();
  const mean = all.reduce((s, p) => s + p.value, 0) / all.length;
  const sd = Math.sqrt(all.reduce((s, p) => s + (p.value - mean) ** 2, 0) / all.length);
  return { sd, negativeShare: all.filter((p) => p.negative).length / all.length };
}
