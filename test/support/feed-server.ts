import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import { type AddressInfo } from 'node:net';
import { extname, join, normalize } from 'node:path';

const FIXTURES = join(__dirname, '../fixtures/feeds');

const MEDIA_TYPES: Record<string, string> = {
  '.xml': 'application/rss+xml; charset=utf-8',
  '.html': 'text/html; charset=utf-8',
};

export interface SeenRequest {
  path: string;
  ifNoneMatch: string | undefined;
  status: number;
}

export interface FeedServer {
  /** base URL on 127.0.0.1, e.g. http://127.0.0.1:41234 */
  url: string;
  requests: SeenRequest[];
  /** requests for one path */
  hits(path: string): SeenRequest[];
  close(): Promise<void>;
}

/** Misbehaving endpoints: each answers the way some real feed server once did. */
const SPECIAL: Record<string, (req: IncomingMessage, res: ServerResponse) => void> = {
  '/feeds/slow.xml': (_req, res) => {
    const timer = setTimeout(() => res.end(), 10_000);
    res.on('close', () => clearTimeout(timer));
  },
  '/feeds/huge.xml': (_req, res) => {
    res.writeHead(200, { 'content-type': 'application/rss+xml' });
    res.end(`<rss><channel><title>${'x'.repeat(2_000_000)}</title></channel></rss>`);
  },
  '/feeds/logo.png': (_req, res) => {
    res.writeHead(200, { 'content-type': 'image/png' }).end(Buffer.from([0x89, 0x50, 0x4e, 0x47]));
  },
  '/feeds/loop-a.xml': (_req, res) => res.writeHead(302, { location: '/feeds/loop-b.xml' }).end(),
  '/feeds/loop-b.xml': (_req, res) => res.writeHead(301, { location: '/feeds/loop-a.xml' }).end(),
  '/feeds/unavailable.xml': (_req, res) => res.writeHead(503, { 'retry-after': '120' }).end(),
};

/**
 * A local HTTP server for the fixture feeds and article pages in test/fixtures/feeds. Static
 * files carry a content-hash ETag and answer If-None-Match with 304, like a CDN would; every
 * request is recorded so tests can check what Tonewatch asked for.
 */
export async function startFeedServer(): Promise<FeedServer> {
  const requests: SeenRequest[] = [];
  const server = createServer((req, res) => {
    const path = new URL(req.url ?? '/', 'http://x').pathname;
    res.on('finish', () =>
      requests.push({ path, ifNoneMatch: req.headers['if-none-match'], status: res.statusCode }),
    );
    const special = SPECIAL[path];
    if (special) return special(req, res);
    serveFixture(path, req, res);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    requests,
    hits: (path) => requests.filter((r) => r.path === path),
    close: () =>
      new Promise((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

function serveFixture(path: string, req: IncomingMessage, res: ServerResponse): void {
  const relative = normalize(path).replace(/^(\.\.[/\\])+/, '');
  const file = relative.startsWith('/feeds/')
    ? join(FIXTURES, relative.slice('/feeds/'.length))
    : relative.startsWith('/articles/')
      ? join(FIXTURES, 'articles', relative.slice('/articles/'.length))
      : null;
  let body: Buffer;
  try {
    if (!file) throw new Error('outside the fixtures');
    body = readFileSync(file);
  } catch {
    res.writeHead(404, { 'content-type': 'text/plain' }).end('not found');
    return;
  }
  const etag = `"${createHash('sha1').update(body).digest('hex').slice(0, 16)}"`;
  if (req.headers['if-none-match'] === etag) {
    res.writeHead(304, { etag }).end();
    return;
  }
  res.writeHead(200, {
    'content-type': MEDIA_TYPES[extname(file)] ?? 'application/octet-stream',
    etag,
  });
  res.end(body);
}
