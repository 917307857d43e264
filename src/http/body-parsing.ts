import { isUtf8 } from 'node:buffer';
import {
  type CallHandler,
  type ExecutionContext,
  HttpException,
  type NestInterceptor,
  SetMetadata,
} from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import { type Request } from 'express';
import { type Readable, type Transform } from 'node:stream';
import { createBrotliDecompress, createGunzip, createInflate, type Zlib } from 'node:zlib';
import { type Observable } from 'rxjs';
import { type AppConfig } from '../config/config';
import { unstorableProblem } from './unstorable-input';

/** Room for the fields around the text of each article in a batch (title, url, escapes, …). */
const PER_ARTICLE_ENVELOPE_BYTES = 64 * 1024;

/** A full batch of articles of the largest allowed size must fit in one body. */
export function jsonBodyLimit(config: AppConfig): number {
  return config.limits.maxBatchSize * (config.limits.maxArticleBytes + PER_ARTICLE_ENVELOPE_BYTES);
}

/** Every other body holds at most one article (or much less). */
export function singleBodyLimit(config: AppConfig): number {
  return config.limits.maxArticleBytes + PER_ARTICLE_ENVELOPE_BYTES;
}

const BATCH_BODY = 'tonewatch:batch-body';

/**
 * Marks the one route that may receive a batch-sized body (hundreds of megabytes at the
 * defaults). Its `articles[i]` items are checked for unstorable input by the handler, one
 * by one, so that one bad item is refused alone; every other route gets singleBodyLimit.
 */
export const BatchBody = () => SetMetadata(BATCH_BODY, true);

const JSON_TYPES = ['application/json', 'application/*+json'];

function refusal(status: number, message: string): HttpException {
  const error =
    status === 413
      ? 'Payload Too Large'
      : status === 415
        ? 'Unsupported Media Type'
        : 'Bad Request';
  return new HttpException({ statusCode: status, error, message }, status);
}

const WRITE_METHODS = new Set(['POST', 'PUT', 'PATCH']);

function hasBody(req: Request): boolean {
  return (
    WRITE_METHODS.has(req.method) &&
    (req.headers['transfer-encoding'] !== undefined ||
      Number(req.headers['content-length'] ?? 0) > 0)
  );
}

function contentEncoding(req: Request): string {
  return (
    String(req.headers['content-encoding'] ?? '')
      .trim()
      .toLowerCase() || 'identity'
  );
}

/**
 * What is wrong with a body's headers, checked before a byte of it is read: not JSON, a
 * charset other than UTF-8 (body-parser would decode UTF-16 or UTF-7, although only UTF-8 is
 * accepted), or compression when ACCEPT_COMPRESSED_BODIES is off.
 */
function headerProblem(req: Request, acceptCompressed: boolean): HttpException | undefined {
  if (!req.is(JSON_TYPES)) {
    return refusal(
      415,
      `request body must be application/json (got ${req.headers['content-type'] ?? 'no content-type'})`,
    );
  }
  const charset = /;\s*charset\s*=\s*"?([^";\s]*)"?/i.exec(req.headers['content-type'] ?? '');
  if (charset && !/^utf-?8$/i.test(charset[1])) {
    return refusal(
      415,
      `request body must be UTF-8: charset=${charset[1].slice(0, 40)} is not accepted (send UTF-8 and charset=utf-8, or no charset)`,
    );
  }
  const encoding = contentEncoding(req);
  if (encoding !== 'identity') {
    if (!acceptCompressed) {
      return refusal(
        415,
        `Content-Encoding ${encoding.slice(0, 40)} is not accepted: send the body uncompressed (compressed bodies are read only when ACCEPT_COMPRESSED_BODIES=true)`,
      );
    }
    if (!DECODERS.has(encoding)) {
      return refusal(
        415,
        `Content-Encoding ${encoding.slice(0, 40)} is not supported (gzip, deflate or br)`,
      );
    }
  }
  return undefined;
}

/** Refused as soon as the count passes the limit: the rest of the body is never read. */
class TooLarge extends Error {}

/**
 * JSON text compresses to a tenth or so of its size, very repetitive text to a fiftieth; a
 * body that inflates more than this many times over, past the first MiB, is refused as a
 * compression bomb before it reaches the route's (much larger) limit.
 */
export const MAX_INFLATION_RATIO = 100;
const INFLATION_ALLOWANCE = 1 << 20;

class TooInflated extends Error {}

const DECODERS = new Map<string, () => Transform & Zlib>([
  ['gzip', createGunzip],
  ['x-gzip', createGunzip],
  ['deflate', createInflate],
  ['br', createBrotliDecompress],
]);

