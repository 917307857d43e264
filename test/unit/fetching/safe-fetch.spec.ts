import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import { type AddressInfo } from 'node:net';
import { gzipSync } from 'node:zlib';
import { FetchError, type Resolver, safeFetch, type SafeFetchOptions } from '../../../src/fetching';

type Handler = (req: IncomingMessage, res: ServerResponse) => void;

const routes: Record<string, Handler> = {
  '/plain': (_req, res) => {
    res.writeHead(200, { 'content-type': 'text/plain; charset=utf-8', etag: '"v1"' });
    res.end('Beijing said talks were “constructive”.');
  },
  '/gzip': (_req, res) => {
    res.writeHead(200, { 'content-type': 'text/html', 'content-encoding': 'gzip' });
    res.end(gzipSync('<p>compressed body</p>'));
  },
  '/bomb': (_req, res) => {
    res.writeHead(200, { 'content-type': 'text/plain', 'content-encoding': 'gzip' });
    res.end(gzipSync(Buffer.alloc(5_000_000, 'a')));
  },
  '/endless': (_req, res) => {
    res.writeHead(200, { 'content-type': 'text/plain' });
    const chunk = Buffer.alloc(64 * 1024, 'x');
    const timer = setInterval(() => res.write(chunk), 1);
    res.on('close', () => clearInterval(timer));
  },
  '/slow': (_req, res) => {
    const timer = setTimeout(() => res.end('late'), 5_000);
    res.on('close', () => clearTimeout(timer));
  },
  '/conditional': (req, res) => {
    if (req.headers['if-none-match'] === '"v1"') {
      res.writeHead(304).end();
      return;
    }
    res.writeHead(200, { etag: '"v1"', 'content-type': 'text/plain' }).end('fresh');
  },
  '/loop-a': (_req, res) => res.writeHead(302, { location: '/loop-b' }).end(),
  '/loop-b': (_req, res) => res.writeHead(302, { location: '/loop-a' }).end(),
  '/hop-1': (_req, res) => res.writeHead(301, { location: '/hop-2' }).end(),
  '/hop-2': (_req, res) => res.writeHead(307, { location: '/hop-3' }).end(),
  '/hop-3': (_req, res) => res.writeHead(308, { location: '/plain' }).end(),
  '/cross-host': (req, res) => {
    const port = (req.socket.localPort ?? 0).toString();
    res.writeHead(302, { location: `http://second.test:${port}/plain` }).end();
  },
  '/to-file': (_req, res) => res.writeHead(302, { location: 'file:///etc/passwd' }).end(),
  '/image': (_req, res) => res.writeHead(200, { 'content-type': 'image/png' }).end('PNG'),
  '/gone': (_req, res) => res.writeHead(410).end(),
  '/broken': (_req, res) => res.writeHead(503).end(),
  '/user-agent': (req, res) => res.writeHead(200).end(req.headers['user-agent']),
};

let server: Server;
let base: string;
const seenHosts: string[] = [];
const resolve: Resolver = (hostname) => {
  seenHosts.push(hostname);
  return Promise.resolve([{ address: '127.0.0.1', family: 4 }]);
};
const limits: SafeFetchOptions = {
  timeoutMs: 1_000,
  maxBytes: 1_000_000,
  maxRedirects: 5,
  userAgent: 'Tonewatch-test/1.0 (+unit)',
  allowPrivate: true,
  resolve,
};

beforeAll(async () => {
  server = createServer((req, res) =>
    (routes[req.url ?? ''] ?? ((_q, s) => s.writeHead(404).end()))(req, res),
  );
  await new Promise<void>((done) => server.listen(0, '127.0.0.1', done));
  base = `http://first.test:${(server.address() as AddressInfo).port}`;
});
afterAll(async () => {
  server.closeAllConnections();
  await new Promise((done) => server.close(done));
});

