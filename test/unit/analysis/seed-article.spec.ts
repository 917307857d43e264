import { readFileSync } from 'node:fs';
import { analyzeArticle } from '../../../src/analysis';
import { describeWithShared } from '../../support/shared';

interface SeedLabels {
  paragraphs: { index: number; accept: string[] }[];
  framing: { paragraph: number; phrase: string; side: string }[];
  tone_expectations: { paragraph: number; sign: 'positive' | 'negative' }[];
}

const ARTICLE = 'fixtures/seed-article.txt';
const LABELS = 'fixtures/seed-labels.json';

describeWithShared('seed article acceptance (../shared/fixtures)', [ARTICLE, LABELS], (paths) => {
  const load = () => {
    const labels = JSON.parse(readFileSync(paths[LABELS], 'utf8')) as SeedLabels;
    const analysis = analyzeArticle(readFileSync(paths[ARTICLE], 'utf8'));
    return { labels, analysis };
  };

  it('splits into the labelled paragraphs', () => {
    const { labels, analysis } = load();
    expect(analysis.paragraphs).toHaveLength(labels.paragraphs.length);
  });

  it('agrees with the accepted side labels for at least 17 of 18 paragraphs', () => {
    const { labels, analysis } = load();
    const agreed = labels.paragraphs.filter((l) =>
      l.accept.includes(analysis.paragraphs[l.index].side),
    );
    expect(agreed.length).toBeGreaterThanOrEqual(17);
  });

  it('attributes "respectful" and "familiar and sincere" to us and "serious difficulties" to china', () => {
    const { analysis } = load();
    const hit = (paragraph: number, phrase: string) =>
      analysis.paragraphs[paragraph].frames.find((f) => f.phrase.toLowerCase() === phrase);
    expect(hit(3, 'respectful')?.side).toBe('us');
    expect(hit(3, 'familiar and sincere')?.side).toBe('us');
    expect(hit(5, 'serious difficulties')?.side).toBe('china');
  });

  it('finds every labelled framing phrase with the labelled side', () => {
    const { labels, analysis } = load();
    for (const f of labels.framing) {
      const hits = analysis.paragraphs[f.paragraph].frames;
      expect(hits).toContainEqual(
        expect.objectContaining({
          phrase: expect.stringMatching(new RegExp(`^${f.phrase}$`, 'i')),
          side: f.side,
        }),
      );
    }
  });

  it('meets the tone expectations of the fixture', () => {
    const { labels, analysis } = load();
    for (const t of labels.tone_expectations) {
      const v = analysis.paragraphs[t.paragraph].tone.value;
      if (t.sign === 'negative') expect(v).toBeLessThan(0);
      else expect(v).toBeGreaterThan(0);
      expect(analysis.paragraphs[t.paragraph].tone.label).toBe(t.sign);
    }
  });

  it('does not score "United" in "United States" as praise', () => {
    const { analysis } = load();
    const terms = analysis.paragraphs.flatMap((p) => p.tone.terms.map((t) => t.term));
    expect(terms).not.toContain('United');
  });
});
