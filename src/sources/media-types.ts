/** Feeds are served under many names; what matters is that it is some kind of XML. */
export function isFeedMediaType(mediaType: string): boolean {
  return /xml|rss|atom/.test(mediaType) || mediaType === 'text/plain';
}

export function isHtmlMediaType(mediaType: string): boolean {
  return mediaType === 'text/html' || mediaType === 'application/xhtml+xml';
}

export const FEED_ACCEPT =
  'application/rss+xml, application/atom+xml, application/xml;q=0.9, text/xml;q=0.9, */*;q=0.1';
export const HTML_ACCEPT = 'text/html, application/xhtml+xml;q=0.9, */*;q=0.1';
