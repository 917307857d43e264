import { type LookupFunction } from 'node:net';
import { pipeline, type Readable } from 'node:stream';
import { createBrotliDecompress, createGunzip, createInflate } from 'node:zlib';
import { Agent, request } from 'undici';
import {
  assertPublicTarget,
  parseHttpUrl,
  type ResolvedAddress,
  type Resolver,
} from './address-guard';
import { FetchError } from './fetch-error';

export interface FetchLimits {
  timeoutMs: number;
  /** limit on the decoded body, so a small gzip bomb is caught too */
  maxBytes: number;
  maxRedirects: number;
  userAgent: string;
  allowPrivate: boolean;
}

export interface SafeFetchOptions extends FetchLimits {
  accept?: string;
  /** validators from an earlier response; a server that still has that version answers 304 */
  etag?: string | null;
  lastModified?: string | null;
  /** refuses a response whose media type (lower-case, without parameters) fails this test */
  acceptsMediaType?: (mediaType: string) => boolean;
  resolve?: Resolver;
}

export interface FetchedDocument {
  status: number;
  /** the URL finally answered, after redirects */
  url: string;
  notModified: boolean;
  mediaType: string | null;
  etag: string | null;
  lastModified: string | null;
  body: string;
}

const REDIRECT_STATUSES = new Set([301, 302, 303, 307, 308]);

/**
 * GET with the limits a server needs when the URL comes from users or from third-party
 * feeds: every hop's host is resolved and checked (assertPublicTarget) and the connection is
 * pinned to the checked addresses; redirects are followed by hand so each one is checked
 * again; one deadline covers the whole exchange; the decoded body is streamed and cut off at
 * maxBytes.
 */
export async function safeFetch(
  target: string,
  options: SafeFetchOptions,
): Promise<FetchedDocument> {
  const deadline = AbortSignal.timeout(options.timeoutMs);
  const visited = new Set<string>();
  let url = parseHttpUrl(target);
  for (;;) {
    visited.add(url.href);
    const addresses = await assertPublicTarget(url, options);
    const agent = new Agent({
      connect: { lookup: pinnedLookup(addresses) },
      headersTimeout: options.timeoutMs,
      bodyTimeout: options.timeoutMs,
    });
    try {
      const response = await send(url, agent, deadline, options);
      const location = header(response.headers, 'location');
      if (REDIRECT_STATUSES.has(response.statusCode) && location) {
        await response.body.dump();
        url = nextHop(url, location, visited, options.maxRedirects);
        continue;
      }
      return await readDocument(url, response, deadline, options);
    } catch (error) {
      throw asFetchError(error, url, deadline, options.timeoutMs);
    } finally {
      await agent.destroy();
    }
  }
}

type Response = Awaited<ReturnType<typeof request>>;

function send(
  url: URL,
  agent: Agent,
  signal: AbortSignal,
  options: SafeFetchOptions,
): Promise<Response> {
  const headers: Record<string, string> = {
    'user-agent': options.userAgent,
    'accept-encoding': 'gzip, deflate, br',
    accept: options.accept ?? '*/*',
  };
  if (options.etag) headers['if-none-match'] = options.etag;
  if (options.lastModified) headers['if-modified-since'] = options.lastModified;
  return request(url, { method: 'GET', headers, dispatcher: agent, signal });
}

function nextHop(from: URL, location: string, visited: Set<string>, maxRedirects: number): URL {
  let next: URL;
  try {
    next = parseHttpUrl(new URL(location, from));
  } catch (error) {
    throw new FetchError(
      'invalid-url',
      `redirect from ${from.href} to an unusable location: ${(error as Error).message}`,
    );
  }
  if (visited.has(next.href)) {
    throw new FetchError('redirect-loop', `redirect loop: ${from.href} leads back to ${next.href}`);
  }
  if (visited.size > maxRedirects) {
    throw new FetchError(
      'too-many-redirects',
      `more than ${maxRedirects} redirects starting at ${[...visited][0]}`,
    );
  }
  return next;
}

