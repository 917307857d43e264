import { type NextFunction, type Request, type Response } from 'express';

/** Deeper than any request body Tonewatch accepts; deep enough nesting overflows the validator's stack. */
export const MAX_BODY_DEPTH = 32;
/** Keys that reshape objects when copied with Object.assign or merged; no field is named so. */
const PROTOTYPE_KEYS = new Set(['__proto__', 'constructor', 'prototype']);
/** A high surrogate not followed by a low one, or a low one not preceded by a high one. */
const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;

/**
 * Refuses, as 400s naming the parameter, query strings that no handler could use: a NUL
 * character (Postgres text cannot hold one, so it would fail as a 500 deep inside a query)
 * or a lone surrogate. Bodies are checked the same way by JsonBodyInterceptor once read.
 */
export function rejectUnstorableQuery(req: Request, res: Response, next: NextFunction): void {
  const inQuery = findProblem(req.query, '', 0);
  if (!inQuery) return next();
  res.status(400).json({
    statusCode: 400,
    error: 'Bad Request',
    message: `query parameter ${inQuery}`,
    requestId: req.headers['x-request-id'],
  });
}

/**
 * The first problem of a JSON body, as "<field> …" with the field as a dotted path
 * (`articles[2].text`): a NUL character, a lone surrogate (a `\ud800` escape; stored as UTF-8 it
 * would silently become U+FFFD), JSON nested more than MAX_BODY_DEPTH levels, or a prototype
 * key (`__proto__`, which JSON.parse keeps as a plain key that the DTO whitelist does not
 * see). With batchItems, characters inside the items of `articles` are left to
 * batchItemProblem, so that such an item is refused alone; depth and keys are checked
 * everywhere, since the whole body is transformed before any item is looked at.
 */
export function unstorableProblem(
  body: unknown,
  options: { batchItems?: boolean } = {},
): string | undefined {
  if (options.batchItems && isBatchEnvelope(body)) {
    for (const [key, value] of Object.entries(body)) {
      if (key !== 'articles') continue;
      const found = findProblem(value, 'articles', 1, (path) => /^articles\[\d+\]/.test(path));
      if (found) return found;
    }
    const envelope = Object.entries(body).filter(([key]) => key !== 'articles');
    return findProblem(Object.fromEntries(envelope), '', 0);
  }
  return findProblem(body, '', 0);
}

/** Characters of one item of a batch, at its place in the body (the rest is checked up front). */
export function batchItemProblem(item: unknown, index: number): string | undefined {
  return findProblem(item, `articles[${index}]`, 2);
}

function isBatchEnvelope(body: unknown): body is Record<string, unknown> {
  return (
    body !== null &&
    typeof body === 'object' &&
    !Array.isArray(body) &&
    Array.isArray((body as Record<string, unknown>).articles)
  );
}

/** "a NUL character" or "a lone surrogate …" when the text holds one. */
function badCharacter(text: string): string | undefined {
  if (text.includes('\u0000')) return 'a NUL character';
  if (LONE_SURROGATE.test(text)) {
    return 'a lone UTF-16 surrogate (a \\ud800-style escape without its pair is not a character)';
  }
  return undefined;
}

function findProblem(
  value: unknown,
  path: string,
  depth: number,
  skipCharacters: (path: string) => boolean = () => false,
): string | undefined {
  if (depth > MAX_BODY_DEPTH) return `${path} is nested more than ${MAX_BODY_DEPTH} levels deep`;
  if (typeof value === 'string') {
    const bad = skipCharacters(path) ? undefined : badCharacter(value);
    return bad ? `${path || 'body'} contains ${bad}` : undefined;
  }
  if (value === null || typeof value !== 'object') return undefined;
  for (const [key, item] of Object.entries(value)) {
    const badKey = skipCharacters(path) ? undefined : badCharacter(key);
    if (badKey) return `${path || 'body'} has a field name with ${badKey}`;
    const field = Array.isArray(value) ? `${path}[${key}]` : path ? `${path}.${key}` : key;
    if (PROTOTYPE_KEYS.has(key)) return `${field} is not an accepted field`;
    const found = findProblem(item, field, depth + 1, skipCharacters);
    if (found) return found;
  }
  return undefined;
}
