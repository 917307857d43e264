import { createHash } from 'node:crypto';
import { normalizeTypography } from '../analysis/normalize';

/**
 * The text two postings must share to count as the same article: typography, Unicode forms
 * and whitespace differ between feeds, copy-paste and HTML extraction, so they are levelled
 * out before hashing. Dashes too: an em dash, an en dash, ASCII `--` or `---`, or a spaced
 * hyphen, with or without spaces around it, all become one `-` (typewritten copy and
 * typeset copy of one story then hash alike). The stored body keeps the text as it arrived.
 */
export function normalizeForHash(text: string): string {
  return normalizeTypography(text.normalize('NFKC'))
    .replace(/\s*-+\s*/g, '-')
    .replace(/\s+/g, ' ')
    .trim();
}

export function contentHash(text: string): string {
  return createHash('sha256').update(normalizeForHash(text)).digest('hex');
}

/**
 * The hash articles were stored under before dashes were levelled. Where it differs from
 * contentHash (the text has a dash), a submission is also looked up under it, so that a repost
 * of an article stored earlier is still recognised.
 */
export function legacyContentHash(text: string): string {
  const levelled = normalizeTypography(text.normalize('NFKC')).replace(/\s+/g, ' ').trim();
  return createHash('sha256').update(levelled).digest('hex');
}
