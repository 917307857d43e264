import { countedCopies, outletCounts, type EventCopy } from '../../../src/events/core';

// In time order: a wire story W (canonical w1) in three copies, an article of its own, and a
// second story V whose canonical article is in another event.
const ARTICLES: EventCopy[] = [
  { id: 'v2', source: 'Coast Herald', wireGroupId: 'v1' },
  { id: 'w1', source: 'Wire', wireGroupId: 'w1' },
  { id: 'own', source: 'Coast Herald', wireGroupId: null },
  { id: 'w2', source: 'Harbour Daily', wireGroupId: 'w1' },
  { id: 'v3', source: 'Harbour Daily', wireGroupId: 'v1' },
  { id: 'w3', source: 'Coast Herald', wireGroupId: 'w1' },
];

describe('countedCopies', () => {
  it('counts a wire story once: by its canonical article, else by its first copy in the event', () => {
    expect(Object.fromEntries(countedCopies(ARTICLES))).toEqual({
      v2: 'v2',
      w1: 'w1',
      own: 'own',
      w2: 'w1',
      v3: 'v2',
      w3: 'w1',
    });
  });

  it('uses the canonical article even when a copy comes before it', () => {
    const counted = countedCopies([
      { id: 'b', source: null, wireGroupId: 'a' },
      { id: 'a', source: null, wireGroupId: 'a' },
    ]);
    expect(counted.get('b')).toBe('a');
  });
});

describe('outletCounts', () => {
  const counted = countedCopies(ARTICLES);

  it('credits the outlets of the copies counted under collapse, and lists the reprints', () => {
    expect(outletCounts(ARTICLES, counted, 'collapse')).toEqual([
      { source: 'Coast Herald', articles: 2, reprints: 1 },
      { source: 'Wire', articles: 1, reprints: 0 },
      { source: 'Harbour Daily', articles: 0, reprints: 2 },
    ]);
  });

  it('counts every copy for its outlet under all', () => {
    expect(outletCounts(ARTICLES, counted, 'all')).toEqual([
      { source: 'Coast Herald', articles: 3, reprints: 1 },
      { source: 'Harbour Daily', articles: 2, reprints: 2 },
      { source: 'Wire', articles: 1, reprints: 0 },
    ]);
  });
});
