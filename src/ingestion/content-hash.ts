import { createHash } from 'node:crypto';
import { normalizeTypography } from '../analysis/normalize';

/**
 * The text two postings must share to count as the same article: typography, Unicode forms
 * and whitespace differ between feeds, copy-paste and HTML extraction, so they are levelled
 * out before hashing. The stored body keeps the text exactly as it arrived.
 */
export function normalizeForHash(text: string): string {
  return normalizeTypography(text.normalize('NFKC')).replace(/\s+/g, ' ').trim();
}

export function contentHash(text: string): string {
  return createHash('sha256').update(normalizeForHash(text)).digest('hex');
}
