import { type NextFunction, type Request, type Response } from 'express';

/** Deeper than any request body Tonewatch accepts; deep enough nesting overflows the validator's stack. */
export const MAX_BODY_DEPTH = 32;
/** Keys that reshape objects when copied with Object.assign or merged; no field is named so. */
const PROTOTYPE_KEYS = new Set(['__proto__', 'constructor', 'prototype']);

/**
 * Refuses, as 400s naming the field, input that no handler could use: a NUL character (Postgres
 * text cannot hold one, so it would fail as a 500 deep inside a query) anywhere in the query
 * string or the JSON body, JSON nested more than MAX_BODY_DEPTH levels, and prototype keys
 * (`__proto__`, which JSON.parse keeps as a plain key that the DTO whitelist does not see).
 */
export function rejectUnstorableInput(req: Request, res: Response, next: NextFunction): void {
  const inQuery = findProblem(req.query, '', 0);
  const problem = inQuery ? `query parameter ${inQuery}` : findProblem(req.body, '', 0);
  if (!problem) return next();
  res.status(400).json({
    statusCode: 400,
    error: 'Bad Request',
    message: problem,
    requestId: req.headers['x-request-id'],
  });
}

/** Describes the first problem as "<field> …", the field as a dotted path (`articles[2].text`). */
function findProblem(value: unknown, path: string, depth: number): string | undefined {
  if (depth > MAX_BODY_DEPTH) return `${path} is nested more than ${MAX_BODY_DEPTH} levels deep`;
  if (typeof value === 'string') {
    return value.includes('\u0000') ? `${path || 'body'} contains a NUL character` : undefined;
  }
  if (value === null || typeof value !== 'object') return undefined;
  for (const [key, item] of Object.entries(value)) {
    if (key.includes('\u0000')) return `${path || 'body'} has a field name with a NUL character`;
    const field = Array.isArray(value) ? `${path}[${key}]` : path ? `${path}.${key}` : key;
    if (PROTOTYPE_KEYS.has(key)) return `${field} is not an accepted field`;
    const found = findProblem(item, field, depth + 1);
    if (found) return found;
  }
  return undefined;
}
