import { isUtf8 } from 'node:buffer';
import { json, type NextFunction, type Request, type Response } from 'express';
import { type AppConfig } from '../config/config';
import { requestIdOf } from './request-id';

/** Room for the fields around the text of each article in a batch (title, url, escapes, …). */
const PER_ARTICLE_ENVELOPE_BYTES = 64 * 1024;

/** A full batch of articles of the largest allowed size must fit in one body. */
export function jsonBodyLimit(config: AppConfig): number {
  return config.maxBatchSize * (config.maxArticleBytes + PER_ARTICLE_ENVELOPE_BYTES);
}

/** Every other body holds at most one article (or much less). */
export function singleBodyLimit(config: AppConfig): number {
  return config.maxArticleBytes + PER_ARTICLE_ENVELOPE_BYTES;
}

const BATCH_PATH = '/api/articles/batch';

/**
 * Only the batch route may send a batch-sized body (hundreds of megabytes at the defaults);
 * anywhere else a body that large is refused with 413 before it is buffered.
 */
export function jsonBodyParser(config: AppConfig) {
  const options = { type: ['application/json', 'application/*+json'], verify: requireUtf8 };
  const batch = json({ ...options, limit: jsonBodyLimit(config) });
  const single = json({ ...options, limit: singleBodyLimit(config) });
  return (req: Request, res: Response, next: NextFunction): void =>
    // Routing ignores case and a trailing slash, so the choice must too.
    (req.path.toLowerCase().replace(/\/+$/, '') === BATCH_PATH ? batch : single)(req, res, next);
}

const INVALID_UTF8 = 'entity.encoding.invalid';

/** Decoding would turn invalid bytes into U+FFFD and store the mangled text as if it were sent. */
function requireUtf8(_req: Request, _res: Response, body: Buffer, encoding: string): void {
  if (/^utf-?8$/i.test(encoding) && !isUtf8(body)) {
    throw Object.assign(new Error('request body is not valid UTF-8'), { type: INVALID_UTF8 });
  }
}

const WRITE_METHODS = new Set(['POST', 'PUT', 'PATCH']);

function hasBody(req: Request): boolean {
  return (
    WRITE_METHODS.has(req.method) &&
    (req.headers['transfer-encoding'] !== undefined ||
      Number(req.headers['content-length'] ?? 0) > 0)
  );
}

/** A body in any other format would otherwise arrive as "no body" and confuse the validation message. */
export function requireJsonBody(req: Request, res: Response, next: NextFunction): void {
  if (hasBody(req) && !req.is(['application/json', 'application/*+json'])) {
    res.status(415).json({
      statusCode: 415,
      error: 'Unsupported Media Type',
      message: `request body must be application/json (got ${req.headers['content-type'] ?? 'no content-type'})`,
      requestId: requestIdOf(req),
    });
    return;
  }
  next();
}

interface BodyParserError {
  status?: number;
  type?: string;
  message?: string;
  limit?: number;
}

/** body-parser reports client mistakes (bad JSON, too large, bad charset) as errors with a status. */
export function bodyParserErrors(
  error: unknown,
  req: Request,
  res: Response,
  next: NextFunction,
): void {
  const problem = error as BodyParserError;
  if (typeof problem?.status !== 'number' || problem.status < 400 || problem.status >= 500) {
    next(error);
    return;
  }
  // body-parser reports every failed verify as 403; bad bytes are a malformed request.
  if (problem.type === INVALID_UTF8) problem.status = 400;
  const message =
    problem.type === 'entity.parse.failed'
      ? `request body is not valid JSON: ${problem.message ?? 'parse error'}`
      : problem.type === 'entity.too.large'
        ? `request body is larger than the limit of ${problem.limit} bytes`
        : (problem.message ?? 'bad request body');
  res.status(problem.status).json({
    statusCode: problem.status,
    error:
      problem.status === 413
        ? 'Payload Too Large'
        : problem.status === 415
          ? 'Unsupported Media Type'
          : 'Bad Request',
    message,
    requestId: requestIdOf(req),
  });
}
