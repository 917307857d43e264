import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { analyzeArticle, MIXED, NEUTRAL } from '../../../src/analysis';

// Agency style ("U.S.", ranked spokespeople, military commands as speakers, "the fleet said",
// third parties such as Taiwan's ministries and think-tank analysts), on an article written
// for this test in the manner of a wire report.

const article = readFileSync(
  join(__dirname, '../../fixtures/articles/taiwan-strait-transit.txt'),
  'utf8',
);

describe('a wire report on a Taiwan Strait transit', () => {
  const paragraphs = analyzeArticle(article, { monitor: 'us-china' }).paragraphs;

  it.each([
    [0, 'china', 'China'],
    [1, 'china', 'Eastern Theater Command spokesperson Senior Col. Shi Yi'],
    [2, 'china', 'Shi'],
    [3, 'us', 'The U.S. Navy'],
    [4, 'us', 'the fleet'],
    [5, 'us', 'Secretary of State Antony Blinken'],
    [6, 'us', 'Blinken'],
    // The named speaker wins over the document that reports her words.
    [7, 'china', 'Wang'],
    [8, NEUTRAL, 'Analysts'],
    [9, NEUTRAL, 'Bonnie Glaser'],
    [10, NEUTRAL, "Taiwan's defense ministry"],
  ])('paragraph %i is %s (%s…)', (index, side, speaker) => {
    const paragraph = paragraphs[index];
    expect(paragraph.side).toBe(side);
    expect(paragraph.speaker?.startsWith(speaker)).toBe(true);
  });
});

describe('a wire report on strikes on the power grid (second monitor)', () => {
  const text = readFileSync(join(__dirname, '../../fixtures/articles/grid-strikes.txt'), 'utf8');
  const paragraphs = analyzeArticle(text, { monitor: 'russia-ukraine' }).paragraphs;

  it.each([
    [0, MIXED],
    [1, 'ukraine'],
    [2, 'ukraine'],
    [3, 'russia'],
    [4, 'russia'],
    [5, 'russia'],
    [6, NEUTRAL],
  ])('paragraph %i is %s', (index, side) => {
    expect(paragraphs[index].side).toBe(side);
  });

  it('knows the president under the agency spelling Zelenskiy', () => {
    expect(paragraphs[2].speaker).toBe('President Volodymyr Zelenskiy');
  });
});

describe('agency abbreviations and phrasing', () => {
  const first = (text: string) => analyzeArticle(text, { monitor: 'us-china' }).paragraphs[0];

  it.each([
    ['U.S. officials said the transit was routine.', 'us'],
    ['A U.S. official said the transit was routine.', 'us'],
    ['The U.S. said the transit was routine.', 'us'],
    ['The talks with the U.S. were tense, Chinese officials said.', 'china'],
    ['The China Coast Guard said it had expelled the vessel.', 'china'],
  ])('%s → %s', (text, side) => {
    expect(first(text).side).toBe(side);
  });

  it('counts "U.S." as a mention of the us side', () => {
    expect(first('Beijing said it would respond to the U.S. tariffs.').targets).toContain('us');
  });

  it('does not take "a statement posted online" for an inverted speaker', () => {
    const paragraph = first(
      '"We are ready," Eastern Theater Command spokesperson Senior Col. Shi Yi said in a statement posted online.',
    );
    expect(paragraph.speaker).toBe('Eastern Theater Command spokesperson Senior Col. Shi Yi');
    expect(paragraph.sideReason).not.toMatch(/online/);
  });

  it("keeps a third party's ministry from referring back to an earlier ministry", () => {
    const paragraphs = analyzeArticle(
      [
        'China\'s foreign ministry said the sale "seriously violates" its sovereignty.',
        "Taiwan's defense ministry said it had monitored the situation.",
      ].join('\n\n'),
      { monitor: 'us-china' },
    ).paragraphs;
    expect(paragraphs.map((p) => p.side)).toEqual(['china', NEUTRAL]);
  });
});
