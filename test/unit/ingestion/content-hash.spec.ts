import { contentHash, normalizeForHash } from '../../../src/ingestion/content-hash';

describe('content hash for duplicate detection', () => {
  const base = 'Talks resumed{d}the first round in months{d}without a statement.';

  it.each([
    ' — ',
    '—',
    ' -- ',
    '--',
    '---',
    ' – ',
    '–',
    ' - ',
    ' \u2015 ',
    ' \u2212 ',
    '\u00a0—\u00a0',
  ])('levels the dash %j with an em dash', (dash) => {
    expect(contentHash(base.replaceAll('{d}', dash))).toBe(
      contentHash(base.replaceAll('{d}', ' — ')),
    );
  });

  it('keeps words apart and hyphenated words whole', () => {
    expect(normalizeForHash('a well-known  envoy — and  aides')).toBe(
      'a well-known envoy-and aides',
    );
    expect(contentHash('peace talks')).not.toBe(contentHash('peace-talks talks'));
    expect(contentHash('one - two')).not.toBe(contentHash('one two'));
  });

  it('still levels quotes, Unicode forms and whitespace', () => {
    expect(contentHash('“Fair,” she said\u2026')).toBe(contentHash('"Fair," she said...'));
    expect(contentHash('ｆｕｌｌ width\n\n text')).toBe(contentHash('full width text'));
  });
});