async function readDocument(
  url: URL,
  response: Response,
  deadline: AbortSignal,
  options: SafeFetchOptions,
): Promise<FetchedDocument> {
  const contentType = header(response.headers, 'content-type');
  const mediaType = contentType ? contentType.split(';')[0].trim().toLowerCase() : null;
  const document = {
    status: response.statusCode,
    url: url.href,
    mediaType,
    etag: header(response.headers, 'etag'),
    lastModified: header(response.headers, 'last-modified'),
  };
  if (response.statusCode === 304) {
    await response.body.dump();
    return { ...document, notModified: true, body: '' };
  }
  if (response.statusCode < 200 || response.statusCode >= 300) {
    await response.body.dump();
    throw new FetchError(
      'http-status',
      `${url.href} answered HTTP ${response.statusCode}`,
      response.statusCode,
    );
  }
  if (mediaType && options.acceptsMediaType && !options.acceptsMediaType(mediaType)) {
    await response.body.dump();
    throw new FetchError(
      'content-type',
      `${url.href} sent ${mediaType}, which is not a type expected here`,
    );
  }
  const declaredLength = Number(header(response.headers, 'content-length'));
  if (declaredLength > options.maxBytes) {
    response.body.destroy();
    throw tooLarge(url, options.maxBytes);
  }
  const bytes = await readLimited(decoded(response), options.maxBytes, url, deadline);
  return { ...document, notModified: false, body: decodeText(bytes, contentType) };
}

function decoded(response: Response): Readable {
  const encoding = (header(response.headers, 'content-encoding') ?? 'identity')
    .trim()
    .toLowerCase();
  const decoder =
    encoding === 'gzip' || encoding === 'x-gzip'
      ? createGunzip()
      : encoding === 'deflate'
        ? createInflate()
        : encoding === 'br'
          ? createBrotliDecompress()
          : null;
  if (decoder) return pipeline(response.body, decoder, () => undefined);
  if (encoding !== 'identity') {
    response.body.destroy();
    throw new FetchError('encoding', `unsupported content-encoding "${encoding}"`);
  }
  return response.body;
}

async function readLimited(
  stream: Readable,
  maxBytes: number,
  url: URL,
  deadline: AbortSignal,
): Promise<Buffer> {
  const chunks: Buffer[] = [];
  let total = 0;
  const abort = () => stream.destroy(deadline.reason as Error);
  deadline.addEventListener('abort', abort, { once: true });
  try {
    for await (const chunk of stream) {
      total += (chunk as Buffer).length;
      if (total > maxBytes) {
        stream.destroy();
        throw tooLarge(url, maxBytes);
      }
      chunks.push(chunk as Buffer);
    }
  } catch (error) {
    if (error instanceof FetchError) throw error;
    if ((error as NodeJS.ErrnoException).code?.startsWith('Z_')) {
      throw new FetchError(
        'encoding',
        `${url.href} sent a body that does not decompress: ${(error as Error).message}`,
      );
    }
    throw error;
  } finally {
    deadline.removeEventListener('abort', abort);
  }
  return Buffer.concat(chunks);
}

function decodeText(bytes: Buffer, contentType: string | null): string {
  const charset = /charset\s*=\s*"?([^";\s]+)/i.exec(contentType ?? '')?.[1];
  try {
    return new TextDecoder(charset ?? 'utf-8').decode(bytes);
  } catch {
    return new TextDecoder('utf-8').decode(bytes);
  }
}

/** The connection goes to the addresses that were checked, not to a fresh DNS answer. */
export function pinnedLookup(addresses: ResolvedAddress[]): LookupFunction {
  return ((
    _hostname: string,
    options: { all?: boolean },
    callback: (...args: unknown[]) => void,
  ) => {
    if (options.all) callback(null, addresses);
    else callback(null, addresses[0].address, addresses[0].family);
  }) as LookupFunction;
}

function asFetchError(
  error: unknown,
  url: URL,
  deadline: AbortSignal,
  timeoutMs: number,
): FetchError {
  if (error instanceof FetchError) return error;
  const code = (error as NodeJS.ErrnoException).code;
  if (deadline.aborted || code === 'UND_ERR_HEADERS_TIMEOUT' || code === 'UND_ERR_BODY_TIMEOUT') {
    return new FetchError(
      'timeout',
      `${url.href} did not answer completely within ${timeoutMs} ms`,
    );
  }
  return new FetchError(
    'network',
    `could not fetch ${url.href}: ${code ?? (error as Error).message}`,
  );
}

function tooLarge(url: URL, maxBytes: number): FetchError {
  return new FetchError('too-large', `${url.href} sent more than ${maxBytes} bytes`);
}

function header(headers: Response['headers'], name: string): string | null {
  const value = headers[name];
  return (Array.isArray(value) ? value[0] : value) ?? null;
}
