import { randomUUID } from 'node:crypto';
import { type NextFunction, type Request, type Response } from 'express';

const HEADER = 'x-request-id';
const ACCEPTABLE = /^[A-Za-z0-9._:-]{1,100}$/;

/**
 * Every request carries an id (the caller's, when it sends a sane one), echoed in the
 * response header and in error bodies, and stored with the article it submits.
 */
export function assignRequestId(req: Request, res: Response, next: NextFunction): void {
  const given = req.headers[HEADER];
  const id = typeof given === 'string' && ACCEPTABLE.test(given) ? given : randomUUID();
  req.headers[HEADER] = id;
  res.setHeader(HEADER, id);
  next();
}

export function requestIdOf(req: Request): string | undefined {
  const id = req.headers[HEADER];
  return typeof id === 'string' ? id : undefined;
}
