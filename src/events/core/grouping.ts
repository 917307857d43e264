import { type TermWeights } from './terms';

/**
 * Event grouping: an article joins the open event of its monitor whose content it shares most,
 * or starts a new one. Plain functions over plain data; storage and queues live elsewhere.
 *
 * An article is a TF-IDF vector over its content terms (see terms.ts), cut to its
 * `VECTOR_TERMS` heaviest terms and of length 1. An event is the sum of its articles' vectors
 * (the centroid, cut to `CENTROID_TERMS`). An article may join an event when it is close in
 * time (see `GROUPING.maxGapMs`, `GROUPING.maxSpanMs`), and joins the one whose centroid is most
 * similar (cosine, discounted by the time gap) when that similarity reaches
 * `GROUPING.threshold`.
 */
export const GROUPING = {
  /**
   * Most time between an article and the nearest article of an event it joins: readouts come
   * out the same day, wire write-ups and state-media commentary within the next two days.
   */
  maxGapMs: 72 * 3_600_000,
  /** Longest time an event may cover: a week-long visit is one event, a month of talks is not. */
  maxSpanMs: 7 * 24 * 3_600_000,
  /** Least similarity (after the time discount) for an article to join an event. */
  threshold: 0.16,
  /** Share of similarity lost at the largest allowed gap (linear in the gap). */
  gapDiscount: 0.3,
  /** Days either side of an article whose articles give the document frequencies. */
  dfWindowDays: 14,
} as const;

export const VECTOR_TERMS = 40;
export const CENTROID_TERMS = 80;

export type Vector = Map<string, number>;

/** Document frequencies of the terms of one article among the articles around it. */
export interface DocumentFrequencies {
  /** articles counted (not including the article itself) */
  articles: number;
  /** per term, how many of those articles contain it */
  df: ReadonlyMap<string, number>;
}

/** Smoothed IDF; the article itself counts as one more document containing each of its terms. */
export function idf(df: number, articles: number): number {
  return Math.log((articles + 2) / (df + 1)) + 1;
}

/** The article's vector: term weight × IDF, its `VECTOR_TERMS` heaviest terms, length 1. */
export function articleVector(terms: TermWeights, frequencies: DocumentFrequencies): Vector {
  const weighted: [string, number][] = [];
  for (const [term, weight] of terms) {
    weighted.push([term, weight * idf(frequencies.df.get(term) ?? 0, frequencies.articles)]);
  }
  return normalise(top(weighted, VECTOR_TERMS));
}

function top(entries: [string, number][], n: number): [string, number][] {
  // ties broken by the term, so equal input gives an equal vector whatever the map order
  entries.sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : 0));
  return entries.slice(0, n);
}

function normalise(entries: [string, number][]): Vector {
  const length = Math.sqrt(entries.reduce((sum, [, w]) => sum + w * w, 0));
  const vector: Vector = new Map();
  if (length === 0) return vector;
  for (const [term, w] of entries) vector.set(term, w / length);
  return vector;
}

export function cosine(a: Vector, b: Vector): number {
  let dot = 0;
  let na = 0;
  let nb = 0;
  const [small, large] = a.size <= b.size ? [a, b] : [b, a];
  for (const [term, w] of small) {
    const other = large.get(term);
    if (other !== undefined) dot += w * other;
  }
  for (const w of a.values()) na += w * w;
  for (const w of b.values()) nb += w * w;
  return na === 0 || nb === 0 ? 0 : dot / Math.sqrt(na * nb);
}

/** What grouping needs to know of an open event. */
export interface EventState {
  id: string;
  startedAt: number;
  endedAt: number;
  /** sum of the member articles' vectors (cut to CENTROID_TERMS) */
  centroid: Vector;
  articles: number;
}

export interface ArticleForGrouping {
  occurredAt: number;
  vector: Vector;
}

export interface Assignment {
  /** the event to join, or null to start a new one */
  eventId: string | null;
  /** similarity to the event joined (after the time discount); 1 for a new event */
  similarity: number;
}

/** Whether an article at `t` may join the event at all, by time alone. */
export function withinTime(event: EventState, t: number): boolean {
  const gap = t < event.startedAt ? event.startedAt - t : t > event.endedAt ? t - event.endedAt : 0;
  const span = Math.max(event.endedAt, t) - Math.min(event.startedAt, t);
  return gap <= GROUPING.maxGapMs && span <= GROUPING.maxSpanMs;
}