function decoderFor(encoding: string): (Transform & Zlib) | undefined {
  return DECODERS.get(encoding)?.();
}

/**
 * The body's bytes, decompressed when it is compressed, or a TooLarge as soon as more than
 * `limit` bytes have come out. On refusal the request is unpiped and paused, never drained:
 * the error filter answers with `Connection: close`, so the rest is not read at all
 * (body-parser, by contrast, reads every remaining byte before it answers 413).
 */
function readBody(req: Request, encoding: string, limit: number): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const decoder = decoderFor(encoding);
    const source: Readable = decoder ? req.pipe(decoder) : req;
    const chunks: Buffer[] = [];
    let size = 0;
    let settled = false;
    const finish = (error: Error | undefined, body?: Buffer): void => {
      if (settled) return;
      settled = true;
      source.removeAllListeners('data');
      if (error) {
        req.unpipe();
        req.pause();
        decoder?.destroy();
        chunks.length = 0;
        reject(error);
      } else resolve(body!);
    };
    source.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size > limit) finish(new TooLarge());
      // bytesWritten: the compressed bytes the decoder has consumed to produce `size`.
      else if (
        decoder &&
        size > INFLATION_ALLOWANCE &&
        size > MAX_INFLATION_RATIO * decoder.bytesWritten
      ) {
        finish(new TooInflated());
      } else chunks.push(chunk);
    });

    source.on('end', () => finish(undefined, Buffer.concat(chunks, size)));
    source.on('error', (error: Error) =>
      finish(
        decoder && source === decoder
          ? refusal(400, `request body is not valid ${encoding} data: ${error.message}`)
          : error,
      ),
    );
    if (decoder) req.on('error', (error: Error) => finish(error));
    req.on('aborted', () => finish(refusal(400, 'request body was cut short by the client')));
  });
}

function parseJson(bytes: Buffer): unknown {
  if (!isUtf8(bytes)) throw refusal(400, 'request body is not valid UTF-8');
  const text = bytes.toString('utf8').replace(/^\uFEFF/, '');
  if (text.trim() === '') return {};
  // As body-parser's strict mode: a body is an object or an array, never a bare value.
  if (!/^[\s]*[[{]/.test(text)) {
    throw refusal(400, 'request body is not valid JSON: it must be an object or an array');
  }
  try {
    return JSON.parse(text) as unknown;
  } catch (error) {
    throw refusal(400, `request body is not valid JSON: ${(error as Error).message}`);
  }
}

/**
 * Reads JSON bodies after the route is known and its guards have passed, so that nobody
 * without a valid key can make the API buffer, inflate or parse anything, and so that the
 * size limit is the route's own. Nest runs guards, then interceptors, then the pipes that
 * read `@Body()`: this interceptor sits in the middle. Its size limits are checked against
 * Content-Length before reading, and against the bytes actually read (after decompression,
 * when that is turned on) while reading.
 */
export class JsonBodyInterceptor implements NestInterceptor {
  private readonly reflector = new Reflector();

  constructor(private readonly config: AppConfig) {}

  async intercept(context: ExecutionContext, next: CallHandler): Promise<Observable<unknown>> {
    if (context.getType() !== 'http') return next.handle();
    const req = context.switchToHttp().getRequest<Request>();
    if (!hasBody(req)) return next.handle();
    const headers = headerProblem(req, this.config.limits.acceptCompressedBodies);
    if (headers) throw headers;

    const isBatch =
      this.reflector.getAllAndOverride<boolean | undefined>(BATCH_BODY, [
        context.getHandler(),
        context.getClass(),
      ]) === true;
    const limit = isBatch ? jsonBodyLimit(this.config) : singleBodyLimit(this.config);
    const tooLarge = () =>
      refusal(
        413,
        `request body is larger than the limit of ${limit} bytes (counted after decompression)`,
      );
    const encoding = contentEncoding(req);
    if (encoding === 'identity' && Number(req.headers['content-length'] ?? 0) > limit) {
      throw tooLarge();
    }
    let bytes: Buffer;
    try {
      bytes = await readBody(req, encoding, limit);
    } catch (error) {
      if (error instanceof TooInflated) {
        throw refusal(
          413,
          `request body inflates to more than ${MAX_INFLATION_RATIO} times its compressed size; send it uncompressed`,
        );
      }
      throw error instanceof TooLarge ? tooLarge() : error;
    }
    req.body = parseJson(bytes);
    const problem = unstorableProblem(req.body, { batchItems: isBatch });
    if (problem) throw refusal(400, problem);
    return next.handle();
  }
}
