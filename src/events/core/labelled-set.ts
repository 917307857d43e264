import { readFileSync } from 'node:fs';

/** One article of a labelled grouping set; `event` null for an article that belongs to no other. */
export interface LabelledEventArticle {
  id: string;
  event: string | null;
  source: string;
  publishedAt: string;
  title: string;
  text: string;
}

export interface LabelledEventSet {
  monitor: string;
  articles: LabelledEventArticle[];
}

/** Reads a labelled grouping set (see test/fixtures/events/grouping-set.json for the format). */
export function readLabelledEventSet(file: string): LabelledEventSet {
  const parsed = JSON.parse(readFileSync(file, 'utf8')) as Partial<LabelledEventSet>;
  if (typeof parsed.monitor !== 'string' || !Array.isArray(parsed.articles)) {
    throw new Error(`${file}: expected {"monitor", "articles": [...]}`);
  }
  for (const [i, a] of parsed.articles.entries()) {
    for (const field of ['id', 'source', 'publishedAt', 'title', 'text'] as const) {
      if (typeof a[field] !== 'string') throw new Error(`${file}: articles[${i}].${field} missing`);
    }
    if (Number.isNaN(Date.parse(a.publishedAt))) {
      throw new Error(`${file}: articles[${i}].publishedAt is not a date`);
    }
  }
  return parsed as LabelledEventSet;
}