/** The time window in which an event must lie to be a candidate for an article at `t`. */
export function candidateWindow(t: number): { from: number; to: number } {
  return { from: t - GROUPING.maxSpanMs, to: t + GROUPING.maxSpanMs };
}

/** Similarity of an article to an event: cosine to the centroid, less the time discount. */
export function similarity(article: ArticleForGrouping, event: EventState): number {
  const t = article.occurredAt;
  const gap = t < event.startedAt ? event.startedAt - t : t > event.endedAt ? t - event.endedAt : 0;
  const discount = 1 - GROUPING.gapDiscount * Math.min(1, gap / GROUPING.maxGapMs);
  return cosine(article.vector, event.centroid) * discount;
}

/**
 * The best event for the article among `candidates`, or null for a new event. Ties go to the
 * event with more articles, then the older one, so the choice does not depend on the order the
 * candidates came in.
 */
export function chooseEvent(
  article: ArticleForGrouping,
  candidates: EventState[],
  threshold: number = GROUPING.threshold,
): Assignment {
  let best: EventState | null = null;
  let bestScore = -1;
  for (const event of candidates) {
    if (!withinTime(event, article.occurredAt)) continue;
    const score = similarity(article, event);
    if (
      score > bestScore ||
      (best !== null &&
        score === bestScore &&
        (event.articles > best.articles ||
          (event.articles === best.articles && event.startedAt < best.startedAt)))
    ) {
      best = event;
      bestScore = score;
    }
  }
  if (best && bestScore >= threshold) return { eventId: best.id, similarity: bestScore };
  return { eventId: null, similarity: 1 };
}

/** The event after the article joined it: span, count and centroid. */
export function joinEvent(event: EventState, article: ArticleForGrouping): EventState {
  const sum = new Map(event.centroid);
  for (const [term, w] of article.vector) sum.set(term, (sum.get(term) ?? 0) + w);
  return {
    id: event.id,
    startedAt: Math.min(event.startedAt, article.occurredAt),
    endedAt: Math.max(event.endedAt, article.occurredAt),
    centroid: new Map(top([...sum], CENTROID_TERMS)),
    articles: event.articles + 1,
  };
}

export function newEvent(id: string, article: ArticleForGrouping): EventState {
  return {
    id,
    startedAt: article.occurredAt,
    endedAt: article.occurredAt,
    centroid: new Map(article.vector),
    articles: 1,
  };
}

/** The member closest to the centroid: the event's most central article (ties: earliest listed). */
export function centralIndex(centroid: Vector, members: Vector[]): number {
  let best = -1;
  let bestScore = -Infinity;
  members.forEach((vector, i) => {
    const score = cosine(vector, centroid);
    if (score > bestScore) {
      best = i;
      bestScore = score;
    }
  });
  return best;
}

/** The heaviest terms of a centroid, for a title when no article has one. */
export function topTerms(centroid: Vector, n: number): string[] {
  return top([...centroid], n).map(([term]) => term);
}

export interface GroupableArticle {
  id: string;
  occurredAt: number;
  terms: TermWeights;
}

/**
 * Puts one article into the best open event of `events` (close enough in time and similar
 * enough), or into a new one appended to it; returns the event's id.
 */
function place(events: EventState[], grouped: ArticleForGrouping, threshold: number): string {
  const open = events.filter((e) => withinTime(e, grouped.occurredAt));
  const { eventId } = chooseEvent(grouped, open, threshold);
  if (eventId === null) {
    const event = newEvent(`event-${events.length + 1}`, grouped);
    events.push(event);
    return event.id;
  }
  const at = events.findIndex((e) => e.id === eventId);
  events[at] = joinEvent(events[at], grouped);
  return eventId;
}

/**
 * Groups articles as the worker does when they arrive one by one in time order: each article's
 * document frequencies come from the articles before it on its UTC day and the `dfWindowDays`
 * days before (the worker counts them per day), then it joins
 * the best open event or starts one. The same procedure `events rebuild` and the benchmark run.
 * Returns the event of each article id (events numbered in order of their first article).
 * `threshold` is there for the benchmark's sensitivity sweep.
 */
