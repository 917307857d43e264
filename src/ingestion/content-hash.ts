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
