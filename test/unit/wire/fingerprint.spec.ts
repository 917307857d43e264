import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { htmlToText } from '../../../src/extraction/html-to-text';
import { MIN_FINGERPRINT_WORDS, paragraphFingerprints } from '../../../src/wire/fingerprint';

const articles = join(__dirname, '../../fixtures/feeds/articles');
const textOf = (file: string): string =>
  htmlToText(readFileSync(join(articles, file), 'utf8')).text;

const LONG =
  'China and the United States have agreed to restore a military hotline between their defense chiefs.';

describe('paragraphFingerprints', () => {
  it('ignores case, punctuation, typography and spacing', () => {
    const restyled =
      '  china AND the United-States have agreed — to restore a “military hotline” between\ntheir defense chiefs!';
    expect(paragraphFingerprints(restyled)).toEqual(paragraphFingerprints(LONG));
  });

  it('tells apart paragraphs whose words differ', () => {
    const edited = LONG.replace('restore', 'reopen');
    expect(paragraphFingerprints(edited)).not.toEqual(paragraphFingerprints(LONG));
  });

  it(`skips paragraphs shorter than ${MIN_FINGERPRINT_WORDS} words and repeats`, () => {
    const text = `WASHINGTON (Global Desk)\n\n${LONG}\n\nRead more.\n\n${LONG}`;
    expect(paragraphFingerprints(text)).toHaveLength(1);
  });

  it('finds most paragraphs of a restyled, lightly edited reprint in the original', () => {
    const original = new Set(paragraphFingerprints(textOf('hotline-wire.html')));
    const reprint = paragraphFingerprints(textOf('hotline-reprint.html'));
    const shared = reprint.filter((fingerprint) => original.has(fingerprint));
    expect(reprint.length).toBeGreaterThanOrEqual(5);
    expect(shared.length / reprint.length).toBeGreaterThanOrEqual(0.5);
    expect(shared.length).toBeLessThan(reprint.length);
  });

  it('finds nothing shared between unrelated stories', () => {
    const talks = new Set(paragraphFingerprints(textOf('geneva-talks.html')));
    expect(paragraphFingerprints(textOf('chip-curbs.html')).filter((f) => talks.has(f))).toEqual(
      [],
    );
  });
});