export function groupInOrder(
  articles: GroupableArticle[],
  threshold: number = GROUPING.threshold,
): Map<string, string> {
  const sorted = [...articles].sort(
    (a, b) => a.occurredAt - b.occurredAt || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0),
  );
  const events: EventState[] = [];
  const assignment = new Map<string, string>();
  const df = new Map<string, number>();
  let first = 0;
  for (let i = 0; i < sorted.length; i++) {
    const article = sorted[i];
    // slide the window: drop articles of days before the window from the frequencies
    while (
      first < i &&
      utcDay(sorted[first].occurredAt) < utcDay(article.occurredAt) - GROUPING.dfWindowDays
    ) {
      for (const term of sorted[first].terms.keys()) df.set(term, (df.get(term) ?? 1) - 1);
      first++;
    }
    const vector = articleVector(article.terms, { articles: i - first, df });
    const grouped: ArticleForGrouping = { occurredAt: article.occurredAt, vector };
    assignment.set(article.id, place(events, grouped, threshold));
    for (const term of article.terms.keys()) df.set(term, (df.get(term) ?? 0) + 1);
  }
  return assignment;
}

/**
 * Groups articles in the order they arrive (`arrival`, indexes into `articles`), as the worker
 * does when articles are scored out of time order: each article's document frequencies come
 * from the articles already grouped on its UTC day and the `dfWindowDays` days before, and it
 * may join any event already started that is close enough in time. With `arrival` in time
 * order this is `groupInOrder`; the benchmark runs it over shuffled orders.
 */
export function groupAsArriving(
  articles: GroupableArticle[],
  arrival: number[],
  threshold: number = GROUPING.threshold,
): Map<string, string> {
  const events: EventState[] = [];
  const assignment = new Map<string, string>();
  const done: GroupableArticle[] = [];
  for (const index of arrival) {
    const article = articles[index];
    const day = utcDay(article.occurredAt);
    const df = new Map<string, number>();
    let n = 0;
    for (const other of done) {
      const d = utcDay(other.occurredAt);
      if (d < day - GROUPING.dfWindowDays || d > day) continue;
      n++;
      for (const term of other.terms.keys()) df.set(term, (df.get(term) ?? 0) + 1);
    }
    const vector = articleVector(article.terms, { articles: n, df });
    const grouped: ArticleForGrouping = { occurredAt: article.occurredAt, vector };
    assignment.set(article.id, place(events, grouped, threshold));
    done.push(article);
  }
  return assignment;
}

export interface PairwiseScores {
  precision: number;
  recall: number;
  f1: number;
  truePairs: number;
  predictedPairs: number;
  goldPairs: number;
}

/**
 * Pairwise precision and recall of a grouping against gold groups: over every pair of
 * articles, precision is the share of pairs grouped together that belong together, recall the
 * share of pairs that belong together that were grouped together. An article with a null gold
 * group belongs with no other.
 */
export function pairwiseScores(
  gold: Map<string, string | null>,
  predicted: Map<string, string>,
): PairwiseScores {
  const ids = [...gold.keys()];
  let truePairs = 0;
  let predictedPairs = 0;
  let goldPairs = 0;
  for (let i = 0; i < ids.length; i++) {
    for (let j = i + 1; j < ids.length; j++) {
      const g1 = gold.get(ids[i]);
      const g2 = gold.get(ids[j]);
      const together = g1 !== null && g1 !== undefined && g1 === g2;
      const grouped = predicted.get(ids[i]) === predicted.get(ids[j]);
      if (together) goldPairs++;
      if (grouped) predictedPairs++;
      if (together && grouped) truePairs++;
    }
  }
  const precision = predictedPairs === 0 ? 1 : truePairs / predictedPairs;
  const recall = goldPairs === 0 ? 1 : truePairs / goldPairs;
  const f1 = precision + recall === 0 ? 0 : (2 * precision * recall) / (precision + recall);
  return { precision, recall, f1, truePairs, predictedPairs, goldPairs };
}

/** A vector as plain JSON (for storage) and back. */
export function vectorToJson(vector: Vector): Record<string, number> {
  return Object.fromEntries(vector);
}

export function vectorFromJson(value: unknown): Vector {
  const vector: Vector = new Map();
  if (value && typeof value === 'object') {
    for (const [term, w] of Object.entries(value as Record<string, unknown>)) {
      if (typeof w === 'number' && Number.isFinite(w)) vector.set(term, w);
    }
  }
  return vector;
}

/** Days since 1970-01-01 UTC. */
export function utcDay(t: number): number {
  return Math.floor(t / 86_400_000);
}

/** The UTC days whose articles give the document frequencies for an article at `t` (YYYY-MM-DD). */
export function frequencyWindow(t: number): { fromDay: string; toDay: string } {
  const day = utcDay(t);
  const iso = (d: number) => new Date(d * 86_400_000).toISOString().slice(0, 10);
  return { fromDay: iso(day - GROUPING.dfWindowDays), toDay: iso(day) };
}