async function failure(path: string, options: Partial<SafeFetchOptions> = {}): Promise<FetchError> {
  const error = await safeFetch(`${base}${path}`, { ...limits, ...options }).then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(FetchError);
  return error as FetchError;
}

describe('safeFetch', () => {
  it('connects to the checked address, not to a fresh DNS answer, and decodes the charset', async () => {
    const page = await safeFetch(`${base}/plain`, limits);
    expect(page).toMatchObject({
      status: 200,
      notModified: false,
      mediaType: 'text/plain',
      etag: '"v1"',
    });
    expect(page.body).toBe('Beijing said talks were “constructive”.');
  });

  it('sends its User-Agent', async () => {
    expect((await safeFetch(`${base}/user-agent`, limits)).body).toBe('Tonewatch-test/1.0 (+unit)');
  });

  it('decompresses gzip', async () => {
    expect((await safeFetch(`${base}/gzip`, limits)).body).toBe('<p>compressed body</p>');
  });

  it('answers a conditional request with notModified', async () => {
    const page = await safeFetch(`${base}/conditional`, { ...limits, etag: '"v1"' });
    expect(page).toMatchObject({ status: 304, notModified: true, body: '' });
  });

  it('follows redirects and checks the host of every hop', async () => {
    seenHosts.length = 0;
    const page = await safeFetch(`${base}/cross-host`, limits);
    expect(page.url).toMatch(/^http:\/\/second\.test:\d+\/plain$/);
    expect(seenHosts).toEqual(['first.test', 'second.test']);
  });

  it('cuts off a body larger than the limit, counting decompressed bytes', async () => {
    expect(await failure('/bomb', { maxBytes: 100_000 })).toMatchObject({
      failure: 'too-large',
      transient: false,
    });
    expect(await failure('/endless', { maxBytes: 200_000 })).toMatchObject({
      failure: 'too-large',
    });
  });

  it('gives up on a slow server at the deadline, as a transient failure', async () => {
    const started = Date.now();
    expect(await failure('/slow', { timeoutMs: 300 })).toMatchObject({
      failure: 'timeout',
      transient: true,
    });
    expect(Date.now() - started).toBeLessThan(2_000);
  });

  it('detects redirect loops and too many redirects', async () => {
    expect(await failure('/loop-a')).toMatchObject({ failure: 'redirect-loop', transient: false });
    expect(await failure('/hop-1', { maxRedirects: 2 })).toMatchObject({
      failure: 'too-many-redirects',
    });
    await expect(safeFetch(`${base}/hop-1`, { ...limits, maxRedirects: 3 })).resolves.toMatchObject(
      { status: 200 },
    );
  });

  it('refuses a redirect to another scheme', async () => {
    expect(await failure('/to-file')).toMatchObject({ failure: 'invalid-url' });
  });

  it('refuses unexpected media types', async () => {
    const error = await failure('/image', { acceptsMediaType: (type) => type.startsWith('text/') });
    expect(error).toMatchObject({ failure: 'content-type' });
    expect(error.message).toContain('image/png');
  });

  it('tells permanent HTTP errors from transient ones', async () => {
    expect(await failure('/gone')).toMatchObject({
      failure: 'http-status',
      status: 410,
      transient: false,
    });
    expect(await failure('/broken')).toMatchObject({
      failure: 'http-status',
      status: 503,
      transient: true,
    });
  });

  it('refuses loopback unless private targets are allowed', async () => {
    expect(await failure('/plain', { allowPrivate: false })).toMatchObject({
      failure: 'private-target',
    });
  });

  it('reports a refused connection as transient', async () => {
    const closed = createServer();
    await new Promise<void>((done) => closed.listen(0, '127.0.0.1', done));
    const port = (closed.address() as AddressInfo).port;
    await new Promise((done) => closed.close(done));
    const error = await safeFetch(`http://127.0.0.1:${port}/`, limits).catch((e: unknown) => e);
    expect(error).toMatchObject({ failure: 'network', transient: true });
  });
});
