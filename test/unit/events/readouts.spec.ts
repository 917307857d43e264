import { join } from 'node:path';
import { analyzeArticle } from '../../../src/analysis';
import {
  ASYMMETRY_WEIGHTS,
  compareReadouts,
  contentWords,
  distinctiveTerms,
  readLabelledEventSet,
  type EventParagraph,
} from '../../../src/events/core';

const set = readLabelledEventSet(join(__dirname, '../../fixtures/events/grouping-set.json'));

function paragraphsOf(event: string): EventParagraph[] {
  return set.articles
    .filter((a) => a.event === event)
    .flatMap((a) =>
      analyzeArticle(a.text, { monitor: 'us-china', source: a.source }).paragraphs.map((p) => ({
        articleId: a.id,
        index: p.index,
        side: p.side,
        speaker: p.speaker,
        text: p.text,
        evidence: p.evidence,
        tone: p.tone.value,
        frames: p.frames,
      })),
    );
}

function paragraph(
  side: string,
  text: string,
  tone: number,
  frames: string[] = [],
): EventParagraph {
  return {
    articleId: `a-${side}`,
    index: 0,
    side,
    speaker: `${side} spokesperson`,
    text,
    evidence: { start: 0, end: 5 },
    tone,
    frames: frames.map((f) => ({ frame: f, phrase: f, negated: false, start: 0, end: f.length })),
  };
}

describe('compareReadouts', () => {
  it("puts each side's account of the first call side by side, with an asymmetry in [0, 1]", () => {
    const { sides, asymmetry } = compareReadouts(
      paragraphsOf('hale-liang-call'),
      ['us', 'china'],
      'us-china',
    );
    const us = sides.find((s) => s.side === 'us')!;
    const china = sides.find((s) => s.side === 'china')!;
    expect(us.paragraphs).toBeGreaterThan(0);
    expect(china.paragraphs).toBeGreaterThan(0);
    expect(china.quotes.length).toBeGreaterThan(0);
    expect(china.quotes[0].speaker).not.toBeNull();
    // the State Department's readout is the one that calls the call constructive; Beijing's
    // foreign ministry is the one that speaks of a red line
    expect(us.frames.map((f) => f.frame)).toContain('constructive');
    expect(china.frames.map((f) => f.frame)).toContain('red-line');
    expect(asymmetry!.framesOnlyIn.china).toContain('red-line');
    // a side's distinctive terms are words its own paragraphs use more than the other side's
    const usWords = paragraphsOf('hale-liang-call')
      .filter((p) => p.side === 'us')
      .flatMap((p) => contentWords(p.text, 'us-china'));
    expect(china.distinctiveTerms.length).toBeGreaterThan(0);
    for (const { term, count } of china.distinctiveTerms) {
      expect(count).toBeGreaterThan(0);
      expect(count).toBeGreaterThanOrEqual(usWords.filter((w) => w === term).length);
    }
    expect(asymmetry).not.toBeNull();
    expect(asymmetry!.score).toBeGreaterThan(0);
    expect(asymmetry!.score).toBeLessThanOrEqual(1);
  });

  it('scores two matching accounts 0 and two opposed ones by the documented weights', () => {
    const same = compareReadouts(
      [
        paragraph('us', 'The talks on methane were respectful and useful.', 0.5, ['respectful']),
        paragraph('china', 'The talks on methane were respectful and useful.', 0.5, ['respectful']),
      ],
      ['us', 'china'],
      'us-china',
    );
    expect(same.asymmetry!.score).toBeCloseTo(0, 6);
    expect(same.asymmetry!.toneGap).toBeCloseTo(0, 6);

    const opposed = compareReadouts(
      [
        paragraph('us', 'Fentanyl hotline progress welcomed.', 0.6, ['constructive']),
        paragraph('china', 'Taiwan red line warning issued.', -0.6, ['red-line']),
      ],
      ['us', 'china'],
      'us-china',
    );
    const a = opposed.asymmetry!;
    expect(a.toneGap).toBeCloseTo(1.2, 6);
    expect(a.frameDivergence).toBe(1);
    expect(a.termDivergence).toBe(1);
    expect(a.framesOnlyIn).toEqual({ us: ['constructive'], china: ['red-line'] });
    expect(a.score).toBeCloseTo(
      ASYMMETRY_WEIGHTS.tone + ASYMMETRY_WEIGHTS.frames + ASYMMETRY_WEIGHTS.terms,
      6,
    );
  });

  it('has no asymmetry when only one side speaks', () => {
    const { sides, asymmetry } = compareReadouts(
      [
        paragraph('us', 'The Navy released video of the encounter.', -0.2),
        paragraph('neutral', 'Ships met.', 0),
      ],
      ['us', 'china'],
      'us-china',
    );
    expect(asymmetry).toBeNull();
    expect(sides.map((s) => [s.side, s.paragraphs])).toEqual([
      ['us', 1],
      ['china', 0],
      ['neutral', 1],
    ]);
    expect(sides[1].meanTone).toBeNull();
  });
});

describe('distinctiveTerms', () => {
  it('ranks the words one side uses and the others do not first', () => {
    const own = new Map([
      ['taiwan', 3],
      ['talk', 2],
    ]);
    const rest = new Map([
      ['talk', 4],
      ['fentanyl', 2],
    ]);
    expect(distinctiveTerms(own, rest).map((t) => t.term)).toEqual(['taiwan']);
  });
});
