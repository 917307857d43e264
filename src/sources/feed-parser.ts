import Parser from 'rss-parser';

export interface FeedItem {
  url: string;
  title: string | null;
  publishedAt: Date | null;
}

export class FeedParseError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'FeedParseError';
  }
}

const parser = new Parser();

/**
 * Article links of an RSS or Atom document (rss-parser reads both, so a source whose kind
 * says rss but serves Atom still works). Links are resolved against the feed's own URL;
 * items without an http(s) link carry nothing to fetch and are left out.
 */
export async function parseFeed(xml: string, feedUrl: string): Promise<FeedItem[]> {
  let feed: Parser.Output<unknown>;
  try {
    feed = await parser.parseString(xml);
  } catch (error) {
    throw new FeedParseError(`the feed is not valid RSS or Atom: ${firstLine(error)}`);
  }
  const items = new Map<string, FeedItem>();
  for (const item of feed.items) {
    const url = articleUrl(item.link ?? item.guid, feedUrl);
    if (!url || items.has(url)) continue;
    items.set(url, {
      url,
      title: item.title?.trim() || null,
      publishedAt: validDate(item.isoDate ?? item.pubDate),
    });
  }
  return [...items.values()];
}

/** The url an item is stored and deduplicated under: absolute, without a #fragment. */
export function articleUrl(link: string | undefined, base: string): string | null {
  if (!link?.trim()) return null;
  try {
    const url = new URL(link.trim(), base);
    if (url.protocol !== 'http:' && url.protocol !== 'https:') return null;
    url.hash = '';
    return url.href;
  } catch {
    return null;
  }
}

function validDate(text: string | undefined): Date | null {
  if (!text) return null;
  const date = new Date(text);
  return Number.isNaN(date.getTime()) ? null : date;
}

function firstLine(error: unknown): string {
  return ((error as Error).message ?? String(error)).split('\n')[0];
}
