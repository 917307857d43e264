/** How an event counts wire copies: `collapse` one copy of each wire story, `all` every copy. */
export type EventSyndication = 'collapse' | 'all';

export interface EventCopy {
  id: string;
  source: string | null;
  /** the article's wire group (its canonical article's id), null for a story printed once */
  wireGroupId: string | null;
}

/**
 * The copy of its wire story each article of an event counts as, under syndication=collapse:
 * an article outside any wire group counts as itself; the copies of one wire story in the
 * event count once, as the group's canonical article when it is in the event (as on the
 * dashboard), else as the first of them in `articles`' order (time order). Every article of
 * the event is a key; the distinct values are the articles counted.
 */
export function countedCopies(articles: readonly EventCopy[]): Map<string, string> {
  const ids = new Set(articles.map((a) => a.id));
  const byGroup = new Map<string, string>();
  const counted = new Map<string, string>();
  for (const a of articles) {
    if (a.wireGroupId === null) {
      counted.set(a.id, a.id);
      continue;
    }
    let representative = byGroup.get(a.wireGroupId);
    if (representative === undefined) {
      representative = ids.has(a.wireGroupId) ? a.wireGroupId : a.id;
      byGroup.set(a.wireGroupId, representative);
    }
    counted.set(a.id, representative);
  }
  return counted;
}

export interface OutletCount {
  source: string | null;
  /** articles of the outlet counted in the event's figures */
  articles: number;
  /** its copies of a wire story counted as another outlet's (or another copy's) article */
  reprints: number;
}

/**
 * Articles per outlet, most first. Under `collapse` an outlet is credited with the articles
 * counted (its own stories, and the counted copy of a wire story) and its other copies are
 * its `reprints`; under `all` each copy counts for the outlet that printed it, `reprints`
 * still saying how many of them are copies of a story counted elsewhere.
 */
export function outletCounts(
  articles: readonly EventCopy[],
  counted: ReadonlyMap<string, string>,
  syndication: EventSyndication,
): OutletCount[] {
  const outlets = new Map<string | null, OutletCount>();
  for (const a of articles) {
    const outlet = outlets.get(a.source) ?? { source: a.source, articles: 0, reprints: 0 };
    const isCounted = counted.get(a.id) === a.id;
    if (isCounted || syndication === 'all') outlet.articles += 1;
    if (!isCounted) outlet.reprints += 1;
    outlets.set(a.source, outlet);
  }
  return [...outlets.values()].sort(
    (a, b) =>
      b.articles - a.articles ||
      b.reprints - a.reprints ||
      String(a.source).localeCompare(String(b.source)),
  );
}
