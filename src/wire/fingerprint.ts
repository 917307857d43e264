import { createHash } from 'node:crypto';

/** Shorter paragraphs ("Reuters", "Read more", a dateline) are shared by unrelated stories. */
export const MIN_FINGERPRINT_WORDS = 12;

/**
 * One hash per paragraph long enough to identify wire copy. Case, punctuation, typography
 * and spacing are dropped before hashing, so an outlet that restyles quotes or dashes still
 * produces the same fingerprint; a paragraph whose words were edited does not.
 */
export function paragraphFingerprints(text: string): string[] {
  const fingerprints = new Set<string>();
  for (const paragraph of text.split(/\n\s*\n/)) {
    const words = paragraph
      .normalize('NFKC')
      .toLowerCase()
      .replace(/[^\p{L}\p{N}\s]+/gu, '')
      .split(/\s+/)
      .filter(Boolean);
    if (words.length < MIN_FINGERPRINT_WORDS) continue;
    fingerprints.add(createHash('sha256').update(words.join('')).digest('hex').slice(0, 32));
  }
  return [...fingerprints];
}
